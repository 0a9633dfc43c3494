#include "analyzer.h"

#include "event/bodyinspector.h"

using namespace Qt::StringLiterals;

Analyzer::Analyzer(SchemaRegistry schemas, SignatureVerifier verifier)
    : m_schemas(std::move(schemas))
    , m_classifier(m_schemas)
    , m_verifier(std::move(verifier))
{ }

Analyzer::Analyzer(const Analyzer &other)
    : m_schemas(other.m_schemas)
    , m_classifier(m_schemas)
    , m_verifier(other.m_verifier)
{ }

std::shared_ptr<const Analyzer> Analyzer::withVerifier(SignatureVerifier verifier) const
{
    return std::make_shared<Analyzer>(m_schemas, std::move(verifier));
}

std::shared_ptr<const Analyzer> Analyzer::withSchemas(SchemaRegistry schemas) const
{
    return std::make_shared<Analyzer>(std::move(schemas), m_verifier);
}

EventAnalysis Analyzer::analyze(const Event &event) const
{
    return analyze(event, BodyInspector::inspect(event));
}

EventAnalysis Analyzer::analyze(const Event &event, const BodyInspection &body) const
{
    EventAnalysis analysis;
    const Classification classification = m_classifier.classify(event, body.root());
    analysis.eventType = classification.eventType;
    analysis.classifiedBy = classification.by;
    judge(analysis, body);
    // Judged at arrival, so a reopened session does not turn every timestamp stale.
    analysis.signature = m_verifier.verify(event, analysis.eventType, event.receivedAtMs / 1000);
    return analysis;
}

EventAnalysis Analyzer::analyzeAs(const Event &event, const QString &eventType) const
{
    EventAnalysis analysis;
    analysis.eventType = eventType;
    judge(analysis, BodyInspector::inspect(event));
    analysis.signature = m_verifier.verify(event, analysis.eventType, event.receivedAtMs / 1000);
    return analysis;
}

// The body's kind and, when the event has a schema, its violations. Broken JSON is an error
// with or without a schema; a schema that expects JSON and gets text or binary says so.
void Analyzer::judge(EventAnalysis &analysis, const BodyInspection &body) const
{
    analysis.bodyKind = body.kind;
    analysis.parseError = body.parseError;
    analysis.parseErrorOffset = body.parseErrorOffset;
    analysis.schemaChecked =
        !analysis.eventType.isEmpty() && m_schemas.contains(analysis.eventType);
    if (const std::optional<Violation> problem = bodyProblem(body)) {
        analysis.violations.append(*problem);
    } else if (analysis.schemaChecked) {
        analysis.violations = m_schemas.validate(analysis.eventType, body.root());
    }
}

std::optional<Violation> Analyzer::bodyProblem(const BodyInspection &body)
{
    if (body.kind == BodyKind::Binary && body.declaredJson) {
        return Violation { {},
                           u"json"_s,
                           Severity::Error,
                           u"the body is declared JSON by its Content-Type but is binary"_s };
    }
    if (body.kind != BodyKind::InvalidJson)
        return std::nullopt;
    return Violation { {},
                       u"json"_s,
                       Severity::Error,
                       u"the body is not valid JSON: %1 at byte offset %2"_s.arg(body.parseError)
                           .arg(body.parseErrorOffset) };
}
