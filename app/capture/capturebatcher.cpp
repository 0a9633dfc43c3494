#include "capturebatcher.h"

#include "connectiontap.h"

#include "store/sessionstore.h"

#include <QtConcurrent>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

CaptureBatcher::CaptureBatcher(SessionStore *store, QThreadPool *writer,
                               const CaptureLimits &limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(writer)
    , m_limits(limits)
    , m_analyzer(std::make_shared<Analyzer>())
    , m_rules(std::make_shared<ResponseRules>())
{ }

CaptureBatcher::~CaptureBatcher()
{
    flush();
    // The writer runs batches in order: once the last one has posted its completion, no job
    // refers to this batcher any more.
    if (m_lastJob)
        m_lastJob->posted.wait(false, std::memory_order_acquire);
}

void CaptureBatcher::submit(Event &&event, QHttpServerResponder &&responder)
{
    event.seq = m_nextSeq++;
    QPointer<QTcpSocket> socket = responder.socket();
    m_pendingEvents.append(std::move(event));
    m_pendingResponders.push_back(
        { std::make_shared<QHttpServerResponder>(std::move(responder)), socket });
    schedule();
}

void CaptureBatcher::submitAnswered(const Event &event)
{
    Event stored = event;
    stored.seq = m_nextSeq++;
    m_pendingEvents.append(std::move(stored));
    m_pendingResponders.push_back({});
    schedule();
}

// Dispatching on the next turn of the event loop batches whatever arrived in this one: one
// event when idle, many under load, without a timer adding latency.
void CaptureBatcher::schedule()
{
    if (m_pendingEvents.size() >= kMaxBatch)
        return dispatch();
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, this, &CaptureBatcher::flushSoon);
}

// While a batch is being written the next one keeps growing; its completion dispatches it.
void CaptureBatcher::flushSoon()
{
    m_flushScheduled = false;
    if (m_inFlight.empty())
        dispatch();
}

void CaptureBatcher::flush()
{
    dispatch();
    while (!m_inFlight.empty())
        completeFront();
}

// Waits for the oldest batch (the writer finishes them in order) and answers it.
void CaptureBatcher::completeFront()
{
    const std::shared_ptr<Job> job = m_inFlight.front();
    job->done.wait(false, std::memory_order_acquire);
    m_inFlight.pop_front();
    complete(*job);
    // m_lastJob may keep the record a while, not its batch (the writer is done with it)
    job->events.clear();
    job->analyses.clear();
    job->responders.clear();
}

void CaptureBatcher::dispatch()
{
    if (m_pendingEvents.isEmpty())
        return;
    auto job = std::make_shared<Job>();
    job->events.swap(m_pendingEvents);
    job->responders.swap(m_pendingResponders);
    const Tools tools { m_analyzer, m_rules, m_limits, m_paused };
    m_inFlight.push_back(job);
    m_lastJob = job;
    m_writer->start([this, job, tools, store = m_store] {
        writeJob(*job, *store, tools);
        // Taken before `done`: from then on the capture thread owns (and clears) the job.
        const CapturedBatch forWindow { job->events, job->analyses };
        job->done.store(true, std::memory_order_release);
        job->done.notify_all();
        QMetaObject::invokeMethod(this, &CaptureBatcher::completeFinished, Qt::QueuedConnection);
        // On disk: the window may show the batch now. Emitted after the answers were handed
        // to the capture thread, so they never wait for the window's copy; emitted here, that
        // copy costs the writer, not the capture thread that reads and answers requests.
        if (job->stored)
            Q_EMIT stored(forWindow);
        // The destructor waits for this: `this` must outlive the post and the signal above.
        job->posted.store(true, std::memory_order_release);
        job->posted.notify_all();
    });
}

// On the capture thread: answers the batches the writer finished, in order, then sends the
// requests that arrived meanwhile.
void CaptureBatcher::completeFinished()
{
    while (!m_inFlight.empty() && m_inFlight.front()->done.load(std::memory_order_acquire))
        completeFront();
    if (m_inFlight.empty())
        dispatch();
}

void CaptureBatcher::complete(Job &job)
{
    if (!job.stored) {
        Q_EMIT storeFailed(job.error);
        const Response unavailable { 503,
                                     { { "Content-Type", "application/json" } },
                                     R"({"error":"Hookscope could not store the event"})"_ba,
                                     0 };
        for (const Responder &to : job.responders)
            answer(to, unavailable);
        return;
    }
    for (size_t i = 0; i < job.responders.size(); ++i)
        answer(job.responders[i], job.events.at(qsizetype(i)).response);
}

// On the writer thread: everything that does not need the sockets.
void CaptureBatcher::writeJob(Job &job, SessionStore &store, const Tools &tools)
{
    job.analyses = analyze(job.events, *tools.analyzer);
    for (qsizetype i = 0; i < job.events.size(); ++i) {
        if (job.responders[size_t(i)].responder) // else refused early: its answer is recorded
            job.events[i].response = responseFor(job.events.at(i), job.analyses.at(i), tools);
    }
    const Status stored = store.append(job.events, job.analyses);
    job.stored = stored.ok();
    job.error = stored.error();
}

QList<EventAnalysis> CaptureBatcher::analyze(const QList<Event> &events, const Analyzer &analyzer)
{
    auto one = [&analyzer](const Event &event) {
        return analyzer.analyze(event);
    };
    if (events.size() < 32) {
        QList<EventAnalysis> analyses;
        analyses.reserve(events.size());
        for (const Event &event : events)
            analyses.append(one(event));
        return analyses;
    }
    return QtConcurrent::blockingMapped<QList<EventAnalysis>>(events, one);
}

Response CaptureBatcher::responseFor(const Event &event, const EventAnalysis &analysis,
                                     const Tools &tools)
{
    if (event.body.size() > tools.limits.maxBodyBytes)
        return { 413,
                 { { "Content-Type", "application/json" } },
                 R"({"error":"Payload Too Large"})"_ba,
                 0 };
    if (tools.paused)
        return pausedResponse();
    return tools.rules->responseFor(event, analysis);
}

Response CaptureBatcher::pausedResponse()
{
    return { 503,
             { { "Content-Type", "application/json" },
               { "Retry-After", QByteArray::number(kPausedRetryAfterSeconds) } },
             R"({"error":"capture is paused in Hookscope; try again later"})"_ba,
             0 };
}

void CaptureBatcher::answer(const Responder &to, const Response &response)
{
    if (!to.responder || !to.socket)
        return; // refused early, or the client is gone
    if (response.delayMs <= 0)
        return write(to, response);
    // A delayed answer waits on a timer: other connections are served meanwhile.
    auto delayed = std::make_shared<Delayed>(Delayed { to, response });
    m_delayed.push_back(delayed);
    QTimer::singleShot(response.delayMs, this, [this, delayed] { answerDelayed(delayed); });
}

void CaptureBatcher::answerDelayed(const std::shared_ptr<Delayed> &delayed)
{
    const auto it = std::find(m_delayed.begin(), m_delayed.end(), delayed);
    if (it == m_delayed.end())
        return; // answered at shutdown already
    m_delayed.erase(it);
    if (delayed->to.socket)
        write(delayed->to, delayed->response);
}

void CaptureBatcher::answerDelayedNow()
{
    for (const std::shared_ptr<Delayed> &delayed : std::exchange(m_delayed, {})) {
        if (delayed->to.socket)
            write(delayed->to, delayed->response);
    }
}

void CaptureBatcher::write(const Responder &to, const Response &response)
{
    QHttpServerResponder &responder = *to.responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
    // The connection's tap keeps answers in order and closes after a "Connection: close" one.
    if (ConnectionTap *tap = ConnectionTap::of(to.socket))
        tap->answered();
}
