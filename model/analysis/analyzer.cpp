#include "analyzer.h"

#include "event/bodyinspector.h"
#include "jsonwarnings.h"

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

namespace {
// The body's top-level `action` string (GitHub's event + action), read from the document as sent.
QString actionOf(const BodyInspection &body)
{
    const JsonDocument *document = body.document.get();
    if (!document || document->type(0) != JsonDocument::Type::Object)
        return {};
    const int action = document->member(0, "action");
    return action >= 0 && document->type(action) == JsonDocument::Type::String
        ? document->string(action)
        : QString();
}
} // namespace

EventAnalysis Analyzer::analyze(const Event &event) const
{
    return analyze(event,
                   BodyInspector::inspectDocument(event.body, event.headerValue("Content-Type")));
}

EventAnalysis Analyzer::analyze(const Event &event, const BodyInspection &body) const
{
    EventAnalysis analysis;
    Classification classification = m_classifier.classifyByRequest(event, actionOf(body));
    if (classification.by == ClassifiedBy::None)
        classification = m_classifier.classify(event, body.root());
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
    judge(analysis, BodyInspector::inspectDocument(event.body, event.headerValue("Content-Type")));
    analysis.signature = m_verifier.verify(event, analysis.eventType, event.receivedAtMs / 1000);
    return analysis;
}

EventAnalysis Analyzer::rejudge(const Event &event, const EventSummary &stored) const
{
    EventAnalysis analysis;
    analysis.eventType = stored.eventType;
    analysis.classifiedBy = stored.classifiedBy;
    judge(analysis, BodyInspector::inspectDocument(event.body, event.headerValue("Content-Type")));
    analysis.signature.state = stored.signature;
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
        analysis.violations = body.document ? m_schemas.validate(analysis.eventType, *body.document)
                                            : m_schemas.validate(analysis.eventType, body.root());
    }
    if (body.document)
        JsonWarnings::append(*body.document, analysis.violations);
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
