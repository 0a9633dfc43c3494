#include "loopbacktarget.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

LoopbackTarget::LoopbackTarget(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackTarget::onNewConnection);
}

LoopbackTarget::~LoopbackTarget()
{
    // The server deletes its sockets after our members are gone: they must not call back.
    const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->disconnect(this);
}

bool LoopbackTarget::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl LoopbackTarget::url(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(path));
}

void LoopbackTarget::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connections;
        m_maxOpen = qMax(m_maxOpen, ++m_open);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackTarget::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype length = completeLength(buffer);
    if (length < 0)
        return;
    const QByteArray request = buffer.left(length);
    buffer.remove(0, length);
    m_requests.append(request);
    Q_EMIT requestReceived(request);
    if (m_delayMs == 0)
        answer(socket);
    else if (m_delayMs > 0)
        QTimer::singleShot(m_delayMs, socket, [this, socket] { answer(socket); });
}

void LoopbackTarget::answer(QTcpSocket *socket)
{
    socket->write(m_response);
    socket->disconnectFromHost();
}

qsizetype LoopbackTarget::completeLength(const QByteArray &data)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return -1;
    qsizetype bodyLength = 0;
    for (const QByteArray &line : data.left(end).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            bodyLength = line.mid(15).trimmed().toLongLong();
    }
    const qsizetype total = end + 4 + bodyLength;
    return data.size() >= total ? total : -1;
}
