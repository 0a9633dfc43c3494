#include "capturebatcher.h"

#include "store/sessionstore.h"

#include <QtConcurrent>
#include <QTimer>

using namespace Qt::StringLiterals;

CaptureBatcher::CaptureBatcher(SessionStore *store, const CaptureLimits &limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_limits(limits)
    , m_analyzer(std::make_shared<Analyzer>())
    , m_rules(std::make_shared<ResponseRules>())
{ }

void CaptureBatcher::submit(Event &&event, QHttpServerResponder &&responder)
{
    event.seq = m_nextSeq++;
    QPointer<QTcpSocket> socket = responder.socket();
    m_pending.push_back(
        { std::move(event), std::make_shared<QHttpServerResponder>(std::move(responder)), socket });
    schedule();
}

void CaptureBatcher::submitAnswered(const Event &event)
{
    Event stored = event;
    stored.seq = m_nextSeq++;
    m_pending.push_back({ std::move(stored), nullptr, {} });
    schedule();
}

// Flushing on the next turn of the event loop batches whatever arrived in this one: one event
// when idle, hundreds under load, without a timer adding latency.
void CaptureBatcher::schedule()
{
    if (m_pending.size() >= size_t(kMaxBatch))
        return flush();
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, this, &CaptureBatcher::flush);
}

QList<EventAnalysis> CaptureBatcher::analyze(const QList<Event> &events) const
{
    const std::shared_ptr<const Analyzer> analyzer = m_analyzer;
    auto one = [analyzer](const Event &event) {
        return analyzer->analyze(event);
    };
    if (events.size() < 32) {
        QList<EventAnalysis> analyses;
        for (const Event &event : events)
            analyses.append(one(event));
        return analyses;
    }
    return QtConcurrent::blockingMapped<QList<EventAnalysis>>(events, one);
}

Response CaptureBatcher::responseFor(const Event &event, const EventAnalysis &analysis) const
{
    if (event.body.size() > m_limits.maxBodyBytes)
        return { 413,
                 { { "Content-Type", "application/json" } },
                 R"({"error":"Payload Too Large"})"_ba,
                 0 };
    return m_rules->responseFor(event, analysis);
}

void CaptureBatcher::flush()
{
    m_flushScheduled = false;
    if (m_pending.empty())
        return;
    std::vector<Pending> batch;
    batch.swap(m_pending);
    CapturedBatch captured;
    for (const Pending &pending : batch)
        captured.events.append(pending.event);
    captured.analyses = analyze(captured.events);
    for (qsizetype i = 0; i < captured.events.size(); ++i) {
        if (!batch[size_t(i)].responder)
            continue; // refused early: its answer is already recorded
        const Response response = responseFor(captured.events.at(i), captured.analyses.at(i));
        captured.events[i].response = response;
        batch[size_t(i)].event.response = response;
    }
    if (!m_store->append(captured.events, captured.analyses)) {
        Q_EMIT storeFailed(m_store->lastError());
        for (Pending &pending : batch)
            pending.event.response = { 503,
                                       { { "Content-Type", "application/json" } },
                                       R"({"error":"Hookscope could not store the event"})"_ba,
                                       0 };
        for (Pending &pending : batch)
            answer(pending);
        return;
    }
    for (Pending &pending : batch)
        answer(pending);
    Q_EMIT stored(captured);
}

void CaptureBatcher::answer(const Pending &pending)
{
    if (!pending.responder || !pending.socket)
        return; // refused early, or the client is gone
    const Response &response = pending.event.response;
    if (response.delayMs <= 0)
        return write(*pending.responder, response);
    // A delayed answer waits on a timer: other connections are served meanwhile.
    QTimer::singleShot(response.delayMs, this,
                       [responder = pending.responder, socket = pending.socket, response] {
                           if (socket)
                               write(*responder, response);
                       });
}

void CaptureBatcher::write(QHttpServerResponder &responder, const Response &response)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}
