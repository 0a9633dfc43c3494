#include "composedrequest.h"

#include "schema/eventexample.h"
#include "schema/schemaregistry.h"
#include "sendplan.h"

#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
QByteArray pretty(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    return {};
}

std::optional<QString> targetProblem(const QUrl &target)
{
    if (!target.isValid() || target.host().isEmpty()
        || (target.scheme() != u"http"_s && target.scheme() != u"https"_s))
        return u"Target: \"%1\" is not an http:// or https:// URL"_s.arg(target.toString());
    return std::nullopt;
}
} // namespace

ComposedRequest ComposedRequest::fromExample(const SchemaRegistry &registry,
                                             const QString &eventType)
{
    ComposedRequest request;
    request.eventType = registry.canonicalEventType(eventType);
    request.body = pretty(exampleFor(registry, request.eventType).payload);
    request.scheme = SendPlan::defaultScheme(registry, request.eventType);
    request.headers =
        SendPlan::providerHeaders(request.scheme, request.eventType, request.body,
                                  QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    return request;
}

ComposedRequest ComposedRequest::fromEvent(const SchemaRegistry &registry, const Event &event,
                                           const QString &eventType)
{
    ComposedRequest request;
    request.eventType = registry.canonicalEventType(eventType);
    request.body = event.body;
    request.scheme = SendPlan::defaultScheme(registry, request.eventType);
    for (const auto &header : withoutHopByHop(event.headers)) {
        if (header.first.compare("Host", Qt::CaseInsensitive) != 0
            && header.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            request.headers.append(header);
    }
    return request;
}

std::variant<ComposedSend, QString> ComposedRequest::plan(const QUrl &own) const
{
    if (target.trimmed().isEmpty())
        return u"Target: required; nothing is sent without an explicit target"_s;
    ComposedSend send;
    send.options.target = QUrl(target.trimmed(), QUrl::StrictMode);
    if (const auto problem = targetProblem(send.options.target))
        return *problem;
    if (!scheme.isEmpty() && secret.isEmpty())
        return u"Secret: signing with %1 needs a secret"_s.arg(scheme);
    send.options.scheme = scheme;
    send.options.secret = secret;
    const auto retries = SendPlan::retrySchedule(retry);
    if (const auto *error = std::get_if<QString>(&retries))
        return u"Retry: %1"_s.arg(*error);
    send.options.retryMs = std::get<QList<qint64>>(retries);
    const auto ms = SendPlan::duration(u"timeout"_s, timeout);
    if (const auto *error = std::get_if<QString>(&ms))
        return u"Timeout: %1"_s.arg(*error);
    send.options.timeoutMs = int(std::get<qint64>(ms));
    if (SendPlan::isOwnCapture(send.options.target, own) && !send.options.retryMs.isEmpty()) {
        send.options.retryMs.clear();
        send.note = u"%1 is Hookscope's own capture address: one attempt, no retries"_s.arg(
            send.options.target.toString());
    }
    const QString label = eventType.isEmpty() ? u"composed"_s : eventType;
    send.webhook = { label, eventType, body, headers };
    return send;
}
