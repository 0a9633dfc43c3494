#include "connectiontap.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimerEvent>

#include <algorithm>
#include <chrono>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kPeekWindow = 16 * 1024; // bytes copied per peek while framing
constexpr int kLingerMs = 2000; // after a refusal: time for the client to read our answer

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
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
    , m_framer(limits)
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

void ConnectionTap::answered()
{
    m_lastActivityMs = nowMs();
    if (m_unanswered > 0 && --m_unanswered > 0)
        return;
    if (m_continueOwed && m_framer.expectsContinue())
        sendContinue();
    finishWhenAnswered();
}

void ConnectionTap::refuseUpgrade(Event event)
{
    const Refusal refusal { 501, "Not Implemented",
                            "WebSocket and other protocol upgrades are not supported: Hookscope "
                            "captures plain HTTP requests"_ba };
    const QByteArray body = errorBody(refusal.reason, refusal.detail);
    m_socket->write(answer(refusal.status, refusal.reason, body));
    event.response = { refusal.status, { { "Content-Type", "application/json" } }, body, 0 };
    Q_EMIT rejected(event);
    m_stopped = true;
    answered();
}

// Runs before Qt's slot: the bytes past m_seen arrived since the last time.
void ConnectionTap::inspect()
{
    const qint64 available = m_socket->bytesAvailable();
    m_beforeQt = available;
    if (m_closing || m_draining)
        return discardInput();
    if (m_stopped) { // what follows the last request is dropped once Qt has read that request
        if (m_pendingGood == 0) {
            m_draining = true;
            discardInput();
        }
        return;
    }
    if (available <= m_seen)
        return;
    m_lastActivityMs = nowMs();
    qint64 offset = m_seen;
    qint64 peeked = 0;
    while (offset < available && !m_framer.stopped()) {
        const quint64 deadlines = m_framer.deadlinesStarted();
        if (m_framer.inBodyData()) { // counted, not copied
            offset += m_framer.skipBody(available - offset);
        } else {
            if (offset >= peeked) {
                peeked = peek(offset, available);
                if (offset >= peeked)
                    break;
            }
            offset +=
                m_framer.feedPart(QByteArrayView(m_peeked.constData() + offset, peeked - offset));
        }
        if (framed(deadlines)) // a request ends at offset: Qt reads up to there
            m_pendingGood = offset;
    }
    m_seen = available;
    if (const std::optional<Refusal> &refusal = m_framer.refusal())
        fail(*refusal);
    else if (m_framer.stopped())
        stop();
}

// Runs after Qt's slot: what Qt left unread has been inspected already.
void ConnectionTap::afterQt()
{
    const qint64 left = m_socket->bytesAvailable();
    m_pendingGood = std::max<qint64>(0, m_pendingGood - (m_beforeQt - left));
    m_beforeQt = left;
    m_seen = m_closing || m_draining ? 0 : left;
}

void ConnectionTap::written()
{
    m_lastActivityMs = nowMs();
    if (m_socket->bytesToWrite() > 0)
        return;
    if (m_closing && m_socket->socketDescriptor() >= 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR); // our answer is out; now EOF
}

qint64 ConnectionTap::peek(qint64 offset, qint64 available)
{
    const qint64 end = std::min(available, offset + kPeekWindow);
    if (m_peeked.size() < end)
        m_peeked.resize(end);
    return std::max<qint64>(m_socket->peek(m_peeked.data(), end), 0);
}

// After the framer took bytes: a head or body that began starts its deadline, a body awaited
// with "Expect: 100-continue" is asked for, and completed requests await Qt's answer. True when
// a request was completed.
bool ConnectionTap::framed(quint64 deadlinesBefore)
{
    if (m_framer.deadlinesStarted() != deadlinesBefore) {
        m_phaseStartMs = nowMs();
        if (m_framer.expectsContinue() && m_unanswered == 0)
            sendContinue();
        else if (m_framer.expectsContinue())
            m_continueOwed = true; // after the answers before it: responses stay in order
    }
    QList<RequestLine> completed = m_framer.takeCompleted();
    if (completed.isEmpty())
        return false;
    m_unanswered += int(completed.size());
    m_continueOwed = false;
    m_lines.append(std::move(completed));
    return true;
}

// RFC 9110 10.1.1: the client holds the body back until this arrives (curl: for a second).
void ConnectionTap::sendContinue()
{
    m_continueOwed = false;
    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n"_ba);
}

// Answers with our own words once the requests before this one are answered, records the
// request (headers, no body) unless told not to, and closes gracefully: the client gets to read
// the answer even while it is still sending.
void ConnectionTap::fail(const Refusal &refusal, bool record)
{
    m_refusal = refusal;
    m_recordRefusal = record;
    stop();
}

// No further request is taken. The requests framed before it are still Qt's to read and answer;
// the bytes after them are dropped as soon as Qt has read them.
void ConnectionTap::stop()
{
    m_stopped = true;
    m_deadlineTimer.stop();
    if (m_pendingGood == 0) {
        m_draining = true;
        discardInput();
    }
    finishWhenAnswered();
}

void ConnectionTap::finishWhenAnswered()
{
    if (!m_stopped || m_unanswered > 0 || m_closing)
        return;
    m_draining = true;
    if (m_refusal) {
        const QByteArray body = errorBody(m_refusal->reason, m_refusal->detail);
        m_socket->write(answer(m_refusal->status, m_refusal->reason, body));
        record(*m_refusal, body);
    }
    lingerThenClose();
}

// Recorded once there is a method and target to show it by (the store, exports and fixtures
// need both); what was not even a request line is only reported on stderr.
void ConnectionTap::record(const Refusal &refusal, const QByteArray &body)
{
    if (!m_recordRefusal)
        return;
    const RequestLine &current = m_framer.current();
    if (current.method.isEmpty() || current.target.isEmpty())
        return warnNotRecorded(refusal);
    // A malformed head is kept as the body, so what arrived can be seen as it is.
    const bool malformed = refusal.status == 400;
    Q_EMIT rejected(
        eventForRefusal(refusal.status, body, malformed ? m_framer.head() : QByteArray()));
}

void ConnectionTap::warnNotRecorded(const Refusal &refusal) const
{
    // At most one line every ten seconds: a scanner must not flood the terminal.
    static QElapsedTimer lastWarning; // capture runs on one thread
    if (lastWarning.isValid() && lastWarning.elapsed() < 10'000)
        return;
    lastWarning.start();
    const bool tls = m_framer.head().startsWith('\x16');
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
    event.method = m_framer.current().method;
    event.target = m_framer.current().target;
    event.headers = m_framer.headers();
    event.body = requestBody;
    event.remote =
        m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
    event.response = { status, { { "Content-Type", "application/json" } }, responseBody, 0 };
    return event;
}

void ConnectionTap::lingerThenClose()
{
    m_closing = true;
    m_draining = true;
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
    m_pendingGood = 0;
    m_beforeQt = 0;
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
    if (m_stopped)
        return;
    const qint64 elapsed = nowMs() - m_phaseStartMs;
    switch (m_framer.phase()) {
    case RequestFramer::Phase::Start:
        if (m_unanswered == 0 && nowMs() - m_lastActivityMs >= m_limits.idleTimeoutMs) {
            m_deadlineTimer.stop();
            m_socket->disconnectFromHost(); // nothing in progress: an ordinary keep-alive end
        }
        return;
    case RequestFramer::Phase::Head:
        if (elapsed >= m_limits.headTimeoutMs)
            fail({ 408, "Request Timeout",
                   "the request line and headers did not arrive within "_ba
                       + QByteArray::number(m_limits.headTimeoutMs) + " ms (--head-timeout)"_ba },
                 m_framer.requestLineDone());
        return;
    case RequestFramer::Phase::Refused: // answered and closing already
    case RequestFramer::Phase::Closed:
        return;
    default:
        break;
    }
    const qint64 earned = m_limits.minBodyBytesPerSecond > 0
        ? m_framer.bodyReceived() * 1000 / m_limits.minBodyBytesPerSecond
        : 0;
    if (elapsed >= m_limits.bodyTimeoutMs + earned)
        fail({ 408, "Request Timeout",
               "the body did not arrive within "_ba + QByteArray::number(m_limits.bodyTimeoutMs)
                   + " ms plus 1 s per "_ba + QByteArray::number(m_limits.minBodyBytesPerSecond)
                   + " bytes received (--body-timeout, --min-body-rate)"_ba });
}
