#include "forwarder.h"

#include "httpclient.h"

#include <algorithm>

#include <QDateTime>
#include <QNetworkInterface>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

Forwarder::Forwarder(const QUrl &target, const ForwarderLimits &limits, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_limits(limits)
    , m_client(new HttpClient(this))
{
    m_client->setTimeoutMs(limits.timeoutMs);
    m_client->setMaxBodyBytes(limits.maxResponseBodyBytes);
    m_client->setMaxConcurrent(limits.maxConcurrent);
    connect(m_client, &HttpClient::finished, this, [this](const DeliveryResult &result) {
        Q_EMIT delivered(result);
        dispatch();
    });
}

Forwarder::~Forwarder()
{
    // The client outlives our members while QObject deletes children: no late reports.
    m_client->disconnect(this);
}

QByteArray Forwarder::instanceTag()
{
    static const QByteArray tag =
        "hookscope-"_ba + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    return tag;
}

bool Forwarder::cameFromHere(const Event &event)
{
    const QByteArray &tag = instanceTag();
    return std::any_of(event.headers.begin(), event.headers.end(), [&tag](const auto &header) {
        return header.second == tag && header.first.compare(loopHeader, Qt::CaseInsensitive) == 0;
    });
}

std::optional<QString> Forwarder::loopProblem(const QUrl &target, const QHostAddress &address,
                                              quint16 port)
{
    const bool https = target.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0;
    if (target.port(https ? 443 : 80) != port)
        return std::nullopt;
    const QString host = target.host();
    const QHostAddress hostAddress = host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(host);
    const bool anyAddress = address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6;
    const bool own = !hostAddress.isNull()
        && (hostAddress.isEqual(address, QHostAddress::TolerantConversion)
            || (anyAddress
                && (hostAddress.isLoopback()
                    || QNetworkInterface::allAddresses().contains(hostAddress))));
    if (!own)
        return std::nullopt;
    return u"forward target %1 is Hookscope's own address: every event would be captured and "
           "forwarded again, forever; forward to another program"_s.arg(
               target.toString(QUrl::RemoveUserInfo));
}

void Forwarder::enqueue(const Event &event)
{
    if (cameFromHere(event))
        return reportNotSent(event,
                             u"not forwarded: this event is one this Hookscope forwarded "
                             "(the forward target leads back here, a loop)"_s);
    const qint64 cost = costOf(event);
    if (cost > m_limits.maxQueuedBytes) {
        ++m_dropped;
        return reportNotSent(event,
                             u"dropped: event larger than the forward queue (%1 bytes)"_s.arg(
                                 QString::number(cost)));
    }
    while (!m_queue.empty()
           && (qsizetype(m_queue.size()) >= m_limits.maxQueuedEvents
               || m_queuedBytes + cost > m_limits.maxQueuedBytes)) {
        dropOldest();
    }
    m_queue.push_back(event);
    m_queuedBytes += cost;
    dispatch();
}

void Forwarder::enqueue(const QList<Event> &events)
{
    for (const Event &event : events)
        enqueue(event);
}

void Forwarder::setTarget(const QUrl &target)
{
    m_target = target;
}

void Forwarder::stop()
{
    std::deque<Event> queued;
    queued.swap(m_queue);
    m_queuedBytes = 0;
    for (const Event &event : queued)
        reportNotSent(event, u"not forwarded: forwarding stopped"_s);
    m_client->abortAll(u"forwarding stopped"_s);
}

int Forwarder::inFlight() const
{
    return m_client->pendingCount();
}

qint64 Forwarder::costOf(const Event &event)
{
    qint64 cost = event.body.size() + event.target.size() + event.method.size();
    for (const auto &[name, value] : event.headers)
        cost += name.size() + value.size() + 4;
    return cost;
}

void Forwarder::dropOldest()
{
    const Event oldest = m_queue.front();
    m_queue.pop_front();
    m_queuedBytes -= costOf(oldest);
    ++m_dropped;
    reportNotSent(oldest, droppedError);
}

void Forwarder::reportNotSent(const Event &event, const QString &error)
{
    DeliveryResult result;
    result.target = m_target;
    result.seq = event.seq;
    result.at = QDateTime::currentMSecsSinceEpoch();
    result.error = error;
    Q_EMIT delivered(result);
}

void Forwarder::dispatch()
{
    while (!m_queue.empty() && m_client->pendingCount() < m_limits.maxConcurrent) {
        const Event event = m_queue.front();
        m_queue.pop_front();
        m_queuedBytes -= costOf(event);
        OutgoingRequest request = buildOutgoing(event, m_target, m_resign);
        request.headers.append({ loopHeader, instanceTag() });
        m_client->send(request);
    }
}
