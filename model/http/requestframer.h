#pragma once

#include "capturelimits.h"
#include "event/event.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

// Frames the HTTP/1.x requests of one connection (RFC 9112: request line, head, Content-Length
// or chunked body) from its bytes, in whatever pieces they arrive. It keeps what Qt 6.4 drops
// (method and target exactly as sent) and refuses what breaks the limits as soon as it shows:
// 400 (malformed), 413 (body over the cap, declared or as chunks arrive), 414 (target too long),
// 431 (head too large, too many headers), 505 (not HTTP/1.x). Content-Length together with
// Transfer-Encoding is refused (400), never framed one way or the other (RFC 9112 6.3: the
// request smuggling vector). After a request that closes the connection (Connection: close, or
// HTTP/1.0 without keep-alive) it frames nothing more: Closed. Pure: no socket and no clock;
// ConnectionTap feeds it and answers, and raw HTTP files are framed by it too.
class RequestFramer
{
public:
    enum class Phase {
        Start,
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        LastChunkEnd,
        Refused,
        Closed
    };
    // The request line and what the head says about the connection.
    struct RequestLine
    {
        QByteArray method;
        QByteArray target;
        bool close = false; // the connection ends after this request's answer
        bool upgrade = false; // a Connection header names "upgrade" (as Qt 6.4 looks for it)
    };
    struct Refusal
    {
        int status;
        QByteArrayView reason; // a literal
        QByteArray detail; // our own words only: nothing the client sent
    };

    explicit RequestFramer(const CaptureLimits &limits);

    // Frames the bytes that follow those fed before; returns how many it took: all of them,
    // unless it refused the request or the connection closes (then it takes nothing more).
    qint64 feed(QByteArrayView data);
    // Like feed(), but returns at the first boundary: where a request ends, or where body bytes
    // (of a Content-Length body or of a chunk) start. So a caller knows where each request ends
    // (capture keeps what follows a closing or refused one from Qt) and which bytes are body
    // (a file keeps them, a socket only counts them with skipBody()).
    qint64 feedPart(QByteArrayView data);
    // In Body or ChunkData the bytes are only counted: skipBody(size) takes up to size of them
    // without seeing them, so a caller need not copy a body.
    bool inBodyData() const { return m_phase == Phase::Body || m_phase == Phase::ChunkData; }
    qint64 skipBody(qint64 size);

    // The request lines of the requests completed since the last call, in order.
    QList<RequestLine> takeCompleted() { return std::exchange(m_completed, {}); }
    // Between a head with "Expect: 100-continue" (HTTP/1.1) and the end of its body: the client
    // waits for "100 Continue" before it sends the body (RFC 9110 10.1.1).
    bool expectsContinue() const { return m_expectContinue && inBody(); }
    bool inBody() const { return m_phase >= Phase::Body && m_phase <= Phase::LastChunkEnd; }
    bool stopped() const { return m_phase == Phase::Refused || m_phase == Phase::Closed; }
    const std::optional<Refusal> &refusal() const { return m_refusal; }

    // For the caller's 408 deadlines: deadlinesStarted() grows when a head starts (its first
    // byte) and when a body starts (its head is complete); the caller's clock restarts then.
    Phase phase() const { return m_phase; }
    quint64 deadlinesStarted() const { return m_deadlinesStarted; }
    bool requestLineDone() const { return m_requestLineDone; }
    qint64 bodyReceived() const { return m_bodyReceived; }

    // The request in progress (or refused): for recording it.
    const RequestLine &current() const { return m_current; }
    const QByteArray &head() const { return m_head; } // as received, bounded by maxHeadBytes
    HeaderList headers() const; // the head's header lines, read leniently

private:
    qint64 step(const char *data, qint64 size);
    qint64 consumeStart(const char *data, qint64 size);
    qint64 consumeHead(const char *data, qint64 size);
    qint64 consumeChunkLine(const char *data, qint64 size);
    bool headLine(QByteArrayView line);
    bool requestLine(QByteArrayView line);
    bool headerLine(QByteArrayView line);
    void connectionOptions(QByteArrayView value);
    bool headComplete();
    bool chunkSizeLine(QByteArrayView line);
    bool chunkEndLine(QByteArrayView line);
    bool partialRequestLineIsSane();
    void messageComplete();
    bool refuse(Refusal refusal);

    CaptureLimits m_limits;
    Phase m_phase = Phase::Start;
    QByteArray m_head; // this request's head as received so far (bounded by maxHeadBytes)
    QByteArray m_line; // a chunk-size line or a chunk's CRLF, as received so far
    qsizetype m_lineStart = 0; // where the head's current line starts
    bool m_requestLineDone = false;
    RequestLine m_current;
    int m_headerCount = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_transferEncoding = false;
    bool m_http10 = false;
    bool m_keepAlive = false; // Connection: keep-alive
    bool m_expectContinue = false;
    qint64 m_remaining = 0; // of the Content-Length body or of the current chunk
    qint64 m_bodyReceived = 0;
    quint64 m_deadlinesStarted = 0;
    QList<RequestLine> m_completed;
    std::optional<Refusal> m_refusal;
};
