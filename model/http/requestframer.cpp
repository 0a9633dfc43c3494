#include "requestframer.h"

#include "httpsyntax.h"

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

using HttpSyntax::isToken;
using HttpSyntax::isTokenChar;

namespace {
constexpr qsizetype kMaxChunkLine = 1024; // chunk size plus extensions

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// A non-negative decimal that fits in 18 digits, or -1.
qint64 decimal(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return -1;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// A chunk size (RFC 9112 7.1: hex digits, then optional extensions after ';'), or -1.
qint64 chunkSize(QByteArrayView line)
{
    const qsizetype semicolon = line.indexOf(';');
    const QByteArrayView digits = trimmed(semicolon < 0 ? line : line.first(semicolon));
    if (digits.isEmpty() || digits.size() > 15)
        return -1;
    qint64 value = 0;
    for (const char c : digits) {
        const int digit = QByteArray("0123456789abcdef").indexOf(char(c | 0x20));
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

const char *newlineIn(const char *data, qint64 size)
{
    return static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
}
} // namespace

RequestFramer::RequestFramer(const CaptureLimits &limits)
    : m_limits(limits)
{ }

qint64 RequestFramer::feed(QByteArrayView data)
{
    qint64 taken = 0;
    while (taken < data.size() && !stopped())
        taken += step(data.data() + taken, data.size() - taken);
    return taken;
}

qint64 RequestFramer::feedPart(QByteArrayView data)
{
    qint64 taken = 0;
    const qsizetype completedBefore = m_completed.size();
    while (taken < data.size() && !stopped() && m_completed.size() == completedBefore) {
        const bool wasInBodyData = inBodyData();
        taken += step(data.data() + taken, data.size() - taken);
        if (!wasInBodyData && inBodyData())
            break; // body bytes start here: the caller may skip them unseen, or keep them
    }
    return taken;
}

qint64 RequestFramer::skipBody(qint64 size)
{
    if (!inBodyData())
        return 0;
    const qint64 taken = std::min(size, m_remaining);
    m_remaining -= taken;
    m_bodyReceived += taken;
    if (m_remaining == 0) {
        if (m_phase == Phase::Body)
            messageComplete();
        else
            m_phase = Phase::ChunkEnd;
    }
    return taken;
}

// The header lines of the head, leniently: for recording a refused request.
HeaderList RequestFramer::headers() const
{
    HeaderList headers;
    const QByteArrayView head = m_head;
    qsizetype start = head.indexOf('\n') + 1; // after the request line
    while (start > 0 && start < head.size()) {
        qsizetype end = head.indexOf('\n', start);
        const QByteArrayView line =
            withoutCr(head.sliced(start, (end < 0 ? head.size() : end) - start));
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append(
                { line.first(colon).toByteArray(), trimmed(line.sliced(colon + 1)).toByteArray() });
        start = end < 0 ? -1 : end + 1;
    }
    return headers;
}

// One element at most: what is left of an empty-line run, a head line or a chunk line, or body.
qint64 RequestFramer::step(const char *data, qint64 size)
{
    switch (m_phase) {
    case Phase::Start:
        return consumeStart(data, size);
    case Phase::Head:
        return consumeHead(data, size);
    case Phase::ChunkSize:
    case Phase::ChunkEnd:
    case Phase::LastChunkEnd:
        return consumeChunkLine(data, size);
    case Phase::Body:
    case Phase::ChunkData:
        return skipBody(size);
    case Phase::Refused:
    case Phase::Closed:
        break;
    }
    return size;
}

// RFC 9112 2.2: empty lines before a request line are ignored.
qint64 RequestFramer::consumeStart(const char *data, qint64 size)
{
    qint64 skipped = 0;
    while (skipped < size && (data[skipped] == '\r' || data[skipped] == '\n'))
        ++skipped;
    if (skipped < size) {
        m_phase = Phase::Head;
        ++m_deadlinesStarted;
    }
    return skipped;
}

qint64 RequestFramer::consumeHead(const char *data, qint64 size)
{
    const char *newline = newlineIn(data, size);
    const qint64 taken = newline ? newline - data + 1 : size;
    if (m_head.size() + taken > m_limits.maxHeadBytes) {
        if (!m_requestLineDone)
            return refuse({ 414, "URI Too Long",
                            "the request line is longer than "_ba
                                + QByteArray::number(m_limits.maxHeadBytes)
                                + " bytes (--max-head)"_ba }),
                   size;
        return refuse({ 431, "Request Header Fields Too Large",
                        "the request line and headers are longer than "_ba
                            + QByteArray::number(m_limits.maxHeadBytes)
                            + " bytes (--max-head)"_ba }),
               size;
    }
    m_head.append(data, taken);
    if (!newline) {
        partialRequestLineIsSane();
        return size;
    }
    const QByteArrayView line =
        withoutCr(QByteArrayView(m_head).sliced(m_lineStart, m_head.size() - 1 - m_lineStart));
    m_lineStart = m_head.size();
    headLine(line);
    return taken;
}

// A request line still arriving is refused as soon as it cannot become a valid one: a TLS
// handshake or other binary is answered at once instead of waiting for a newline.
bool RequestFramer::partialRequestLineIsSane()
{
    if (m_requestLineDone)
        return true;
    const qsizetype space = m_head.indexOf(' ');
    const QByteArrayView method = QByteArrayView(m_head).first(space < 0 ? m_head.size() : space);
    if (!std::all_of(method.begin(), method.end(), isTokenChar))
        return refuse({ 400, "Bad Request", "the request does not start with an HTTP method"_ba });
    if (m_head.size() > m_limits.maxTargetBytes + 64) { // the target plus method and version
        if (space > 0) // recorded with the part of the target that fits the limit
            m_current = { method.toByteArray(),
                          QByteArrayView(m_head)
                              .sliced(space + 1)
                              .first(std::min<qsizetype>(m_head.size() - space - 1,
                                                         m_limits.maxTargetBytes))
                              .toByteArray() };
        return refuse({ 414, "URI Too Long",
                        "the request target is longer than "_ba
                            + QByteArray::number(m_limits.maxTargetBytes)
                            + " bytes (--max-target)"_ba });
    }
    return true;
}

bool RequestFramer::headLine(QByteArrayView line)
{
    if (!m_requestLineDone)
        return requestLine(line);
    if (line.isEmpty())
        return headComplete();
    return headerLine(line);
}

// RFC 9112 3: method SP request-target SP HTTP-version. Runs of spaces are tolerated, as Qt does.
bool RequestFramer::requestLine(QByteArrayView line)
{
    m_requestLineDone = true;
    line = trimmed(line);
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView method = space < 0 ? line : line.first(space);
    if (!isToken(method))
        return refuse({ 400, "Bad Request", "the request does not start with an HTTP method"_ba });
    QByteArrayView rest = trimmed(space < 0 ? QByteArrayView() : line.sliced(space));
    const qsizetype space2 = rest.indexOf(' ');
    if (space2 < 0)
        return refuse(
            { 400, "Bad Request", "the request line is not METHOD TARGET HTTP-VERSION"_ba });
    const QByteArrayView target = rest.first(space2);
    const QByteArrayView version = trimmed(rest.sliced(space2));
    if (version.contains(' '))
        return refuse(
            { 400, "Bad Request", "the request line is not METHOD TARGET HTTP-VERSION"_ba });
    // Recorded from here on; a target over the limit is recorded cut to it.
    m_current = {
        method.toByteArray(),
        target.first(std::min<qsizetype>(target.size(), m_limits.maxTargetBytes)).toByteArray()
    };
    if (target.size() > m_limits.maxTargetBytes)
        return refuse({ 414, "URI Too Long",
                        "the request target is longer than "_ba
                            + QByteArray::number(m_limits.maxTargetBytes)
                            + " bytes (--max-target)"_ba });
    if (std::any_of(target.begin(), target.end(),
                    [](char c) { return uchar(c) <= 0x20 || c == 0x7f; }))
        return refuse(
            { 400, "Bad Request", "the request target contains spaces or control characters"_ba });
    m_http10 = version == "HTTP/1.0";
    if (version == "HTTP/1.1" || m_http10)
        return true;
    const bool otherHttp = version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.';
    if (otherHttp)
        return refuse(
            { 505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are served"_ba });
    return refuse({ 400, "Bad Request", "the request line does not end with HTTP/1.1"_ba });
}

bool RequestFramer::headerLine(QByteArrayView line)
{
    if (line.front() == ' ' || line.front() == '\t') // RFC 9112 5.2: obsolete line folding
        return refuse(
            { 400, "Bad Request", "a header line is folded (starts with whitespace)"_ba });
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView name = line.first(std::max<qsizetype>(colon, 0));
    if (!isToken(name)) // also "Name : value", a request smuggling vector (RFC 9112 5.1)
        return refuse({ 400, "Bad Request", "a header line is not NAME: VALUE"_ba });
    if (++m_headerCount > m_limits.maxHeaderCount)
        return refuse({ 431, "Request Header Fields Too Large",
                        "more than "_ba + QByteArray::number(m_limits.maxHeaderCount)
                            + " header lines (--max-headers)"_ba });
    if (name.size() == 14 && name.compare("content-length", Qt::CaseInsensitive) == 0) {
        const qint64 length = decimal(trimmed(line.sliced(colon + 1)));
        if (length < 0 || (m_contentLength >= 0 && length != m_contentLength))
            return refuse({ 400, "Bad Request", "Content-Length is not one decimal number"_ba });
        m_contentLength = length;
    } else if (name.size() == 17 && name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        const QByteArrayView codings = line.sliced(colon + 1);
        const qsizetype comma = codings.lastIndexOf(',');
        m_transferEncoding = true;
        m_chunked = trimmed(codings.sliced(comma + 1)).compare("chunked", Qt::CaseInsensitive) == 0;
    } else if (name.size() == 10 && name.compare("connection", Qt::CaseInsensitive) == 0) {
        connectionOptions(line.sliced(colon + 1));
    } else if (name.size() == 6 && name.compare("expect", Qt::CaseInsensitive) == 0) {
        m_expectContinue = !m_http10
            && trimmed(line.sliced(colon + 1)).compare("100-continue", Qt::CaseInsensitive) == 0;
    }
    return true;
}

// RFC 9112 9.3 and 9.6: "close" ends the connection after the answer, HTTP/1.0 needs
// "keep-alive" to keep it. "upgrade" is looked for as a substring, the way Qt 6.4 does.
void RequestFramer::connectionOptions(QByteArrayView value)
{
    for (const QByteArray &option : value.toByteArray().split(',')) {
        const QByteArrayView token = trimmed(option);
        if (token.compare("close", Qt::CaseInsensitive) == 0)
            m_current.close = true;
        else if (token.compare("keep-alive", Qt::CaseInsensitive) == 0)
            m_keepAlive = true;
    }
    if (value.toByteArray().toLower().contains("upgrade"))
        m_current.upgrade = true;
}

// RFC 9112 6.3: Content-Length with Transfer-Encoding is refused, as a request smuggling attempt;
// a transfer coding other than chunked last cannot be framed.
bool RequestFramer::headComplete()
{
    m_bodyReceived = 0;
    ++m_deadlinesStarted;
    if (m_http10 && !m_keepAlive)
        m_current.close = true;
    if (m_transferEncoding && m_contentLength >= 0)
        return refuse({ 400, "Bad Request",
                        "Content-Length and Transfer-Encoding together: the body's length is "
                        "ambiguous (RFC 9112 6.3)"_ba });
    if (m_transferEncoding) {
        if (!m_chunked)
            return refuse(
                { 400, "Bad Request",
                  "Transfer-Encoding does not end with chunked, so the body has no length"_ba });
        m_phase = Phase::ChunkSize;
        return true;
    }
    if (m_contentLength > m_limits.maxBodyBytes)
        return refuse({ 413, "Payload Too Large",
                        "the body is larger than "_ba + QByteArray::number(m_limits.maxBodyBytes)
                            + " bytes (--max-body)"_ba });
    if (m_contentLength <= 0) {
        messageComplete();
        return true;
    }
    m_remaining = m_contentLength;
    m_phase = Phase::Body;
    return true;
}

qint64 RequestFramer::consumeChunkLine(const char *data, qint64 size)
{
    const char *newline = newlineIn(data, size);
    const qint64 taken = newline ? newline - data + 1 : size;
    if (m_line.size() + taken > kMaxChunkLine)
        return refuse({ 400, "Bad Request", "a chunk size line is longer than 1024 bytes"_ba }),
               size;
    m_line.append(data, newline ? taken - 1 : taken);
    if (!newline)
        return taken;
    const QByteArrayView line = withoutCr(m_line);
    if (m_phase == Phase::ChunkSize)
        chunkSizeLine(line);
    else
        chunkEndLine(line);
    m_line.truncate(0);
    return taken;
}

bool RequestFramer::chunkSizeLine(QByteArrayView line)
{
    const qint64 size = chunkSize(line);
    if (size < 0)
        return refuse({ 400, "Bad Request", "a chunk does not start with its size in hex"_ba });
    if (size == 0) {
        m_phase = Phase::LastChunkEnd;
        return true;
    }
    // Refused as soon as the chunks announced add up to more than the cap, before reading them.
    if (m_bodyReceived + size > m_limits.maxBodyBytes)
        return refuse({ 413, "Payload Too Large",
                        "the chunked body is larger than "_ba
                            + QByteArray::number(m_limits.maxBodyBytes)
                            + " bytes (--max-body)"_ba });
    m_remaining = size;
    m_phase = Phase::ChunkData;
    return true;
}

bool RequestFramer::chunkEndLine(QByteArrayView line)
{
    if (!line.isEmpty() && m_phase == Phase::LastChunkEnd) // Qt 6.4 cannot frame trailers
        return refuse(
            { 400, "Bad Request", "trailer fields after a chunked body are not supported"_ba });
    if (!line.isEmpty())
        return refuse({ 400, "Bad Request", "a chunk is longer than its declared size"_ba });
    if (m_phase == Phase::LastChunkEnd)
        messageComplete();
    else
        m_phase = Phase::ChunkSize;
    return true;
}

void RequestFramer::messageComplete()
{
    m_phase = m_current.close ? Phase::Closed : Phase::Start;
    m_completed.append(std::move(m_current));
    m_current = {};
    m_head.truncate(0); // keeps its capacity for the next request
    m_lineStart = 0;
    m_requestLineDone = false;
    m_headerCount = 0;
    m_contentLength = -1;
    m_chunked = false;
    m_transferEncoding = false;
    m_http10 = false;
    m_keepAlive = false;
    m_expectContinue = false;
    m_remaining = 0;
}

bool RequestFramer::refuse(Refusal refusal)
{
    m_refusal = std::move(refusal);
    m_phase = Phase::Refused;
    return false;
}
