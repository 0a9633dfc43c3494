#pragma once

#include "capturelimits.h"
#include "event/event.h"
#include "requestframer.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QList>
#include <QObject>

class QTcpSocket;

// Sees each connection's bytes before QtHttpServer parses them: its readyRead slot runs first
// (inspect) and once more after Qt's (afterQt), so it knows which buffered bytes are new and
// feeds each byte once to its RequestFramer, which frames every request itself to keep what
// Qt 6.4 drops (method and target exactly as sent) and to refuse what breaks the limits before
// Qt buffers it (400, 413, 414, 431, 505). The tap adds 408 (head or body too slow) and closes
// idle connections. Refused requests are answered here, then reported through rejected() to
// be stored when their request line gave a method and target (else only said on stderr, at
// most every 10 s).
// QtHttpServer 6.4 reads inside a socket transaction, so bytesAvailable() and peek() start at
// what Qt has not read yet; that is what makes the before/after bookkeeping exact.
class ConnectionTap : public QObject
{
    Q_OBJECT
public:
    ConnectionTap(QTcpSocket *socket, const CaptureLimits &limits); // becomes the socket's child
    ~ConnectionTap() override;

    // Call right after QtHttpServer connected its own readyRead slot to the socket.
    void followQt();
    // For a connection over the connection cap: answers 503 and closes; Qt never sees it.
    void refuseConnection();

    using RequestLine = RequestFramer::RequestLine;
    // The request line of the request Qt has just finished parsing on this connection.
    RequestLine takeRequestLine();

    static ConnectionTap *of(QTcpSocket *socket);

Q_SIGNALS:
    // A request refused before Qt read it; the answer has been sent already.
    void rejected(const Event &event);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    using Refusal = RequestFramer::Refusal;

    void inspect();
    void afterQt();
    void written();
    qint64 peek(qint64 offset, qint64 available); // end of the bytes peeked from offset on
    void framed(quint64 deadlinesBefore);
    void fail(const Refusal &refusal, bool record = true);
    void checkDeadlines();
    void warnNotRecorded(const Refusal &refusal) const;
    void lingerThenClose();
    void discardInput();
    Event eventForRefusal(int status, const QByteArray &responseBody,
                          const QByteArray &requestBody) const;

    QTcpSocket *m_socket; // not owned: the parent
    CaptureLimits m_limits;
    RequestFramer m_framer;
    QByteArray m_peeked; // reused: the socket's unread bytes, copied by peek()
    qint64 m_seen = 0; // unread bytes (for Qt) that were already inspected
    qint64 m_phaseStartMs = 0; // when the head or the body started
    qint64 m_lastActivityMs = 0;
    bool m_awaitingAnswer = false;
    bool m_closing = false; // refused: answering, then closing
    QList<RequestLine> m_lines; // framed, not yet taken by the server
    QBasicTimer m_deadlineTimer; // periodic: checks the idle, head and body deadlines
    QBasicTimer m_lingerTimer;
};
