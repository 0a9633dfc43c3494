#pragma once

#include "capturelimits.h"
#include "event/event.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

// Sees each connection's bytes before QtHttpServer parses them (its readyRead slot is connected
// first), to keep what Qt 6.4 drops (the method and target exactly as sent) and to refuse what
// must not be buffered (bodies over the cap: 413, oversized heads: 431) before it is read.
// Also closes connections that stay silent (slowloris).
class ConnectionTap : public QObject
{
    Q_OBJECT
public:
    ConnectionTap(QTcpSocket *socket, const CaptureLimits &limits); // becomes the socket's child

    struct RequestLine
    {
        QByteArray method;
        QByteArray target;
    };
    // The request line of the request Qt has just finished parsing on this connection.
    RequestLine takeRequestLine();

    static ConnectionTap *of(QTcpSocket *socket);

Q_SIGNALS:
    // A request refused before Qt read it; the answer has been sent already.
    void rejected(const Event &event);

private:
    void inspect();
    void reject(int status, const QByteArray &reason, const QByteArray &head);

    QTcpSocket *m_socket; // not owned: the parent
    CaptureLimits m_limits;
    QList<RequestLine> m_lines;
    bool m_atMessageStart = true;
    bool m_rejected = false;
    QTimer m_idleTimer;
};
