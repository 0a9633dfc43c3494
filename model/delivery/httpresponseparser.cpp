#include "httpresponseparser.h"

using namespace Qt::StringLiterals;

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArray lastCoding(const QByteArray &transferEncoding)
{
    const QList<QByteArray> codings = transferEncoding.split(',');
    return codings.isEmpty() ? QByteArray() : codings.last().trimmed().toLower();
}

} // namespace

HttpResponseParser::HttpResponseParser(qint64 maxBodyBytes, bool headRequest)
    : m_maxBody(maxBodyBytes)
    , m_headRequest(headRequest)
{ }

HttpResponseParser::State HttpResponseParser::feed(QByteArrayView data)
{
    if (m_state != State::Incomplete)
        return m_state;
    // Consumed bytes are dropped once per feed, not per line or chunk: a response of many
    // small chunks must not cost a copy of the buffer each.
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    m_buffer.append(data);
    while (m_state == State::Incomplete && step()) { }
    return m_state;
}

HttpResponseParser::State HttpResponseParser::finish()
{
    if (m_state != State::Incomplete)
        return m_state;
    if (m_phase == Phase::CloseBody)
        complete();
    else if (m_phase == Phase::StatusLine && m_offset == 0 && m_pos == m_buffer.size())
        fail(u"the connection closed before any response"_s);
    else if (m_phase == Phase::StatusLine || m_phase == Phase::Headers)
        fail(u"the connection closed inside the response headers"_s);
    else if (m_phase == Phase::FixedBody)
        fail(u"the connection closed after %1 body bytes, %2 missing (Content-Length)"_s.arg(
            QString::number(m_body.size()), QString::number(m_remaining)));
    else
        fail(u"the connection closed inside the chunked body"_s);
    return m_state;
}

bool HttpResponseParser::step()
{
    switch (m_phase) {
    case Phase::StatusLine:
    case Phase::Headers:
    case Phase::ChunkSize:
    case Phase::ChunkDataEnd:
    case Phase::Trailers: {
        const qint64 lineStart = m_offset;
        const std::optional<QByteArray> line = takeLine();
        if (!line)
            return false;
        return parseLine(*line, lineStart);
    }
    case Phase::FixedBody:
    case Phase::ChunkData:
    case Phase::CloseBody:
        return takeBody(m_phase == Phase::CloseBody ? m_buffer.size() - m_pos : m_remaining);
    case Phase::Done:
        return false;
    }
    return false;
}

bool HttpResponseParser::parseLine(const QByteArray &line, qint64 lineStart)
{
    bool ok = true;
    QString what;
    switch (m_phase) {
    case Phase::StatusLine:
        ok = parseStatusLine(line);
        what = u"bad status line"_s;
        break;
    case Phase::Headers:
        ok = parseHeaderLine(line);
        what = u"bad header line"_s;
        break;
    case Phase::ChunkSize:
        ok = parseChunkSize(line);
        what = u"bad chunk size"_s;
        break;
    case Phase::ChunkDataEnd:
        ok = line.isEmpty();
        m_phase = Phase::ChunkSize;
        what = u"chunk not followed by CRLF"_s;
        break;
    default: // trailers are read and ignored until the blank line
        if (line.isEmpty())
            complete();
    }
    // The parsers may have completed or failed with a better reason themselves.
    if (!ok && m_state == State::Incomplete)
        fail(u"%1 at byte %2"_s.arg(what).arg(lineStart));
    return m_state == State::Incomplete;
}

std::optional<QByteArray> HttpResponseParser::takeLine()
{
    const qsizetype newline = m_buffer.indexOf('\n', m_pos);
    const bool inHeaders = m_phase == Phase::StatusLine || m_phase == Phase::Headers;
    if (newline < 0) {
        if (m_buffer.size() - m_pos > maxHeaderBytes)
            fail(u"a line longer than %1 bytes at byte %2"_s.arg(maxHeaderBytes).arg(m_offset));
        return std::nullopt;
    }
    const qsizetype length = newline + 1 - m_pos;
    QByteArray line = m_buffer.mid(m_pos, length - 1);
    if (line.endsWith('\r'))
        line.chop(1);
    m_pos += length;
    m_offset += length;
    if (inHeaders)
        m_headerBytes += length;
    if (inHeaders && m_headerBytes > maxHeaderBytes) {
        fail(u"response headers longer than %1 bytes"_s.arg(maxHeaderBytes));
        return std::nullopt;
    }
    return line;
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line)
{
    // HTTP-version SP 3DIGIT [SP reason] (RFC 9112 4); a missing reason is tolerated.
    if (!line.startsWith("HTTP/1.") || line.size() < 12 || line.at(8) != ' ')
        return false;
    bool ok = false;
    const int status = line.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 999 || (line.size() > 12 && line.at(12) != ' '))
        return false;
    m_status = status;
    m_reason = line.mid(13);
    m_phase = Phase::Headers;
    return true;
}

bool HttpResponseParser::parseHeaderLine(const QByteArray &line)
{
    if (line.isEmpty())
        return startBody();
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line.at(0) == ' ' || line.at(0) == '\t')
        return false;
    const QByteArray name = line.left(colon);
    if (name.contains(' ') || name.contains('\t'))
        return false;
    m_headers.append({ name, line.mid(colon + 1).trimmed() });
    return true;
}

bool HttpResponseParser::startBody()
{
    if (m_status < 200 && m_status != 101) {
        // An interim response: the real one follows.
        m_headers.clear();
        m_reason.clear();
        m_phase = Phase::StatusLine;
        return true;
    }
    if (m_headRequest || m_status == 101 || m_status == 204 || m_status == 304)
        return complete();
    QByteArray transferEncoding, contentLength;
    bool lengthConflict = false;
    for (const auto &[name, value] : m_headers) {
        if (sameName(name, "Transfer-Encoding"))
            transferEncoding += (transferEncoding.isEmpty() ? "" : ",") + value;
        else if (sameName(name, "Content-Length")) {
            lengthConflict = lengthConflict || (!contentLength.isNull() && contentLength != value);
            contentLength = value;
        }
    }
    if (!transferEncoding.isEmpty()) {
        m_phase = lastCoding(transferEncoding) == "chunked" ? Phase::ChunkSize : Phase::CloseBody;
        return true;
    }
    if (contentLength.isNull()) {
        m_phase = Phase::CloseBody;
        return true;
    }
    bool ok = false;
    m_remaining = contentLength.toLongLong(&ok);
    if (!ok || m_remaining < 0 || lengthConflict)
        return fail(u"bad Content-Length \"%1\""_s.arg(QString::fromLatin1(contentLength)));
    m_phase = Phase::FixedBody;
    return m_remaining > 0 || complete();
}

bool HttpResponseParser::parseChunkSize(const QByteArray &line)
{
    const qsizetype semicolon = line.indexOf(';');
    const QByteArray digits = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
    bool ok = false;
    const qint64 size = digits.toLongLong(&ok, 16);
    if (!ok || size < 0 || digits.size() > 15)
        return false;
    m_remaining = size;
    m_phase = size == 0 ? Phase::Trailers : Phase::ChunkData;
    return true;
}

bool HttpResponseParser::takeBody(qint64 wanted)
{
    const qint64 available = qMin<qint64>(wanted, m_buffer.size() - m_pos);
    if (available == 0)
        return false;
    const qint64 room = m_maxBody - m_body.size();
    m_body.append(m_buffer.constData() + m_pos, qMin(available, room));
    m_pos += available;
    m_offset += available;
    m_remaining -= available;
    if (available > room) {
        m_truncated = true;
        return complete();
    }
    if (m_phase == Phase::FixedBody && m_remaining == 0)
        return complete();
    if (m_phase == Phase::ChunkData && m_remaining == 0)
        m_phase = Phase::ChunkDataEnd;
    return true;
}

bool HttpResponseParser::fail(const QString &reason)
{
    m_error = u"malformed response: "_s + reason;
    m_state = State::Error;
    m_phase = Phase::Done;
    return false;
}

bool HttpResponseParser::complete()
{
    m_state = State::Complete;
    m_phase = Phase::Done;
    return false;
}
