#include "forwarder.h"

#include "httpclient.h"

#include <QDateTime>

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

void Forwarder::enqueue(const Event &event)
{
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
        m_client->send(buildOutgoing(event, m_target, m_resign));
    }
}
