#pragma once

#include "event/deliveryresult.h"
#include "outgoingrequest.h"

#include "event/event.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <deque>
#include <optional>

class HttpClient;

struct ForwarderLimits
{
    int maxQueuedEvents = 1000;
    qint64 maxQueuedBytes = 64 * 1024 * 1024; // bodies, headers and targets of queued events
    int maxConcurrent = 4; // deliveries in flight at once
    int timeoutMs = 30'000; // per delivery
    qint64 maxResponseBodyBytes = 1024 * 1024; // of each target answer kept
};

// Live forward (like `stripe listen --forward-to`): every event handed to enqueue() is sent on
// to the target with buildOutgoing(), and each outcome is reported by delivered(), so failures
// are visible per event.
//
// enqueue() never waits: it appends to a bounded queue that at most maxConcurrent deliveries
// drain. When a slow or dead target lets the queue reach its limits, the oldest queued event is
// dropped and reported as failed ("dropped: forward target too slow"), so memory stays bounded
// and the newest events keep flowing (drops are reported at once, from inside enqueue()). Memory
// stays below maxQueuedBytes + maxConcurrent x (event + maxResponseBodyBytes). Deliveries start in
// capture order; with maxConcurrent > 1 a later one may finish first. Lives in one thread; call it
// from that thread (e.g. from a queued connection to CaptureService::stored).
//
// Forward cannot loop: every forwarded request carries "Hookscope-Forwarded: <this process's
// tag>" (appended after the event's own headers), and an event that arrives with this process's
// tag is reported as not forwarded instead of being sent again. A target that is Hookscope's own
// listening address is refused before forwarding starts (loopProblem()); a target that leads
// back by another route (a host name, another Hookscope forwarding back) ends after one round.
class Forwarder : public QObject
{
    Q_OBJECT
public:
    static inline const QString droppedError = QStringLiteral("dropped: forward target too slow");
    static inline const QByteArray loopHeader = QByteArrayLiteral("Hookscope-Forwarded");

    // This process's tag in loopHeader: random, made once.
    static QByteArray instanceTag();
    // Why forwarding to target would send every event back to capture (listening on address and
    // port), or nothing.
    static std::optional<QString> loopProblem(const QUrl &target, const QHostAddress &address,
                                              quint16 port);
    static bool cameFromHere(const Event &event);

    explicit Forwarder(const QUrl &target, const ForwarderLimits &limits = {},
                       QObject *parent = nullptr);
    ~Forwarder() override;

    void enqueue(const Event &event);
    void enqueue(const QList<Event> &events);
    // Later deliveries go to target; those in flight finish where they started.
    void setTarget(const QUrl &target);
    QUrl target() const { return m_target; }
    void setResign(const ResignOptions &resign) { m_resign = resign; }
    // Reports every queued event as not forwarded, ends the deliveries in flight (each
    // reported), and refuses nothing later: enqueue() after stop() forwards again.
    void stop();

    const ForwarderLimits &limits() const { return m_limits; }
    qsizetype queuedCount() const { return qsizetype(m_queue.size()); }
    qint64 queuedBytes() const { return m_queuedBytes; }
    int inFlight() const;
    qint64 droppedCount() const { return m_dropped; }

Q_SIGNALS:
    void delivered(const DeliveryResult &result);

private:
    static qint64 costOf(const Event &event);
    void dropOldest();
    void reportNotSent(const Event &event, const QString &error);
    void dispatch();

    QUrl m_target;
    ForwarderLimits m_limits;
    ResignOptions m_resign;
    HttpClient *m_client = nullptr; // owned (child)
    std::deque<Event> m_queue;
    qint64 m_queuedBytes = 0;
    qint64 m_dropped = 0;
};
