#include "captureserver.h"

#include "connectiontap.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// Gives every accepted socket a ConnectionTap before QtHttpServer connects its own readyRead
// slot, so the tap always sees the bytes first, and keeps the connection cap: connections over
// it are answered 503 by their tap and never reach Qt.
class TappedTcpServer : public QTcpServer
{
public:
    TappedTcpServer(const CaptureLimits &limits, CaptureServer *server)
        : m_limits(limits)
        , m_server(server)
    { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto *tap = new ConnectionTap(socket, m_limits);
        if (m_open >= m_limits.maxConnections) {
            tap->refuseConnection();
            m_server->noteRefusedConnection();
            return;
        }
        ++m_open;
        QObject::connect(socket, &QObject::destroyed, this, [this] { --m_open; });
        QObject::connect(tap, &ConnectionTap::rejected, m_server, &CaptureServer::rejected);
        addPendingConnection(socket); // QtHttpServer connects its readyRead slot in here
        tap->followQt();
    }

private:
    CaptureLimits m_limits;
    CaptureServer *m_server; // not owned
    int m_open = 0;
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *name = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return name ? QByteArray(name).toUpper() : "UNKNOWN"_ba;
}

// The test Qt 6.4 makes (QAbstractHttpServerPrivate::handleReadyRead), for a request whose
// Connection header names "upgrade".
bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value("upgrade"_ba).compare("websocket", Qt::CaseInsensitive) == 0;
}

QByteArray targetOf(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return target.isEmpty() ? "/"_ba : target;
}
} // namespace

CaptureServer::CaptureServer(const CaptureLimits &limits, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_limits(limits)
{ }

std::optional<QString> CaptureServer::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new TappedTcpServer(m_limits, this);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(why);
    }
    m_port = tcp->serverPort();
    bind(tcp);
    return std::nullopt;
}

bool CaptureServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ConnectionTap *tap = ConnectionTap::of(socket);
    const ConnectionTap::RequestLine line =
        tap ? tap->takeRequestLine() : ConnectionTap::RequestLine();
    // Qt 6.4 hands a WebSocket upgrade to a WebSocket server after this returns and, as there
    // is none, closes the connection unanswered: it is answered here, before that.
    if (line.upgrade && tap && isWebSocketUpgrade(request)) {
        tap->refuseUpgrade(eventFrom(request, socket, line));
        return true;
    }
    if (m_sink)
        m_sink(eventFrom(request, socket, line), makeResponder(request, socket));
    return true;
}

void CaptureServer::finishWrites(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > 0
               && clock.elapsed() < timeoutMs) {
            socket->waitForBytesWritten(int(std::max<qint64>(1, timeoutMs - clock.elapsed())));
        }
    }
}

void CaptureServer::noteRefusedConnection()
{
    ++m_refusedConnections;
    // Said at most every ten seconds: a flood of refusals must not flood the terminal too.
    if (m_lastRefusalWarning.isValid() && m_lastRefusalWarning.elapsed() < 10'000)
        return;
    m_lastRefusalWarning.start();
    qWarning("hookscope: %d connections are open (--max-connections): new ones are answered 503 "
             "(%lld so far)",
             m_limits.maxConnections, m_refusedConnections);
}

void CaptureServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest takes every request, so nothing is ever missing.
}

Event CaptureServer::eventFrom(const QHttpServerRequest &request, QTcpSocket *socket,
                               const ConnectionTap::RequestLine &line) const
{
    Event event;
    event.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    event.method = line.method.isEmpty() ? methodName(request.method()) : line.method;
    event.target = line.target.isEmpty() ? targetOf(request.url()) : line.target;
    event.headers = request.headers();
    event.body = request.body();
    event.remote = socket->peerAddress().toString() + u':' + QString::number(socket->peerPort());
    return event;
}
