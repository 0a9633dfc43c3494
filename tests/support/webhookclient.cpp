#include "webhookclient.h"

#include <QNetworkReply>
#include <QTest>

using namespace Qt::StringLiterals;

bool WebhookClient::post(const QString &url, const QByteArray &body, const QByteArray &eventType,
                         const Headers &headers)
{
    QNetworkRequest request { QUrl(url) };
    if (!eventType.isEmpty())
        request.setRawHeader("Solaris-Webhook-Event-Type", eventType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_network.post(request, body);
    const bool answered = QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000);
    reply->deleteLater();
    return answered;
}
