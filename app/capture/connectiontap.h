#pragma once

#include "capturelimits.h"
#include "event/event.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QList>
#include <QObject>

class QTcpSocket;

// Sees each connection's bytes before QtHttpServer parses them: its readyRead slot runs first
// (inspect) and once more after Qt's (afterQt), so it knows which buffered bytes are new and
// reads each byte once. It frames every request itself (request line, head, Content-Length or
// chunked body; RFC 9112) to keep what Qt 6.4 drops (method and target exactly as sent) and to
// refuse what breaks the limits before Qt buffers it: 400 (malformed), 413 (body over the cap,
// declared or as chunks arrive), 414 (target too long), 431 (head too large, too many
// headers), 505 (not HTTP/1.x), 408 (head or body too slow). Closes idle connections.
// Refused requests are answered here, then reported through rejected() to be stored when their
// request line gave a method and target (else only said on stderr, at most every 10 s).
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

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class Phase { Start, Head, Body, ChunkSize, ChunkData, ChunkEnd, LastChunkEnd, Closing };
    struct Refusal
    {
        int status;
        QByteArrayView reason; // a literal
        QByteArray detail;
    };

    void inspect();
    void afterQt();
    void written();
    qint64 consume(const char *data, qint64 size); // bytes of the peeked buffer taken
    qint64 consumeHead(const char *data, qint64 size);
    qint64 consumeBody(qint64 size);
    qint64 consumeChunkLine(const char *data, qint64 size);
    bool headLine(QByteArrayView line);
    bool requestLine(QByteArrayView line);
    bool headerLine(QByteArrayView line);
    bool headComplete();
    bool chunkSizeLine(QByteArrayView line);
    bool chunkEndLine(QByteArrayView line);
    bool partialRequestLineIsSane();
    void messageComplete();
    bool fail(const Refusal &refusal, bool record = true);
    void checkDeadlines();
    void warnNotRecorded(const Refusal &refusal) const;
    void lingerThenClose();
    void discardInput();
    Event eventForRefusal(int status, const QByteArray &responseBody,
                          const QByteArray &requestBody) const;

    QTcpSocket *m_socket; // not owned: the parent
    CaptureLimits m_limits;
    Phase m_phase = Phase::Start;
    QByteArray m_peeked; // reused: the socket's unread bytes, copied by peek()
    QByteArray m_head; // this request's head as received so far (bounded by maxHeadBytes)
    QByteArray m_line; // a chunk-size line or a chunk's CRLF, as received so far
    qsizetype m_lineStart = 0; // where the head's current line starts
    qint64 m_seen = 0; // unread bytes (for Qt) that were already inspected
    bool m_requestLineDone = false;
    RequestLine m_current;
    int m_headerCount = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_transferEncoding = false;
    qint64 m_remaining = 0; // of the Content-Length body or of the current chunk
    qint64 m_bodyReceived = 0;
    qint64 m_phaseStartMs = 0; // when the head or the body started
    qint64 m_lastActivityMs = 0;
    bool m_awaitingAnswer = false;
    bool m_qtManaged = true;
    QList<RequestLine> m_lines; // framed, not yet taken by the server
    QBasicTimer m_deadlineTimer; // periodic: checks the idle, head and body deadlines
    QBasicTimer m_lingerTimer;
};
