#include "analyzer.h"

#include "bodyinspector.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
// Headers other providers use to name the event, in the order they are tried.
constexpr QByteArrayView kTypeHeaders[] = { "Solaris-Webhook-Event-Type", "X-GitHub-Event",
                                            "X-Gitlab-Event", "X-Shopify-Topic", "X-Event-Type" };

void classifyByHeader(const Event &event, EventAnalysis &analysis)
{
    for (QByteArrayView header : kTypeHeaders) {
        const QByteArray value = event.headerValue(header).trimmed();
        if (!value.isEmpty()) {
            analysis.eventType = QString::fromUtf8(value);
            analysis.classifiedBy = ClassifiedBy::Header;
            return;
        }
    }
}

void classifyByBodyField(const QJsonDocument &json, EventAnalysis &analysis)
{
    const QJsonObject object = json.object();
    for (const auto &field : { u"event_type"_s, u"type"_s }) {
        const QJsonValue value = object.value(field);
        if (value.isString() && !value.toString().isEmpty()) {
            analysis.eventType = value.toString();
            analysis.classifiedBy = ClassifiedBy::BodyField;
            return;
        }
    }
}
} // namespace

Analyzer::Analyzer(SignatureVerifier verifier)
    : m_verifier(std::move(verifier))
{ }

std::shared_ptr<const Analyzer> Analyzer::withVerifier(SignatureVerifier verifier) const
{
    auto copy = std::make_shared<Analyzer>(*this);
    copy->m_verifier = std::move(verifier);
    return copy;
}

EventAnalysis Analyzer::analyze(const Event &event) const
{
    EventAnalysis analysis;
    const BodyInspection body = BodyInspector::inspect(event.body);
    analysis.bodyKind = body.kind;
    analysis.parseError = body.parseError;
    analysis.parseErrorOffset = body.parseErrorOffset;
    classifyByHeader(event, analysis);
    if (analysis.classifiedBy == ClassifiedBy::None && body.json.isObject())
        classifyByBodyField(body.json, analysis);
    // Judged at arrival, so a reopened session does not turn every timestamp stale.
    analysis.signature = m_verifier.verify(event, analysis.eventType, event.receivedAtMs / 1000);
    return analysis;
}
