#include "webhooksender.h"

#include "signature/signer.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype answerPreviewBytes = 80;

} // namespace

QString WebhookSender::answerPreview(const QByteArray &body)
{
    QByteArray bytes = body.left(answerPreviewBytes);
    for (char &c : bytes) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '.';
    }
    return QString::fromUtf8(bytes) + (body.size() > answerPreviewBytes ? u"…"_s : QString());
}

namespace {
QString seconds(qint64 ms)
{
    return ms % 1000 == 0 ? u"%1s"_s.arg(ms / 1000) : u"%1ms"_s.arg(ms);
}
} // namespace

QJsonObject WebhookSender::Attempt::toJson() const
{
    return {
        { u"index"_s, index },
        { u"event"_s, label },
        { u"eventType"_s, eventType },
        { u"attempt"_s, attempt },
        { u"status"_s, result.ok() ? QJsonValue(result.status) : QJsonValue() },
        { u"elapsedMs"_s, result.elapsedMs },
        { u"error"_s, result.ok() ? QJsonValue() : QJsonValue(result.error) },
        { u"answer"_s, answerPreview(result.body) },
        { u"outcome"_s, outcome },
        { u"final"_s, final },
        { u"accepted"_s, accepted },
    };
}

QString WebhookSender::Attempt::toText() const
{
    const QString answer = result.ok()
        ? u"%1 %2"_s.arg(result.status).arg(QString::fromLatin1(result.reason))
        : u"error: %1"_s.arg(result.error);
    const QString body =
        result.body.isEmpty() ? QString() : u" %1"_s.arg(answerPreview(result.body));
    const QString name = label == eventType ? label : u"%1 (%2)"_s.arg(label, eventType);
    return u"%1 attempt %2: %3 in %4 ms%5 -> %6"_s.arg(name)
        .arg(attempt)
        .arg(answer)
        .arg(result.elapsedMs)
        .arg(body, outcome);
}

WebhookSender::WebhookSender(QList<OutgoingWebhook> webhooks, SendOptions options, QObject *parent)
    : QObject(parent)
    , m_webhooks(std::move(webhooks))
    , m_options(std::move(options))
{
    m_client.setTimeoutMs(m_options.timeoutMs);
    m_client.setMaxBodyBytes(64 * 1024); // only the first bytes are shown
    m_timer.setSingleShot(true);
    connect(&m_client, &HttpClient::finished, this, &WebhookSender::onFinished);
    connect(&m_timer, &QTimer::timeout, this, &WebhookSender::sendCurrent);
}

HeaderList WebhookSender::solarisHeaders(const QString &eventType, const QByteArray &body,
                                         const QByteArray &webhookId,
                                         const QByteArray &subscriptionId)
{
    HeaderList headers { { "Content-Type", "application/json" },
                         { "Solaris-Webhook-Event-Type", eventType.toUtf8() },
                         { "Solaris-Webhook-Id", webhookId },
                         { "Solaris-Webhook-Subscription-Id", subscriptionId } };
    const QJsonValue id = QJsonDocument::fromJson(body).object().value(u"id"_s);
    if (id.isString() || id.isDouble())
        headers.append(
            { "Solaris-Entity-Id",
              id.isString() ? id.toString().toUtf8() : QByteArray::number(id.toInteger()) });
    return headers;
}

OutgoingRequest WebhookSender::request(const OutgoingWebhook &webhook, int attempt) const
{
    Event event;
    event.method = "POST";
    event.body = webhook.body;
    event.headers = webhook.headers;
    if (m_options.scheme == u"solaris"_s
        || findHeader(event.headers, "Solaris-Webhook-Id") != event.headers.cend())
        event.headers = withHeaders(event.headers,
                                    { { "Solaris-Webhook-Attempt", QByteArray::number(attempt) } });
    OutgoingRequest request;
    if (!m_options.scheme.isEmpty()) {
        // Signed anew per attempt: schemes with a timestamp carry the time of this attempt.
        const SigningResult signing = signatureHeaders(event, m_options.scheme, m_options.secret,
                                                       QDateTime::currentSecsSinceEpoch());
        if (!signing.ok()) {
            request.error = u"cannot sign: %1"_s.arg(signing.error);
            return request;
        }
        event.headers = withHeaders(event.headers, signing.headers);
    }
    event.headers = withHeaders(event.headers, m_options.extraHeaders);
    return buildOutgoing(event, m_options.target);
}

void WebhookSender::start()
{
    next();
}

void WebhookSender::next()
{
    m_attempt = 0;
    if (++m_current >= m_webhooks.size())
        return void(Q_EMIT finished());
    m_timer.start(m_current == 0 ? 0 : m_options.intervalMs);
}

void WebhookSender::sendCurrent()
{
    ++m_attempt;
    const OutgoingRequest outgoing = request(m_webhooks.at(m_current), m_attempt);
    m_sent.clear();
    if (!outgoing.ok()) {
        DeliveryResult result;
        result.target = m_options.target;
        result.error = outgoing.error;
        return onFinished(result);
    }
    m_sent = HttpClient::requestBytes(outgoing);
    m_client.send(outgoing);
}

void WebhookSender::onFinished(const DeliveryResult &result)
{
    const OutgoingWebhook &webhook = m_webhooks.at(m_current);
    Attempt attempt { int(m_current + 1), webhook.label, webhook.eventType, m_attempt, result };
    attempt.sent = m_sent;
    const bool retriesLeft = m_attempt <= m_options.retryMs.size();
    if (result.ok() && result.status >= 200 && result.status < 300) {
        attempt.outcome = u"accepted"_s;
        attempt.accepted = true;
    } else if (result.ok() && result.status == 410) {
        attempt.outcome = u"410 Gone: Solaris would now cancel the subscription; not retried"_s;
    } else if (result.ok() && result.status == 422) {
        attempt.outcome = u"422: the notification is rejected and not retried"_s;
    } else if (retriesLeft && result.error.startsWith(u"cannot sign"_s)) {
        attempt.outcome = u"not sent"_s;
    } else if (retriesLeft) {
        attempt.outcome = u"retrying in %1"_s.arg(seconds(m_options.retryMs.at(m_attempt - 1)));
    } else {
        attempt.outcome = u"gave up after %1 attempts"_s.arg(m_attempt);
    }
    attempt.final = !attempt.outcome.startsWith(u"retrying"_s);
    Q_EMIT attempted(attempt);
    if (!attempt.final)
        return m_timer.start(m_options.retryMs.at(m_attempt - 1));
    (attempt.accepted ? m_accepted : m_failed) += 1;
    next();
}
