#pragma once

#include "exporters.h"
#include "harformat.h"

#include <QString>

#include <optional>

class QIODevice;

struct ExportOptions
{
    // Where curl and HTTPie commands send; empty: where each request was sent (requestBaseUrl),
    // or defaultBaseUrl for an event without a Host.
    QString baseUrl;
    bool redact = false;
    QString defaultBaseUrl = QStringLiteral("http://127.0.0.1:8080");

    QString baseUrlFor(const Event &event) const;
    // What --base-url and the window's "Commands Send To" accept: an http:// or https:// URL
    // with a host.
    static bool isBaseUrl(const QString &text);
};

// "Copy as": one event in one format, as clipboard text. HAR gives a single entry, fixtures
// one fixture file's content.
QByteArray exportEvent(ExportFormat format, const Event &event, const EventAnalysis &analysis,
                       const ExportOptions &options = {});

// Writes many events in one format to a device, event by event, so big sessions stream
// (`hookscope export --out FILE|-`, File ▸ Export):
//   har       one HAR 1.2 log
//   ndjson    one line per event
//   fixtures  a JSON array of fixtures (loads back as such); use FixtureFolderWriter for files
//   curl, httpie, raw, json   one command, request or body per event, separated by a blank line
class ExportWriter
{
public:
    ExportWriter(QIODevice *device, ExportFormat format, ExportOptions options = {}); // not owned

    bool add(const Event &event, const EventAnalysis &analysis);
    bool finish();
    qint64 count() const { return m_count; }

private:
    bool write(const QByteArray &bytes);

    QIODevice *m_device; // not owned
    ExportFormat m_format;
    ExportOptions m_options;
    HarWriter m_har;
    qint64 m_count = 0;
    bool m_ok = true;
};

// "Save as fixtures": one file per event, named by fixtureFileName(), each written atomically
// (QSaveFile), so an interrupted export never leaves a half-written fixture.
class FixtureFolderWriter
{
public:
    explicit FixtureFolderWriter(const QString &folder, bool redact = false);

    // The path written, or an error naming the file and the reason.
    struct Result
    {
        QString path;
        QString error;
    };
    Result write(const Event &event, const QString &eventType);

private:
    QString m_folder;
    bool m_redact;
};
