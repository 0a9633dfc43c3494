#include "capturebatcher.h"

#include "connectiontap.h"

#include "event/bodyinspector.h"
#include "store/sessionstore.h"

#include <QThread>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
// Two more than the cores: up to two events being judged to the end of their budget leave every
// core to the other senders' events (the scheduler shares the CPU; a queue would make them wait).
// Workers join only when every running one is busy, so an idle capture runs one.
int analysisThreads()
{
    return std::max(2, QThread::idealThreadCount()) + 2;
}
} // namespace

CaptureBatcher::CaptureBatcher(SessionStore *store, QThreadPool *writer,
                               const CaptureLimits &limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(writer)
    , m_current { std::make_shared<Analyzer>(), std::make_shared<ResponseRules>(), limits, false }
    , m_analysis(analysisThreads(), u"capture-analysis"_s, [this](ItemPtr &&item) {
        analyze(*item);
        analysed(std::move(item));
    })
{ }

CaptureBatcher::~CaptureBatcher()
{
    flush();
    // The writer runs batches in order: once the last one has posted its completion, no job
    // refers to this batcher any more.
    if (m_lastJob)
        m_lastJob->posted.wait(false, std::memory_order_acquire);
}

void CaptureBatcher::setAnalyzer(std::shared_ptr<const Analyzer> analyzer)
{
    m_current.analyzer = std::move(analyzer);
    m_tools.reset();
}

void CaptureBatcher::setRules(std::shared_ptr<const ResponseRules> rules)
{
    m_current.rules = std::move(rules);
    m_tools.reset();
}

void CaptureBatcher::setPaused(bool paused)
{
    m_current.paused = paused;
    m_tools.reset();
}

std::shared_ptr<const CaptureBatcher::Tools> CaptureBatcher::tools()
{
    if (!m_tools)
        m_tools = std::make_shared<const Tools>(m_current);
    return m_tools;
}

void CaptureBatcher::submit(Event &&event, QHttpServerResponder &&responder)
{
    auto item = std::make_shared<Item>();
    QTcpSocket *socket = responder.socket();
    item->event = std::move(event);
    item->to = { std::make_shared<QHttpServerResponder>(std::move(responder)), socket };
    item->connection = socket;
    m_unreleased[socket].push_back(item);
    enqueue(std::move(item));
}

void CaptureBatcher::submitAnswered(const Event &event)
{
    auto item = std::make_shared<Item>();
    item->event = event;
    enqueue(std::move(item));
}

void CaptureBatcher::enqueue(ItemPtr item)
{
    item->tools = tools();
    m_analysis.push(std::move(item));
}

// On a pool thread. One post per run of completions: the capture thread collects them all at
// once, so a burst costs one wake-up, not one per event.
void CaptureBatcher::analysed(ItemPtr item)
{
    bool first = false;
    {
        const std::lock_guard lock(m_analysedMutex);
        first = m_analysed.empty();
        m_analysed.push_back(std::move(item));
    }
    if (first)
        QMetaObject::invokeMethod(this, &CaptureBatcher::collect, Qt::QueuedConnection);
}

// On the capture thread: what the pool finished joins the next batch, in each connection's order.
void CaptureBatcher::collect()
{
    std::vector<ItemPtr> analysed;
    {
        const std::lock_guard lock(m_analysedMutex);
        analysed.swap(m_analysed);
    }
    for (ItemPtr &item : analysed)
        release(std::move(item));
    // While a batch is being written the next one keeps growing; its completion dispatches it.
    if (m_inFlight.empty() || m_ready.size() >= size_t(kMaxBatch))
        dispatch();
}

void CaptureBatcher::release(ItemPtr item)
{
    item->analysed = true;
    const auto it = m_unreleased.find(item->connection);
    if (!item->connection || it == m_unreleased.end())
        return m_ready.push_back(std::move(item));
    std::deque<ItemPtr> &queue = *it;
    while (!queue.empty() && queue.front()->analysed) {
        m_ready.push_back(std::move(queue.front()));
        queue.pop_front();
    }
    if (queue.empty())
        m_unreleased.erase(it);
}

void CaptureBatcher::flush()
{
    m_analysis.waitForDone(); // bounded: every analysis has a budget
    collect();
    dispatch();
    while (!m_inFlight.empty())
        completeFront();
}

void CaptureBatcher::finish()
{
    if (!m_analysis.waitForDone(kStopPatienceMs))
        m_hurry.store(true, std::memory_order_relaxed);
    flush();
    m_hurry.store(false, std::memory_order_relaxed);
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
    if (m_ready.empty())
        return;
    auto job = std::make_shared<Job>();
    job->events.reserve(qsizetype(m_ready.size()));
    job->analyses.reserve(qsizetype(m_ready.size()));
    job->responders.reserve(m_ready.size());
    for (const ItemPtr &item : std::exchange(m_ready, {})) {
        item->event.seq = m_nextSeq++;
        for (const UndecidedRule &undecided : std::as_const(item->undecided))
            ResponseRules::warnUndecided(undecided, item->event.seq);
        job->events.append(std::move(item->event));
        job->analyses.append(std::move(item->analysis));
        job->responders.push_back(std::move(item->to));
    }
    m_inFlight.push_back(job);
    m_lastJob = job;
    m_writer->start([this, job, store = m_store] {
        const Status appended = store->append(job->events, job->analyses);
        job->stored = appended.ok();
        job->error = appended.error();
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
// events analysed meanwhile.
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

// On a pool thread: everything that does not need the sockets or the store.
void CaptureBatcher::analyze(Item &item) const
{
    if (m_hurry.load(std::memory_order_relaxed))
        return skipAnalysis(item);
    item.analysis = item.tools->analyzer->analyze(item.event);
    if (!item.to.responder) // refused early: its answer is recorded
        return;
    item.event.response = responseFor(item, &item.undecided, &m_hurry);
    // Stopping cut its rules short: no rule decided this answer.
    if (m_hurry.load(std::memory_order_relaxed))
        item.event.response = stoppingResponse();
}

Response CaptureBatcher::stoppingResponse()
{
    return { 503,
             { { "Content-Type", "application/json" }, { "Retry-After", "5" } },
             R"({"error":"Hookscope is stopping; try again later"})"_ba,
             0 };
}

// Stored as received, with a warning instead of a verdict; a 503 tells the sender to try again.
void CaptureBatcher::skipAnalysis(Item &item)
{
    const QByteArray &body = item.event.body;
    item.analysis.bodyKind = body.isEmpty() ? BodyKind::Empty
        : BodyInspector::isText(body)       ? BodyKind::Text
                                            : BodyKind::Binary;
    item.analysis.violations.append(
        { {},
          u"undecided"_s,
          Severity::Warning,
          u"not analysed: capture was stopping and this event was still waiting for its turn"_s });
    if (item.to.responder)
        item.event.response = stoppingResponse();
}

Response CaptureBatcher::responseFor(const Item &item, QList<UndecidedRule> *undecided,
                                     const std::atomic<bool> *abandon)
{
    const Tools &tools = *item.tools;
    if (item.event.body.size() > tools.limits.maxBodyBytes)
        return { 413,
                 { { "Content-Type", "application/json" } },
                 R"({"error":"Payload Too Large"})"_ba,
                 0 };
    if (tools.paused)
        return pausedResponse();
    return tools.rules->responseFor(item.event, item.analysis, undecided, abandon);
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
