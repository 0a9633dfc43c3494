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
// naming the type (with the body's `action` when schemas are keyed by event and action), a path
// segment naming a known event or URL key, the body's own type field,
// else the best structural match (marked inferred). Const and thread-safe.
class EventClassifier
{
public:
    static inline const QString subscriptionCheck = QStringLiteral("WEBHOOK-SUBSCRIPTION");

    explicit EventClassifier(const SchemaRegistry &registry); // not owned

    // body: the parsed JSON body, or Undefined when the body is empty or not JSON.
    Classification classify(const Event &event, const QJsonValue &body) const;
    // Header, file name and path only: the capture path reads the body only when these say
    // nothing. ACTION: the body's `action` member, for fromHeader.
    Classification classifyByRequest(const Event &event, const QString &action = {}) const;

    // The body's `action` joins the header's event where schemas are keyed by both: GitHub's
    // `X-GitHub-Event: check_run` with `"action": "completed"` is `check-run-completed`.
    Classification fromHeader(const Event &event, const QString &bodyAction = {}) const;
    Classification fromPath(const Event &event) const;
    Classification fromFileName(const Event &event) const;
    Classification fromBody(const QJsonValue &body) const;
    Classification inferred(const QJsonValue &body) const;

private:
    QString knownOrAsGiven(const QString &name) const;

    const SchemaRegistry &m_registry;
};
