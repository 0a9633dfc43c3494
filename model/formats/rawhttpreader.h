#pragma once

#include "event/event.h"

#include <QByteArrayView>
#include <QString>

// Reads HTTP/1.1 request messages as toRawHttp() writes them (and as saved from other tools):
// request line, header lines, blank line, body. CRLF or bare LF line ends are accepted.
// Bodies are framed by the capture's RequestFramer, so a file and a socket agree: a message
// with Content-Length ends after that many bytes, a chunked one after its last chunk (the body
// is de-chunked), so several can follow each other (blank lines between them are skipped);
// Content-Length with Transfer-Encoding, differing or negative lengths are errors. Without
// either header, the body runs to the end of the input.
class RawHttpReader
{
public:
    explicit RawHttpReader(QByteArrayView bytes);

    // Whether BYTES starts with a request line: METHOD SP TARGET [SP HTTP/1.x].
    static bool looksLikeRequest(QByteArrayView bytes);

    bool atEnd() const;
    // The next request; on failure ERROR says what is wrong (errorLine() where) and the caller
    // stops: after a broken message there is no telling where the next one starts.
    std::optional<Event> next(QString *error);
    // 1-based line of the last error.
    qint64 errorLine() const { return m_errorLine; }

private:
    QByteArrayView takeLine();
    void skipBlankLines();
    bool readHeaders(Event *event, QString *error);
    bool readBody(Event *event, QString *error);

    QByteArrayView m_bytes;
    qsizetype m_at = 0;
    qint64 m_line = 1;
    qint64 m_nextLine = 1;
    qint64 m_errorLine = 0;
};
