#include "connectiontap.h"

#include <QDateTime>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace {
struct ParsedHead
{
    QByteArray method;
    QByteArray target;
    HeaderList headers;
    bool complete = false;
    qsizetype size = 0;
    qint64 contentLength = -1;
};

// Just enough HTTP/1.1 head parsing to read the request line and the declared body size.
ParsedHead parseHead(const QByteArray &bytes)
{
    ParsedHead head;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    head.complete = end >= 0;
    head.size = head.complete ? end + 4 : bytes.size();
    const QList<QByteArray> lines = bytes.left(head.complete ? end : bytes.size()).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    head.method = requestLine.value(0);
    head.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        head.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
        if (line.left(colon).compare("content-length", Qt::CaseInsensitive) == 0)
            head.contentLength = line.mid(colon + 1).trimmed().toLongLong();
    }
    return head;
}
} // namespace

ConnectionTap::ConnectionTap(QTcpSocket *socket, const CaptureLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
{
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionTap::inspect);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(limits.idleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, socket, &QTcpSocket::abort);
    m_idleTimer.start();
}

ConnectionTap *ConnectionTap::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionTap *>(QString(), Qt::FindDirectChildrenOnly);
}

ConnectionTap::RequestLine ConnectionTap::takeRequestLine()
{
    m_atMessageStart = true;
    return m_lines.isEmpty() ? RequestLine() : m_lines.takeFirst();
}

void ConnectionTap::inspect()
{
    m_idleTimer.start();
    if (m_rejected) {
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    if (!m_atMessageStart)
        return;
    const QByteArray bytes = m_socket->peek(m_limits.maxHeadBytes + 1);
    if (!bytes.contains('\n')) {
        if (bytes.size() > m_limits.maxHeadBytes)
            reject(431, "Request Header Fields Too Large", {});
        return; // Qt consumes whole lines only, so the request line is still unread next time
    }
    const ParsedHead head = parseHead(bytes);
    if (head.complete && head.headers.size() > m_limits.maxHeaderCount)
        return reject(431, "Request Header Fields Too Large", bytes.left(head.size));
    if (head.complete && head.contentLength > m_limits.maxBodyBytes)
        return reject(413, "Payload Too Large", bytes.left(head.size));
    // When the head is split across reads Qt starts consuming its lines, so the early checks
    // only cover heads that arrive whole (nearly all); the batcher re-checks the body size.
    m_lines.append({ head.method, head.target });
    m_atMessageStart = false;
}

void ConnectionTap::reject(int status, const QByteArray &reason, const QByteArray &headBytes)
{
    m_rejected = true;
    const QByteArray body = R"({"error":")"_ba + reason + R"("})"_ba;
    m_socket->write("HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reason
                    + "\r\nContent-Type: application/json\r\nContent-Length: "_ba
                    + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"_ba + body);
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->disconnectFromHost();

    const ParsedHead head = parseHead(headBytes);
    Event event;
    event.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    event.method = head.method;
    event.target = head.target;
    event.headers = head.headers;
    event.remote =
        m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
    event.response = { status, { { "Content-Type", "application/json" } }, body, 0 };
    Q_EMIT rejected(event);
}
