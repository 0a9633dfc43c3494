#include "httpclient.h"

#include "httpexchange.h"

#include <QDateTime>

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
    if (m_running < m_maxConcurrent)
        startExchange(request);
    else
        m_waiting.push_back(request);
}

void HttpClient::abortAll(const QString &reason)
{
    std::deque<OutgoingRequest> waiting;
    waiting.swap(m_waiting);
    const QList<HttpExchange *> exchanges = findChildren<HttpExchange *>();
    for (HttpExchange *exchange : exchanges)
        exchange->abort(reason);
    for (const OutgoingRequest &request : waiting) {
        DeliveryResult result;
        result.target = request.url;
        result.seq = request.seq;
        result.at = QDateTime::currentMSecsSinceEpoch();
        result.error = request.url.toString(QUrl::RemoveUserInfo) + u": "_s + reason;
        Q_EMIT finished(result);
    }
}

void HttpClient::startExchange(const OutgoingRequest &request)
{
    auto *exchange = new HttpExchange(request, m_timeoutMs, m_maxBodyBytes, this);
    ++m_running;
    connect(exchange, &HttpExchange::finished, this, &HttpClient::onExchangeFinished);
    exchange->start();
}

void HttpClient::onExchangeFinished(const DeliveryResult &result)
{
    --m_running;
    if (!m_waiting.empty() && m_running < m_maxConcurrent) {
        startExchange(m_waiting.front());
        m_waiting.pop_front();
    }
    Q_EMIT finished(result);
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
