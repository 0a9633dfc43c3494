#include "rawhttpreader.h"

#include "harformat.h"
#include "http/requestframer.h"
#include "httptext.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace {

struct RequestLine
{
    QByteArray method;
    QByteArray target;
};

std::optional<RequestLine> parseRequestLine(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype space = line.indexOf(' ');
    if (space <= 0 || !std::all_of(line.begin(), line.begin() + space, HttpText::isTokenChar))
        return std::nullopt;
    QByteArrayView target = line.sliced(space + 1);
    const qsizetype version = target.lastIndexOf(" HTTP/");
    if (version >= 0)
        target = target.first(version);
    if (target.isEmpty() || target.contains(' '))
        return std::nullopt;
    const QByteArray targetBytes = target.startsWith('/')
        ? target.toByteArray()
        : Har::targetOf(QString::fromUtf8(target)); // absolute-form, as .http files use
    return RequestLine { line.first(space).toByteArray(), targetBytes };
}

// A file is framed like a socket, without the socket's size limits: the input bounds it.
CaptureLimits fileLimits()
{
    CaptureLimits limits;
    limits.maxBodyBytes = std::numeric_limits<qint64>::max() / 2;
    limits.maxHeadBytes = std::numeric_limits<qint64>::max() / 2;
    limits.maxHeaderCount = std::numeric_limits<int>::max();
    return limits;
}

// The head as the framer reads it: only the header lines decide where the body ends.
QByteArray headForFraming(const HeaderList &headers)
{
    QByteArray head = "POST / HTTP/1.1\r\n"_ba;
    for (const auto &[name, value] : headers)
        head += name + ": "_ba + value + "\r\n"_ba;
    return head + "\r\n"_ba;
}

} // namespace

RawHttpReader::RawHttpReader(QByteArrayView bytes)
    : m_bytes(bytes)
{
    skipBlankLines();
}

bool RawHttpReader::looksLikeRequest(QByteArrayView bytes)
{
    const qsizetype end = bytes.indexOf('\n');
    const QByteArrayView first = end < 0 ? bytes : bytes.first(end);
    const auto request = parseRequestLine(first);
    if (!request)
        return false;
    // Without a version, only an upper-case method and a path or URL make it a request line
    // rather than a sentence.
    const bool upper = std::all_of(request->method.begin(), request->method.end(),
                                   [](char c) { return c >= 'A' && c <= 'Z'; });
    const QByteArrayView target = first.sliced(request->method.size() + 1);
    return first.contains(" HTTP/1.")
        || (upper
            && (target.startsWith('/') || target.startsWith("http://")
                || target.startsWith("https://")));
}

bool RawHttpReader::atEnd() const
{
    return m_at >= m_bytes.size();
}

QByteArrayView RawHttpReader::takeLine()
{
    qsizetype end = m_bytes.indexOf('\n', m_at);
    end = end < 0 ? m_bytes.size() : end + 1;
    QByteArrayView line = m_bytes.sliced(m_at, end - m_at);
    m_at = end;
    ++m_nextLine;
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

void RawHttpReader::skipBlankLines()
{
    while (!atEnd() && (m_bytes[m_at] == '\n' || m_bytes.sliced(m_at).startsWith("\r\n")))
        takeLine();
}

bool RawHttpReader::readHeaders(Event *event, QString *error)
{
    while (!atEnd()) {
        const QByteArrayView line = takeLine();
        if (line.isEmpty())
            return true;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !std::all_of(line.begin(), line.begin() + colon, HttpText::isTokenChar)) {
            m_errorLine = m_nextLine - 1;
            *error = u"expected a header line \"Name: value\""_s;
            return false;
        }
        event->headers.append(
            { line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray() });
    }
    return true; // no blank line and no body: the message ends with the input
}

std::optional<Event> RawHttpReader::next(QString *error)
{
    m_line = m_nextLine;
    const auto requestLine = parseRequestLine(takeLine());
    if (!requestLine) {
        m_errorLine = m_line;
        *error = u"expected a request line \"METHOD /target HTTP/1.1\""_s;
        return std::nullopt;
    }
    Event event;
    event.method = requestLine->method;
    event.target = requestLine->target;
    if (!readHeaders(&event, error))
        return std::nullopt;
    if (!readBody(&event, error)) {
        m_errorLine = m_line;
        return std::nullopt;
    }
    skipBlankLines();
    return event;
}

// Where the body ends is the capture's decision (RequestFramer): Content-Length or chunked
// (de-chunked, as capture stores it), and Content-Length with Transfer-Encoding, several or
// negative lengths are refused. Only a message with neither header is read to the end of the
// input, as hand-written .http files have it.
bool RawHttpReader::readBody(Event *event, QString *error)
{
    const QByteArray length = event->headerValue("content-length");
    if (length.isNull() && event->headerValue("transfer-encoding").isNull()) {
        event->body = m_bytes.sliced(m_at).toByteArray();
        m_nextLine += event->body.count('\n');
        m_at = m_bytes.size();
        return true;
    }
    RequestFramer framer(fileLimits());
    framer.feed(headForFraming(event->headers));
    bool complete = !framer.takeCompleted().isEmpty();
    while (!complete && !framer.refusal() && !atEnd()) {
        const QByteArrayView rest = m_bytes.sliced(m_at);
        const bool bodyData = framer.inBodyData(); // else chunk lines: framing, not body
        const qint64 taken = bodyData ? framer.skipBody(rest.size()) : framer.feedPart(rest);
        if (bodyData)
            event->body += rest.first(taken).toByteArray();
        m_nextLine += rest.first(taken).count('\n');
        m_at += taken;
        complete = !framer.takeCompleted().isEmpty();
    }
    if (const auto &refusal = framer.refusal()) {
        *error = QString::fromLatin1(refusal->detail);
        return false;
    }
    if (complete)
        return true;
    *error = length.isNull() ? u"the chunked body ends before its last chunk"_s
                             : u"Content-Length %1 does not match the %2 bytes that follow"_s.arg(
                                 QString::fromLatin1(length), QString::number(event->body.size()));
    return false;
}
