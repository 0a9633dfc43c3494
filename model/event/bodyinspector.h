#pragma once

#include "event/event.h"
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
    bool scalarRoot = false; // the body is a bare scalar (42, "x", null): json stays null
    bool declaredJson = false; // its Content-Type says JSON (a binary body is then still broken)
    QString parseError; // when the body looks like JSON but does not parse
    qint64 parseErrorOffset = -1;

    // The parsed body as one value (object, array or scalar), or Undefined when it is not JSON.
    // Lossy.
    QJsonValue root() const;
};

namespace BodyInspector {
// CONTENT_TYPE declares the body JSON (application/json, */*+json, text/json): then a body that
// does not parse is InvalidJson whatever its bytes. Undeclared, only text that starts like JSON
// is; bytes that merely start with '{', '[' or '"' are binary.
BodyInspection inspect(const QByteArray &body, QByteArrayView contentType = {});
BodyInspection inspect(const Event &event); // by its body and Content-Type
// The same without the QJsonDocument copy: the capture path reads only the JsonDocument.
BodyInspection inspectDocument(const QByteArray &body, QByteArrayView contentType = {});
bool declaresJson(QByteArrayView contentType);
// Any JSON text (RFC 8259: an object, array or bare scalar such as 42 or "x"), which
// QJsonDocument alone refuses unless it is an object or array. SCALAR: set when it was one.
QJsonDocument parse(const QByteArray &bytes, QJsonParseError *error, bool *scalar = nullptr);
bool isText(const QByteArray &bytes); // valid UTF-8 without control characters other than tab/CR/LF
} // namespace BodyInspector
