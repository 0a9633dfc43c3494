#include "connectiontap.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimerEvent>

#include <algorithm>
#include <chrono>
#include <cstring>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kPeekWindow = 16 * 1024; // bytes copied per peek while framing
constexpr qsizetype kMaxChunkLine = 1024; // chunk size plus extensions
constexpr int kLingerMs = 2000; // after a refusal: time for the client to read our answer

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_"
// / "`" / "|" / "~" / DIGIT / ALPHA
bool isTokenChar(char c)
{
    const auto u = uchar(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
        return true;
    return u != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

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

// The header lines of a head, leniently: for recording a refused request.
HeaderList headersOf(QByteArrayView head)
{
    HeaderList headers;
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

QByteArray answer(int status, QByteArrayView reason, const QByteArray &body)
{
    return "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nContent-Length: "_ba
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"_ba + body;
}

// Only our own words go into an error body: nothing the client sent is reflected.
QByteArray errorBody(QByteArrayView reason, const QByteArray &detail)
{
    return R"({"error":")"_ba + reason + R"(","detail":")"_ba + detail + R"("})"_ba;
}
} // namespace

ConnectionTap::ConnectionTap(QTcpSocket *socket, const CaptureLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
{
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionTap::inspect);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionTap::written);
    m_lastActivityMs = nowMs();
    // One coarse periodic check instead of a timer restarted on every read: deadlines are met
    // within a quarter of the shortest timeout, at no cost per request.
    const int shortest =
        std::min({ limits.idleTimeoutMs, limits.headTimeoutMs, limits.bodyTimeoutMs });
    m_deadlineTimer.start(std::max(10, shortest / 4), Qt::CoarseTimer, this);
}

ConnectionTap::~ConnectionTap() = default;

void ConnectionTap::followQt()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionTap::afterQt);
}

void ConnectionTap::refuseConnection()
{
    m_qtManaged = false;
    connect(m_socket, &QTcpSocket::disconnected, m_socket, &QObject::deleteLater);
    fail({ 503, "Service Unavailable",
           "more than "_ba + QByteArray::number(m_limits.maxConnections)
               + " connections are open (--max-connections); try again later"_ba },
         false);
}

ConnectionTap *ConnectionTap::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionTap *>(QString(), Qt::FindDirectChildrenOnly);
}

ConnectionTap::RequestLine ConnectionTap::takeRequestLine()
{
    return m_lines.isEmpty() ? RequestLine() : m_lines.takeFirst();
}

// Runs before Qt's slot: the bytes past m_seen arrived since the last time.
void ConnectionTap::inspect()
{
    const qint64 available = m_socket->bytesAvailable();
    if (m_phase == Phase::Closing)
        return discardInput();
    if (available <= m_seen)
        return;
    m_lastActivityMs = nowMs();
    qint64 offset = m_seen;
    qint64 peeked = 0;
    while (offset < available && m_phase != Phase::Closing) {
        if (m_phase == Phase::Body || m_phase == Phase::ChunkData) {
            offset += consumeBody(available - offset);
            continue;
        }
        if (offset >= peeked) {
            peeked = std::min(available, offset + kPeekWindow);
            if (m_peeked.size() < peeked)
                m_peeked.resize(peeked);
            peeked = std::max<qint64>(m_socket->peek(m_peeked.data(), peeked), 0);
            if (offset >= peeked)
                break;
        }
        offset += consume(m_peeked.constData() + offset, peeked - offset);
    }
    m_seen = m_phase == Phase::Closing ? 0 : available;
}

// Runs after Qt's slot: what Qt left unread has been inspected already.
void ConnectionTap::afterQt()
{
    m_seen = m_phase == Phase::Closing ? 0 : m_socket->bytesAvailable();
}

void ConnectionTap::written()
{
    m_lastActivityMs = nowMs();
    if (m_socket->bytesToWrite() > 0)
        return;
    m_awaitingAnswer = false;
    if (m_phase == Phase::Closing && m_socket->socketDescriptor() >= 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR); // our answer is out; now EOF
}

qint64 ConnectionTap::consume(const char *data, qint64 size)
{
    switch (m_phase) {
    case Phase::Start: {
        // RFC 9112 2.2: empty lines before a request line are ignored.
        qint64 skipped = 0;
        while (skipped < size && (data[skipped] == '\r' || data[skipped] == '\n'))
            ++skipped;
        if (skipped < size) {
            m_phase = Phase::Head;
            m_phaseStartMs = nowMs();
        }
        return skipped;
    }
    case Phase::Head:
        return consumeHead(data, size);
    case Phase::ChunkSize:
    case Phase::ChunkEnd:
    case Phase::LastChunkEnd:
        return consumeChunkLine(data, size);
    case Phase::Body:
    case Phase::ChunkData:
        return consumeBody(size);
    case Phase::Closing:
        break;
    }
    return size;
}

qint64 ConnectionTap::consumeHead(const char *data, qint64 size)
{
    const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
    const qint64 taken = newline ? newline - data + 1 : size;
    if (m_head.size() + taken > m_limits.maxHeadBytes) {
        if (!m_requestLineDone)
            return fail({ 414, "URI Too Long",
                          "the request line is longer than "_ba
                              + QByteArray::number(m_limits.maxHeadBytes)
                              + " bytes (--max-head)"_ba }),
                   size;
        return fail({ 431, "Request Header Fields Too Large",
                      "the request line and headers are longer than "_ba
                          + QByteArray::number(m_limits.maxHeadBytes) + " bytes (--max-head)"_ba }),
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
bool ConnectionTap::partialRequestLineIsSane()
{
    if (m_requestLineDone)
        return true;
    const qsizetype space = m_head.indexOf(' ');
    const QByteArrayView method = QByteArrayView(m_head).first(space < 0 ? m_head.size() : space);
    if (!std::all_of(method.begin(), method.end(), isTokenChar))
        return fail({ 400, "Bad Request", "the request does not start with an HTTP method"_ba });
    if (m_head.size() > m_limits.maxTargetBytes + 64) { // the target plus method and version
        if (space > 0) // recorded with the part of the target that fits the limit
            m_current = { method.toByteArray(),
                          QByteArrayView(m_head)
                              .sliced(space + 1)
                              .first(std::min<qsizetype>(m_head.size() - space - 1,
                                                         m_limits.maxTargetBytes))
                              .toByteArray() };
        return fail({ 414, "URI Too Long",
                      "the request target is longer than "_ba
                          + QByteArray::number(m_limits.maxTargetBytes)
                          + " bytes (--max-target)"_ba });
    }
    return true;
}

bool ConnectionTap::headLine(QByteArrayView line)
{
    if (!m_requestLineDone)
        return requestLine(line);
    if (line.isEmpty())
        return headComplete();
    return headerLine(line);
}

// RFC 9112 3: method SP request-target SP HTTP-version. Runs of spaces are tolerated, as Qt does.
bool ConnectionTap::requestLine(QByteArrayView line)
{
    m_requestLineDone = true;
    line = trimmed(line);
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView method = space < 0 ? line : line.first(space);
    if (!isToken(method))
        return fail({ 400, "Bad Request", "the request does not start with an HTTP method"_ba });
    QByteArrayView rest = trimmed(space < 0 ? QByteArrayView() : line.sliced(space));
    const qsizetype space2 = rest.indexOf(' ');
    if (space2 < 0)
        return fail(
            { 400, "Bad Request", "the request line is not METHOD TARGET HTTP-VERSION"_ba });
    const QByteArrayView target = rest.first(space2);
    const QByteArrayView version = trimmed(rest.sliced(space2));
    if (version.contains(' '))
        return fail(
            { 400, "Bad Request", "the request line is not METHOD TARGET HTTP-VERSION"_ba });
    // Recorded from here on; a target over the limit is recorded cut to it.
    m_current = {
        method.toByteArray(),
        target.first(std::min<qsizetype>(target.size(), m_limits.maxTargetBytes)).toByteArray()
    };
    if (target.size() > m_limits.maxTargetBytes)
        return fail({ 414, "URI Too Long",
                      "the request target is longer than "_ba
                          + QByteArray::number(m_limits.maxTargetBytes)
                          + " bytes (--max-target)"_ba });
    if (std::any_of(target.begin(), target.end(),
                    [](char c) { return uchar(c) <= 0x20 || c == 0x7f; }))
        return fail(
            { 400, "Bad Request", "the request target contains spaces or control characters"_ba });
    if (version == "HTTP/1.1" || version == "HTTP/1.0")
        return true;
    const bool otherHttp = version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.';
    if (otherHttp)
        return fail(
            { 505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are served"_ba });
    return fail({ 400, "Bad Request", "the request line does not end with HTTP/1.1"_ba });
}

bool ConnectionTap::headerLine(QByteArrayView line)
{
    if (line.front() == ' ' || line.front() == '\t') // RFC 9112 5.2: obsolete line folding
        return fail({ 400, "Bad Request", "a header line is folded (starts with whitespace)"_ba });
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView name = line.first(std::max<qsizetype>(colon, 0));
    if (!isToken(name)) // also "Name : value", a request smuggling vector (RFC 9112 5.1)
        return fail({ 400, "Bad Request", "a header line is not NAME: VALUE"_ba });
    if (++m_headerCount > m_limits.maxHeaderCount)
        return fail({ 431, "Request Header Fields Too Large",
                      "more than "_ba + QByteArray::number(m_limits.maxHeaderCount)
                          + " header lines (--max-headers)"_ba });
    if (name.size() == 14 && name.compare("content-length", Qt::CaseInsensitive) == 0) {
        const qint64 length = decimal(trimmed(line.sliced(colon + 1)));
        if (length < 0 || (m_contentLength >= 0 && length != m_contentLength))
            return fail({ 400, "Bad Request", "Content-Length is not one decimal number"_ba });
        m_contentLength = length;
    } else if (name.size() == 17 && name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        const QByteArrayView codings = line.sliced(colon + 1);
        const qsizetype comma = codings.lastIndexOf(',');
        m_transferEncoding = true;
        m_chunked = trimmed(codings.sliced(comma + 1)).compare("chunked", Qt::CaseInsensitive) == 0;
    }
    return true;
}

// RFC 9112 6.3: chunked wins over Content-Length; any other transfer coding cannot be framed.
bool ConnectionTap::headComplete()
{
    m_bodyReceived = 0;
    m_phaseStartMs = nowMs();
    if (m_transferEncoding) {
        if (!m_chunked)
            return fail(
                { 400, "Bad Request",
                  "Transfer-Encoding does not end with chunked, so the body has no length"_ba });
        m_phase = Phase::ChunkSize;
        return true;
    }
    if (m_contentLength > m_limits.maxBodyBytes)
        return fail({ 413, "Payload Too Large",
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

qint64 ConnectionTap::consumeBody(qint64 size)
{
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

qint64 ConnectionTap::consumeChunkLine(const char *data, qint64 size)
{
    const auto *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
    const qint64 taken = newline ? newline - data + 1 : size;
    if (m_line.size() + taken > kMaxChunkLine)
        return fail({ 400, "Bad Request", "a chunk size line is longer than 1024 bytes"_ba }), size;
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

bool ConnectionTap::chunkSizeLine(QByteArrayView line)
{
    const qint64 size = chunkSize(line);
    if (size < 0)
        return fail({ 400, "Bad Request", "a chunk does not start with its size in hex"_ba });
    if (size == 0) {
        m_phase = Phase::LastChunkEnd;
        return true;
    }
    // Refused as soon as the chunks announced add up to more than the cap, before reading them.
    if (m_bodyReceived + size > m_limits.maxBodyBytes)
        return fail({ 413, "Payload Too Large",
                      "the chunked body is larger than "_ba
                          + QByteArray::number(m_limits.maxBodyBytes) + " bytes (--max-body)"_ba });
    m_remaining = size;
    m_phase = Phase::ChunkData;
    return true;
}

bool ConnectionTap::chunkEndLine(QByteArrayView line)
{
    if (!line.isEmpty() && m_phase == Phase::LastChunkEnd) // Qt 6.4 cannot frame trailers
        return fail(
            { 400, "Bad Request", "trailer fields after a chunked body are not supported"_ba });
    if (!line.isEmpty())
        return fail({ 400, "Bad Request", "a chunk is longer than its declared size"_ba });
    if (m_phase == Phase::LastChunkEnd)
        messageComplete();
    else
        m_phase = Phase::ChunkSize;
    return true;
}

void ConnectionTap::messageComplete()
{
    m_lines.append(std::move(m_current));
    m_current = {};
    m_awaitingAnswer = true;
    m_phase = Phase::Start;
    m_head.truncate(0); // keeps its capacity for the next request
    m_lineStart = 0;
    m_requestLineDone = false;
    m_headerCount = 0;
    m_contentLength = -1;
    m_chunked = false;
    m_transferEncoding = false;
    m_remaining = 0;
}

// Answers with our own words, records the request (headers, no body) unless told not to, and
// closes gracefully: the client gets to read the answer even while it is still sending.
bool ConnectionTap::fail(const Refusal &refusal, bool record)
{
    const QByteArray body = errorBody(refusal.reason, refusal.detail);
    m_socket->write(answer(refusal.status, refusal.reason, body));
    // Recorded once there is a method and target to show it by (the store, exports and
    // fixtures need both); what was not even a request line is only reported on stderr.
    if (record && !m_current.method.isEmpty() && !m_current.target.isEmpty()) {
        // A malformed head is kept as the body, so what arrived can be seen as it is.
        const bool malformed = refusal.status == 400;
        Q_EMIT rejected(eventForRefusal(refusal.status, body, malformed ? m_head : QByteArray()));
    } else if (record) {
        warnNotRecorded(refusal);
    }
    lingerThenClose();
    return false;
}

void ConnectionTap::warnNotRecorded(const Refusal &refusal) const
{
    // At most one line every ten seconds: a scanner must not flood the terminal.
    static QElapsedTimer lastWarning; // capture runs on one thread
    if (lastWarning.isValid() && lastWarning.elapsed() < 10'000)
        return;
    lastWarning.start();
    const bool tls = m_head.startsWith('\x16');
    qWarning("hookscope: %d %s from %s, not recorded: %s%s", refusal.status,
             refusal.reason.toByteArray().constData(),
             qPrintable(m_socket->peerAddress().toString()), refusal.detail.constData(),
             tls ? " (a TLS handshake: the sender uses https://, Hookscope serves http://)" : "");
}

Event ConnectionTap::eventForRefusal(int status, const QByteArray &responseBody,
                                     const QByteArray &requestBody) const
{
    Event event;
    event.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    event.method = m_current.method;
    event.target = m_current.target;
    event.headers = headersOf(m_head);
    event.body = requestBody;
    event.remote =
        m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
    event.response = { status, { { "Content-Type", "application/json" } }, responseBody, 0 };
    return event;
}

void ConnectionTap::lingerThenClose()
{
    m_phase = Phase::Closing;
    m_deadlineTimer.stop();
    m_lingerTimer.start(kLingerMs, this);
    discardInput();
    written(); // shuts the sending side once the answer is out
}

void ConnectionTap::discardInput()
{
    // QtHttpServer reads inside a transaction, which keeps every byte "read" until it commits:
    // ending it here lets what is skipped go, however fast a refused client keeps sending.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
    m_seen = 0;
}

void ConnectionTap::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_lingerTimer.timerId()) {
        m_lingerTimer.stop();
        m_socket->abort();
        return;
    }
    if (event->timerId() == m_deadlineTimer.timerId())
        checkDeadlines();
}

void ConnectionTap::checkDeadlines()
{
    const qint64 elapsed = nowMs() - m_phaseStartMs;
    switch (m_phase) {
    case Phase::Start:
        if (!m_awaitingAnswer && nowMs() - m_lastActivityMs >= m_limits.idleTimeoutMs) {
            m_deadlineTimer.stop();
            m_socket->disconnectFromHost(); // nothing in progress: an ordinary keep-alive end
        }
        return;
    case Phase::Head:
        if (elapsed >= m_limits.headTimeoutMs)
            fail({ 408, "Request Timeout",
                   "the request line and headers did not arrive within "_ba
                       + QByteArray::number(m_limits.headTimeoutMs) + " ms (--head-timeout)"_ba },
                 m_requestLineDone);
        return;
    case Phase::Closing:
        return;
    default:
        break;
    }
    const qint64 earned = m_limits.minBodyBytesPerSecond > 0
        ? m_bodyReceived * 1000 / m_limits.minBodyBytesPerSecond
        : 0;
    if (elapsed >= m_limits.bodyTimeoutMs + earned)
        fail({ 408, "Request Timeout",
               "the body did not arrive within "_ba + QByteArray::number(m_limits.bodyTimeoutMs)
                   + " ms plus 1 s per "_ba + QByteArray::number(m_limits.minBodyBytesPerSecond)
                   + " bytes received (--body-timeout, --min-body-rate)"_ba });
}
