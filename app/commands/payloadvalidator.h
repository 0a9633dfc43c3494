#pragma once

#include "analysis/analyzer.h"
#include "event/event.h"
#include "event/violation.h"

#include <QString>

// What `hookscope validate` reports for one event.
struct PayloadVerdict
{
    QString eventType; // "" when unknown; an inferred type ends in '?'
    QString classifiedBy; // classifiedByName(), or "forced" for --event TYPE
    Violations violations;
    bool valid = false; // no error-severity violation
};

// Checks one event against the registry. Stricter than the Analyzer on purpose: a payload that
// cannot be checked (unknown type, no schema, body not JSON) is reported as a violation, so a
// CI job never passes a file it did not actually validate.
class PayloadValidator
{
public:
    // FORCED_TYPE: a canonical event type from --event, or empty to classify.
    explicit PayloadValidator(const SchemaRegistry &schemas, const QString &forcedType = {});

    PayloadVerdict check(const Event &event) const;

private:
    PayloadVerdict forced(const Event &event) const;
    PayloadVerdict classified(const Event &event) const;
    static Violations withBodyProblems(const EventAnalysis &analysis);

    Analyzer m_analyzer;
    QString m_forcedType;
};
