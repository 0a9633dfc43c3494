#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"

#include <QJsonValue>
#include <QString>

class SchemaRegistry;

struct Classification
{
    QString eventType; // "" when unknown; an inferred type ends in '?'
    ClassifiedBy by = ClassifiedBy::None;
};

// Decides an event's type by the rules of DESIGN.md "Event types", first match wins: a header
// naming the type, a path segment naming a known event or URL key, the body's own type field,
// else the best structural match (marked inferred). Const and thread-safe.
class EventClassifier
{
public:
    static inline const QString subscriptionCheck = QStringLiteral("WEBHOOK-SUBSCRIPTION");

    explicit EventClassifier(const SchemaRegistry &registry); // not owned

    // body: the parsed JSON body, or Undefined when the body is empty or not JSON.
    Classification classify(const Event &event, const QJsonValue &body) const;

    Classification fromHeader(const Event &event) const;
    Classification fromPath(const Event &event) const;
    Classification fromFileName(const Event &event) const;
    Classification fromBody(const QJsonValue &body) const;
    Classification inferred(const QJsonValue &body) const;

private:
    QString knownOrAsGiven(const QString &name) const;

    const SchemaRegistry &m_registry;
};
