#pragma once

#include "event/eventanalysis.h"
#include "json/jsondocument.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <memory>

// Says what a body is: empty, JSON (parsed), text or binary, and where JSON breaks.
struct BodyInspection
{
    BodyKind kind = BodyKind::Empty;
    // set when kind == Json: the body exactly as sent, what every view and verdict reads
    std::shared_ptr<const JsonDocument> document;
    QJsonDocument json; // a lossy copy for older code, set by inspect() for objects and arrays
    QString parseError; // when the body looks like JSON but does not parse
    qint64 parseErrorOffset = -1;

    // The parsed body as one value (any JSON value), or Undefined when it is not JSON. Lossy.
    QJsonValue root() const;
};

namespace BodyInspector {
BodyInspection inspect(const QByteArray &body);
// The same without the QJsonDocument copy: the capture path reads only the JsonDocument.
BodyInspection inspectDocument(const QByteArray &body);
bool isText(const QByteArray &bytes); // valid UTF-8 without control characters other than tab/CR/LF
} // namespace BodyInspector
