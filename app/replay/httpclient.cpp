#include "httpclient.h"

#include "httpexchange.h"

using namespace Qt::StringLiterals;

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<DeliveryResult>();
}

HttpClient::~HttpClient()
{
    // Exchanges are children: destroyed with the client, without reporting.
    const QList<HttpExchange *> exchanges = findChildren<HttpExchange *>();
    for (HttpExchange *exchange : exchanges)
        disconnect(exchange, nullptr, this, nullptr);
}

void HttpClient::send(const OutgoingRequest &request)
{
    auto *exchange = new HttpExchange(request, m_timeoutMs, m_maxBodyBytes, this);
    ++m_pending;
    connect(exchange, &HttpExchange::finished, this, [this](const DeliveryResult &result) {
        --m_pending;
        Q_EMIT finished(result);
    });
    exchange->start();
}

void HttpClient::abortAll(const QString &reason)
{
    const QList<HttpExchange *> exchanges = findChildren<HttpExchange *>();
    for (HttpExchange *exchange : exchanges)
        exchange->abort(reason);
}

QByteArray HttpClient::requestBytes(const OutgoingRequest &request)
{
    const bool hasConnection =
        std::any_of(request.headers.begin(), request.headers.end(), [](const auto &header) {
            return header.first.compare("Connection", Qt::CaseInsensitive) == 0;
        });
    if (hasConnection)
        return request.toBytes();
    OutgoingRequest closing = request;
    closing.headers.append({ "Connection"_ba, "close"_ba });
    return closing.toBytes();
}
