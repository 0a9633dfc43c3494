#pragma once

#include "event/eventanalysis.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>

// Says what a body is: empty, JSON (parsed), text or binary, and where JSON breaks.
struct BodyInspection
{
    BodyKind kind = BodyKind::Empty;
    QJsonDocument json; // set when kind == Json
    QString parseError; // when the body looks like JSON but does not parse
    qint64 parseErrorOffset = -1;

    // The parsed body as one value (object or array), or Undefined when it is not JSON.
    QJsonValue root() const;
};

namespace BodyInspector {
BodyInspection inspect(const QByteArray &body);
bool isText(const QByteArray &bytes); // valid UTF-8 without control characters other than tab/CR/LF
} // namespace BodyInspector
