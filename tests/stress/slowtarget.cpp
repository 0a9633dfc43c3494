#include "slowtarget.h"

#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

SlowTarget::SlowTarget(int delayMs, QObject *parent)
    : QTcpServer(parent)
    , m_delayMs(delayMs)
{ }

void SlowTarget::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequests(socket); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

// Takes each complete request off the socket's buffer; answers it after the delay.
void SlowTarget::readRequests(QTcpSocket *socket)
{
    static const QRegularExpression length(u"(?i)\r\ncontent-length:\\s*(\\d+)"_s);
    QByteArray pending = socket->property("pending").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const qsizetype bodySize =
            length.match(QString::fromLatin1(pending.left(headEnd))).captured(1).toLongLong();
        if (pending.size() < headEnd + 4 + bodySize)
            break;
        pending.remove(0, headEnd + 4 + bodySize);
        ++m_received;
        QTimer::singleShot(m_delayMs, this, [this, target = QPointer<QTcpSocket>(socket)] {
            if (!target)
                return;
            target->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"_ba);
            ++m_answered;
        });
    }
    socket->setProperty("pending", pending);
}
