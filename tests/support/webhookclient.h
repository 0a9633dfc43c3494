#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>

#include <utility>

// Sends webhooks to a running capture the way a sender does, for tests that drive the window.
class WebhookClient
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    // POSTs BODY as JSON with Solaris-Webhook-Event-Type: EVENT_TYPE (none when empty) and the
    // extra HEADERS, and waits for the answer; false when none came within the timeout.
    bool post(const QString &url, const QByteArray &body,
              const QByteArray &eventType = "IDENTIFICATION", const Headers &headers = {});

private:
    QNetworkAccessManager m_network;
};
