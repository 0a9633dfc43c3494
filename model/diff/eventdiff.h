#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"
#include "jsondiff.h"

#include <memory>

// The whole comparison of two events as one value: computed by diffEvents() (pure, safe to run
// off the GUI thread), then shown by DiffModel. Three sections, in display order: the request
// line, the headers, the body.
struct EventDiff
{
    enum class BodyMode : quint8 {
        Json, // both bodies parse: a field-by-field diff
        Bytes, // at least one does not: one row, compared byte for byte
    };

    qint64 leftSeq = 0;
    qint64 rightSeq = 0;
    QList<DiffEntry> requestRows; // pointers "method" and "target"; Same rows included
    QList<DiffEntry> headerRows; // alignHeaders(): Same rows included
    BodyMode bodyMode = BodyMode::Bytes;
    // Json mode: both bodies as sent (any JSON text: object, array or scalar); never null.
    std::shared_ptr<const JsonDocument> leftBody = std::make_shared<const JsonDocument>();
    std::shared_ptr<const JsonDocument> rightBody = std::make_shared<const JsonDocument>();
    QByteArray leftBytes; // both modes: the raw bodies
    QByteArray rightBytes;
    BodyKind leftKind = BodyKind::Empty;
    BodyKind rightKind = BodyKind::Empty;
    // Json mode: diffJson() of the roots. Bytes mode: one entry with pointer "" when the bodies
    // differ (TypeChanged when they are of different BodyKinds), its values short previews.
    QList<DiffEntry> bodyDifferences;
    qsizetype firstDifferentByte = -1; // -1 when the bodies are byte-identical

    // Request, header and body differences, in display order.
    QList<DiffEntry> differences() const;
    qsizetype differenceCount() const;
    // 1-based line of firstDifferentByte in the left body, or 0.
    qsizetype firstDifferentLine() const;
};

EventDiff diffEvents(const Event &left, const Event &right);

// A one-line preview of a body for a table cell: text up to maxChars with line breaks shown as
// "↵", or "N bytes: <hex>" for binary, or "(empty)".
QString bodyPreview(const QByteArray &bytes, qsizetype maxChars = 200);
// The same for a body whose kind is known (EventDiff::leftKind): no pass over all its bytes.
QString bodyPreview(const QByteArray &bytes, BodyKind kind, qsizetype maxChars = 200);
