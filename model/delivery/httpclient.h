#pragma once

#include "event/deliveryresult.h"
#include "outgoingrequest.h"

#include <QObject>

#include <deque>

// A minimal HTTP/1.1 client that sends an OutgoingRequest byte for byte: QNetworkAccessManager
// adds, folds and reorders headers, so it cannot replay a request exactly. One connection per
// request (QTcpSocket, or QSslSocket for https with normal certificate checks), several requests
// at a time (at most maxConcurrent connections; later requests wait their turn in order, so
// replaying a large selection does not open thousands of sockets). "Connection: close" is appended
// after the request's headers when it has no Connection header, so the response may also end by
// closing the connection.
//
// Every send() is answered by exactly one finished(), in the client's thread, after send()
// returned. Responses are framed by Content-Length, chunked encoding or the end of the
// connection; the body kept is capped (the rest is not read). Errors name the target and the
// reason: connection refused, host not found, timeout after N ms, TLS error, malformed response.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultTimeoutMs = 30'000;
    static constexpr qint64 defaultMaxBodyBytes = 10 * 1024 * 1024;
    static constexpr int defaultMaxConcurrent = 8;

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // The whole exchange, from connecting to the last response byte.
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    void setMaxConcurrent(int count) { m_maxConcurrent = qMax(1, count); }
    int maxConcurrent() const { return m_maxConcurrent; }

    void send(const OutgoingRequest &request);
    // Requests sent and not finished: connected or waiting for a connection slot.
    int pendingCount() const { return m_running + int(m_waiting.size()); }
    int runningCount() const { return m_running; }
    // Ends every pending request, running or waiting; each still reports finished() with the
    // reason.
    void abortAll(const QString &reason);

    // The exact bytes send() writes for request.
    static QByteArray requestBytes(const OutgoingRequest &request);

Q_SIGNALS:
    void finished(const DeliveryResult &result);

private:
    void startExchange(const OutgoingRequest &request);
    void onExchangeFinished(const DeliveryResult &result);

    int m_timeoutMs = defaultTimeoutMs;
    qint64 m_maxBodyBytes = defaultMaxBodyBytes;
    int m_maxConcurrent = defaultMaxConcurrent;
    int m_running = 0;
    std::deque<OutgoingRequest> m_waiting;
};
