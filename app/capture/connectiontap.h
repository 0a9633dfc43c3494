#pragma once

#include "event/event.h"
#include "http/capturelimits.h"
#include "http/requestframer.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QList>
#include <QObject>

#include <optional>

class QTcpSocket;

// Sees each connection's bytes before QtHttpServer parses them: its readyRead slot runs first
// (inspect) and once more after Qt's (afterQt), so it knows which buffered bytes are new and
// feeds each byte once to its RequestFramer, which frames every request itself to keep what
// Qt 6.4 drops (method and target exactly as sent) and to refuse what breaks the limits before
// Qt buffers it (400, 413, 414, 431, 505). The tap adds 408 (head or body too slow) and closes
// idle connections. Refused requests are answered here, then reported through rejected() to
// be stored when their request line gave a method and target (else only said on stderr, at
// most every 10 s).
// Order on the wire is kept: the tap counts the requests handed to Qt and the answers written
// (answered()), so a refusal after good requests on the same connection (garbage after a
// request, Content-Length with Transfer-Encoding, a timeout) is answered and recorded only after
// their answers, and what follows the refused request or a "Connection: close" one is discarded
// unread, never handed to Qt. "Expect: 100-continue" gets "100 Continue" as soon as the head
// is accepted (once the answers before it are out).
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
    // The answer to one request handed to Qt has been written (in order).
    void answered();
    // A WebSocket upgrade, which Qt 6.4 would hand to a WebSocket server (there is none) and
    // close unanswered: answered 501 here, recorded as answered, and the connection closed.
    void refuseUpgrade(Event event);

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
    bool framed(quint64 deadlinesBefore);
    void sendContinue();
    void fail(const Refusal &refusal, bool record = true);
    void stop();
    void finishWhenAnswered();
    void record(const Refusal &refusal, const QByteArray &body);
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
    int m_unanswered = 0; // requests handed to Qt whose answers are not written yet
    bool m_stopped = false; // no further request is taken: refused, or the last one closes
    bool m_draining = false; // stopped, and Qt has read every request it may: discard the rest
    qint64 m_pendingGood = 0; // unread bytes of framed requests Qt has not read yet
    qint64 m_beforeQt = 0; // unread bytes when Qt's slot ran: what it read is the difference
    std::optional<Refusal> m_refusal; // answered once every earlier request is answered
    bool m_recordRefusal = true;
    bool m_continueOwed = false; // 100 Continue, sent once the earlier answers are out
    bool m_closing = false; // the last answer is written: closing
    QList<RequestLine> m_lines; // framed, not yet taken by the server
    QBasicTimer m_deadlineTimer; // periodic: checks the idle, head and body deadlines
    QBasicTimer m_lingerTimer;
};
