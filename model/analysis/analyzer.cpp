#include "analyzer.h"

#include "event/bodyinspector.h"
#include "jsonwarnings.h"

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
    return analyze(event, BodyInspector::inspectDocument(event.body));
}

EventAnalysis Analyzer::analyze(const Event &event, const BodyInspection &body) const
{
    EventAnalysis analysis;
    analysis.bodyKind = body.kind;
    analysis.parseError = body.parseError;
    analysis.parseErrorOffset = body.parseErrorOffset;
    Classification classification = m_classifier.classifyByRequest(event);
    if (classification.by == ClassifiedBy::None)
        classification = m_classifier.classify(event, body.root());
    analysis.eventType = classification.eventType;
    analysis.classifiedBy = classification.by;
    analysis.schemaChecked =
        !analysis.eventType.isEmpty() && m_schemas.contains(analysis.eventType);
    // A body that is not JSON at all is shown as what it is, not as a schema violation.
    if (analysis.schemaChecked && body.kind == BodyKind::Json) {
        analysis.violations = body.document ? m_schemas.validate(analysis.eventType, *body.document)
                                            : m_schemas.validate(analysis.eventType, body.root());
    }
    if (body.document)
        JsonWarnings::append(*body.document, analysis.violations);
    // Judged at arrival, so a reopened session does not turn every timestamp stale.
    analysis.signature = m_verifier.verify(event, analysis.eventType, event.receivedAtMs / 1000);
    return analysis;
}
