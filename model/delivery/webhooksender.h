#pragma once

#include "httpclient.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

// One event to send as its provider would: the body, its type and the headers the provider
// puts on every attempt (without the attempt number and the signature, which change).
struct OutgoingWebhook
{
    QString label; // what the printed lines call it: the file, or the event type
    QString eventType;
    QByteArray body;
    HeaderList headers;
};

// How WebhookSender sends: the target, the signing scheme and secret (none: unsigned), the
// retry schedule (delays before attempts 2, 3, ...), the per-attempt timeout, the pause between
// events, and headers the user added (they replace same-named ones).
struct SendOptions
{
    QUrl target;
    QString scheme; // "solaris", "standard", "stripe", "github", "hmac" or empty
    QByteArray secret;
    QList<qint64> retryMs { 1000, 2000, 4000 };
    int timeoutMs = 10'000;
    qint64 intervalMs = 0;
    HeaderList extraHeaders;
};

// The provider's side of a delivery, following Solaris's rules: a 2xx ends it, 410 ends it (the
// subscription would be cancelled), 422 ends it (rejected, not retried), anything else, a
// timeout or a connection error is retried on the schedule. Events go one after the other,
// intervalMs apart; every attempt is reported by attempted(), and finished() comes once, after
// the last event. Sends through HttpClient, so every byte is as composed (no second client).
class WebhookSender : public QObject
{
    Q_OBJECT
public:
    struct Attempt
    {
        int index = 0; // the event's 1-based position
        QString label;
        QString eventType;
        int attempt = 0;
        DeliveryResult result;
        QString outcome; // "accepted", "retrying in 2s", "subscription cancelled (410)", ...
        bool final = false;
        bool accepted = false;
        QByteArray sent; // the request exactly as written to the target; empty when not sent

        QJsonObject toJson() const;
        QString toText() const;
    };

    WebhookSender(QList<OutgoingWebhook> webhooks, SendOptions options, QObject *parent = nullptr);

    void start();
    int acceptedCount() const { return m_accepted; }
    int failedCount() const { return m_failed; }

    // Solaris's headers for an event with no attempt or signature yet (SendCommand builds them).
    static HeaderList solarisHeaders(const QString &eventType, const QByteArray &body,
                                     const QByteArray &webhookId, const QByteArray &subscriptionId);
    // The answer's first 80 bytes on one line, control characters shown as '.'.
    static QString answerPreview(const QByteArray &body);
    // The request for attempt N of webhook, signed.
    OutgoingRequest request(const OutgoingWebhook &webhook, int attempt) const;

Q_SIGNALS:
    void attempted(const WebhookSender::Attempt &attempt);
    void finished();

private:
    void sendCurrent();
    void onFinished(const DeliveryResult &result);
    void next();

    QList<OutgoingWebhook> m_webhooks;
    SendOptions m_options;
    HttpClient m_client;
    QTimer m_timer;
    qsizetype m_current = -1;
    int m_attempt = 0;
    int m_accepted = 0;
    int m_failed = 0;
    QByteArray m_sent; // the current attempt's request bytes
};
