#pragma once

#include "event/event.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Incremental HTTP/1.1 response parser: status line, headers, then a body framed by
// Transfer-Encoding: chunked, Content-Length, or the end of the connection (RFC 9112 6.3).
// Interim 1xx responses (100 Continue, 103 Early Hints) are skipped. The body kept is capped:
// once it is reached the response counts as complete and truncated, so a huge answer costs at
// most the cap. Errors name the byte offset in the response stream.
class HttpResponseParser
{
public:
    enum class State { Incomplete, Complete, Error };

    static constexpr qsizetype maxHeaderBytes = 64 * 1024;

    explicit HttpResponseParser(qint64 maxBodyBytes = 10 * 1024 * 1024, bool headRequest = false);

    State feed(QByteArrayView data);
    // The connection ended: completes a close-delimited body, else reports what was missing.
    State finish();

    State state() const { return m_state; }
    int status() const { return m_status; }
    const QByteArray &reason() const { return m_reason; }
    const HeaderList &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    bool truncated() const { return m_truncated; }
    const QString &error() const { return m_error; }

private:
    enum class Phase {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        CloseBody,
        Done
    };

    // Whether to go on: false once the stream needs more bytes, completed or failed.
    bool step();
    bool parseLine(const QByteArray &line, qint64 lineStart);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool startBody();
    bool parseChunkSize(const QByteArray &line);
    bool takeBody(qint64 wanted);
    // A line without its CRLF (or bare LF), or nothing when it has not fully arrived.
    std::optional<QByteArray> takeLine();
    bool fail(const QString &reason);
    bool complete();

    qint64 m_maxBody;
    bool m_headRequest;
    State m_state = State::Incomplete;
    Phase m_phase = Phase::StatusLine;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // first unconsumed byte of m_buffer
    qint64 m_offset = 0; // stream offset of m_buffer[m_pos]
    qint64 m_headerBytes = 0;
    qint64 m_remaining = 0; // of the fixed body or the current chunk
    int m_status = 0;
    QByteArray m_reason;
    HeaderList m_headers;
    QByteArray m_body;
    bool m_truncated = false;
    QString m_error;
};
