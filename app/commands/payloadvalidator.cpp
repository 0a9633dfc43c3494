#include "payloadvalidator.h"

#include "analysis/jsonwarnings.h"
#include "event/bodyinspector.h"

#include <QJsonArray>
#include <QJsonObject>

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

// A body that is not JSON cannot be checked against a JSON Schema: say why, with the offset.
Violations PayloadValidator::bodyProblems(BodyKind kind, const QString &parseError, qint64 offset)
{
    switch (kind) {
    case BodyKind::Json:
        return {};
    case BodyKind::InvalidJson:
        return { rootError(
            u"json"_s,
            u"the body is not valid JSON: %1 at byte offset %2"_s.arg(parseError).arg(offset)) };
    default:
        return { rootError(u"type"_s, u"the body is %1, not JSON"_s.arg(bodyKindName(kind))) };
    }
}

PayloadVerdict PayloadValidator::forced(const Event &event) const
{
    const BodyInspection body = BodyInspector::inspectDocument(event.body);
    PayloadVerdict verdict { m_forcedType, u"forced"_s, {}, false };
    verdict.violations = bodyProblems(body.kind, body.parseError, body.parseErrorOffset);
    if (!verdict.violations.isEmpty())
        return verdict;
    if (body.document) {
        verdict.violations = m_analyzer.schemas().validate(m_forcedType, *body.document);
        JsonWarnings::append(*body.document, verdict.violations);
    } else {
        verdict.violations = m_analyzer.schemas().validate(m_forcedType, body.root());
    }
    return verdict;
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
        verdict.violations.append(
            bodyProblems(analysis.bodyKind, analysis.parseError, analysis.parseErrorOffset));
    }
    return verdict;
}
