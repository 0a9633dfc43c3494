#pragma once

#include "connectiontap.h"
#include "event/event.h"
#include "http/capturelimits.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServerResponder>

#include <functional>
#include <optional>

// The HTTP edge: every method on every path becomes an Event, handed with its responder to the
// sink, which decides when and what to answer. Nothing slow runs here.
class CaptureServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Sink = std::function<void(Event &&, QHttpServerResponder &&)>;

    explicit CaptureServer(const CaptureLimits &limits, QObject *parent = nullptr);

    void setSink(Sink sink) { m_sink = std::move(sink); }
    // Returns an error a person can act on, or nothing when listening.
    std::optional<QString> listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }
    // Connections answered 503 because maxConnections were open.
    qint64 refusedConnections() const { return m_refusedConnections; }
    void noteRefusedConnection();
    // At shutdown: waits up to timeoutMs for the answers written to reach the clients, so that
    // closing the sockets does not drop an answer that is recorded as sent.
    void finishWrites(int timeoutMs);

Q_SIGNALS:
    // Refused by its connection's tap (400, 408, 413, 414, 431, 501, 505): already answered.
    void rejected(const Event &event);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Event eventFrom(const QHttpServerRequest &request, QTcpSocket *socket,
                    const ConnectionTap::RequestLine &line) const;

    CaptureLimits m_limits;
    Sink m_sink;
    quint16 m_port = 0;
    qint64 m_refusedConnections = 0;
    QElapsedTimer m_lastRefusalWarning;
};
