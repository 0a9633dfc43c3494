#pragma once

#include "analysis/analyzer.h"
#include "event/capturedbatch.h"
#include "http/capturelimits.h"
#include "rules/responserules.h"
#include "workqueue.h"

#include <QHash>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

class SessionStore;

// Turns requests into stored events, in batches: analyse, choose the response, write the whole
// batch in one transaction, and only then answer. So every 2xx is on disk, and a burst costs
// one commit, not one per request.
//
// Lives on the capture thread. Each request is analysed (classification, validation, response
// rules) by one of a few analysis workers, one request at a time each, so one slow event (a hostile
// regex or schema near its budget) holds up only its own answer and those behind it on the same
// connection: the others are numbered, stored and answered as soon as they are analysed. Requests
// of one connection are stored and answered in their order on the wire. Numbers are given when an
// event goes to the writer, so they increase in storage order. Writing runs on the store's writer
// thread (a one-thread pool that owns the store's connection), one batch at a time: what is
// analysed meanwhile becomes the next batch, so batches grow with the load and commits stay few.
class CaptureBatcher : public QObject
{
    Q_OBJECT
public:
    // `store` is only ever used on `writer`, which must have exactly one thread that never
    // expires. Neither is owned.
    CaptureBatcher(SessionStore *store, QThreadPool *writer, const CaptureLimits &limits,
                   QObject *parent = nullptr);
    ~CaptureBatcher() override;

    void setNextSeq(qint64 seq) { m_nextSeq = seq; }
    void setAnalyzer(std::shared_ptr<const Analyzer> analyzer);
    void setRules(std::shared_ptr<const ResponseRules> rules);
    void setPaused(bool paused);
    // What a paused capture answers: 503, and when to try again.
    static Response pausedResponse();
    static constexpr int kPausedRetryAfterSeconds = 30;
    void submit(Event &&event, QHttpServerResponder &&responder);
    void submitAnswered(const Event &event); // already answered (refused early): store only
    // Analyses, writes and answers everything submitted so far; returns when it is done.
    void flush();
    // At stop: as flush(), but what is still waiting for analysis after kStopPatienceMs (a backlog
    // of slow events) is stored unanalysed and answered 503, and the events being judged skip
    // their remaining rules (503 too), so that stopping (SIGINT) takes about that long plus one
    // regex's and one validation's budget, not the whole backlog's.
    void finish();
    static constexpr int kStopPatienceMs = 300;
    // At shutdown: answers that wait for their rule's delay are written now, so that no answer is
    // recorded that was never sent.
    void answerDelayedNow();

    static constexpr int kMaxBatch = 512;

Q_SIGNALS:
    // Emitted on the writer thread once a batch is committed (connect it directly or queued,
    // never to an object that lives on the writer thread).
    void stored(const CapturedBatch &batch);
    void storeFailed(const QString &error);

private:
    struct Responder
    {
        std::shared_ptr<QHttpServerResponder> responder; // null when already answered
        QPointer<QTcpSocket> socket;
    };
    struct Tools // what an event is analysed and answered with, as of its arrival
    {
        std::shared_ptr<const Analyzer> analyzer;
        std::shared_ptr<const ResponseRules> rules;
        CaptureLimits limits;
        bool paused = false;
    };
    // One request on its way. An analysis task fills in the analysis, response and undecided
    // rules; it is handed back through m_analysed, after which only the capture thread uses it.
    struct Item
    {
        Event event;
        Responder to;
        const QTcpSocket *connection = nullptr; // identity only, for the order on the wire
        std::shared_ptr<const Tools> tools;
        EventAnalysis analysis;
        QList<UndecidedRule> undecided;
        bool analysed = false; // collected from the pool (capture thread)
    };
    using ItemPtr = std::shared_ptr<Item>;
    // One batch on its way through the writer thread. The writer stores it and sets `done`;
    // only the capture thread reads the outcome after that.
    // (No QFuture: its waitForFinished() may run a queued job on the waiting thread, and the
    // store's connection must only ever be used on the writer thread.)
    struct Job
    {
        QList<Event> events;
        std::vector<Responder> responders;
        QList<EventAnalysis> analyses;
        bool stored = false;
        QString error;
        std::atomic<bool> done = false;
        std::atomic<bool> posted = false; // its completion is posted to the capture thread
    };

    void enqueue(ItemPtr item);
    void analysed(ItemPtr item); // on a pool thread
    void collect();
    void release(ItemPtr item);
    void dispatch();
    void completeFinished();
    void completeFront();
    void complete(Job &job);
    std::shared_ptr<const Tools> tools();
    void analyze(Item &item) const;
    static void skipAnalysis(Item &item);
    static Response responseFor(const Item &item, QList<UndecidedRule> *undecided,
                                const std::atomic<bool> *abandon);
    static Response stoppingResponse();
    struct Delayed // an answer waiting for its rule's delay
    {
        Responder to;
        Response response;
    };
    void answer(const Responder &to, const Response &response);
    void answerDelayed(const std::shared_ptr<Delayed> &delayed);
    static void write(const Responder &to, const Response &response);

    SessionStore *m_store; // not owned; used on m_writer only
    QThreadPool *m_writer; // not owned
    Tools m_current;
    std::shared_ptr<const Tools> m_tools; // m_current, shared by the items; made when needed
    std::atomic<bool> m_hurry = false; // finish() ran out of patience: analysis is skipped
    std::mutex m_analysedMutex;
    std::vector<ItemPtr> m_analysed; // handed back by the pool, not collected yet
    // Per connection, its items not yet stored, in arrival order: each is released to m_ready
    // once it and every one before it are analysed.
    QHash<const QTcpSocket *, std::deque<ItemPtr>> m_unreleased;
    std::vector<ItemPtr> m_ready; // analysed, waiting for the writer
    std::deque<std::shared_ptr<Job>> m_inFlight; // in dispatch order
    std::shared_ptr<Job> m_lastJob; // the last one dispatched
    qint64 m_nextSeq = 1;
    std::vector<std::shared_ptr<Delayed>> m_delayed; // in the order their timers were started
    // Last, so that it is gone (its workers done) before anything they use.
    WorkQueue<ItemPtr> m_analysis; // analyses each item, then hands it back (analysed())
};
