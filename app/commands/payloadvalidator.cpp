#include "payloadvalidator.h"

using namespace Qt::StringLiterals;

namespace {
Violation rootError(const QString &keyword, const QString &message)
{
    return { QString(), keyword, Severity::Error, message };
}

bool hasError(const Violations &violations)
{
    return std::any_of(violations.cbegin(), violations.cend(),
                       [](const Violation &v) { return v.severity == Severity::Error; });
}
} // namespace

PayloadValidator::PayloadValidator(const SchemaRegistry &schemas, const QString &forcedType)
    : m_analyzer(schemas)
    , m_forcedType(forcedType)
{ }

PayloadVerdict PayloadValidator::check(const Event &event) const
{
    PayloadVerdict verdict = m_forcedType.isEmpty() ? classified(event) : forced(event);
    verdict.valid = !hasError(verdict.violations);
    return verdict;
}

// A text or binary body cannot be checked against a JSON Schema: say what it is, instead of the
// schema's "no JSON body" (broken JSON carries its own `json` error from the Analyzer, and an
// empty body is judged by the schema: some events have none).
Violations PayloadValidator::withBodyProblems(const EventAnalysis &analysis)
{
    if (analysis.bodyKind != BodyKind::Text && analysis.bodyKind != BodyKind::Binary)
        return analysis.violations;
    return { rootError(u"type"_s,
                       u"the body is %1, not JSON"_s.arg(bodyKindName(analysis.bodyKind))) };
}

PayloadVerdict PayloadValidator::forced(const Event &event) const
{
    const EventAnalysis analysis = m_analyzer.analyzeAs(event, m_forcedType);
    return { m_forcedType, u"forced"_s, withBodyProblems(analysis), false };
}

PayloadVerdict PayloadValidator::classified(const Event &event) const
{
    const EventAnalysis analysis = m_analyzer.analyze(event);
    PayloadVerdict verdict { analysis.eventType, classifiedByName(analysis.classifiedBy),
                             analysis.violations, false };
    if (analysis.eventType.isEmpty()) {
        verdict.violations.append(
            rootError(u"eventType"_s, u"cannot tell the event type; name it with --event TYPE"_s));
    } else if (!analysis.schemaChecked) {
        verdict.violations.append(rootError(
            u"eventType"_s,
            u"no schema for event type %1; add one with --schema FILE"_s.arg(analysis.eventType)));
    } else {
        verdict.violations = withBodyProblems(analysis);
    }
    return verdict;
}
