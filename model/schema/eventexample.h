#pragma once

#include "event/violation.h"

#include <QJsonValue>
#include <QString>

class SchemaRegistry;

// A payload for an event (`hookscope example`, Compose): the documented example when the
// schema's document has one that validates, else one built from the schema. Always checked
// against the event's own schema: `violations` holds the errors when even the built one does
// not validate (a pattern or bound Hookscope cannot satisfy by construction).
struct EventExample
{
    QString eventType; // canonical; empty when the registry does not know the event
    QJsonValue payload = QJsonValue::Undefined; // when the event carries no body
    bool documented = false;
    Violations violations; // errors only; empty means it validates

    bool ok() const { return !eventType.isEmpty() && violations.isEmpty(); }
};

EventExample exampleFor(const SchemaRegistry &registry, const QString &eventType);
