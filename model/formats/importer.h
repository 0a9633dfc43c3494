#pragma once

#include "event/event.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

struct ImportError
{
    QString file;
    qint64 line = 0; // 1-based; 0 when the error is about the whole file or a JSON element
    QString reason;
};

struct ImportBatch
{
    QList<Event> events;
    QStringList eventTypes; // parallel to events: the type a fixture or HAR entry recorded, or ""
    QList<ImportError> errors;
};

// How a file is read where the user has a choice.
struct ImportOptions
{
    // A top-level JSON array is one payload per element (`--split`, File ▸ Open Payloads' choice).
    // Off: a .json payload file is one payload whatever its top level; an array holding
    // Hookscope fixtures still holds one event per element.
    bool splitArrays = false;
};

// Turns files and pasted text into Events (Origin::Loaded, sourceFile set), the way the capture
// server does for requests. One bad entry is reported and skipped; the rest still loads.
// Formats and the fixture format: the project README, "Formats".
class PayloadImporter
{
public:
    using EventSink = std::function<void(Event &&event, const QString &eventType)>;
    using ErrorSink = std::function<void(ImportError &&error)>;

    // Each path in the order given: a file as is, a folder as its files (recursively; .json,
    // .ndjson, .jsonl, .har, .http) in natural order ("2.json" before "10.json"). A file that
    // comes up twice is listed once.
    static QStringList collectFiles(const QStringList &paths);
    static ImportBatch importFile(const QString &path, ImportOptions options = {});
    static ImportBatch importBytes(const QByteArray &bytes, const QString &sourceLabel,
                                   ImportOptions options = {});
    // importFile() without collecting: NDJSON is read line by line, so memory stays at one line
    // plus whatever the sinks keep.
    static void streamFile(const QString &path, const EventSink &events, const ErrorSink &errors,
                           ImportOptions options = {});

    // Natural order: runs of digits compare as numbers.
    static bool naturalLess(const QString &a, const QString &b);
};
