#pragma once

#include "analysis/analyzer.h"
#include "event/capturedbatch.h"
#include "http/capturelimits.h"
#include "rules/responserules.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

class QThreadPool;
class SessionStore;

// Turns requests into stored events, in batches: analyse, choose the response, write the whole
// batch in one transaction, and only then answer. So every 2xx is on disk, and a burst costs
// one commit, not one per request.
//
// Lives on the capture thread; analysing and writing a batch run on the store's writer thread
// (a one-thread pool that owns the store's connection), so the capture thread reads the next
// requests while a batch is committed. One batch is written at a time: what arrives meanwhile
// becomes the next batch, so batches grow with the load and commits stay few.
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
    void setAnalyzer(std::shared_ptr<const Analyzer> analyzer) { m_analyzer = std::move(analyzer); }
    void setRules(std::shared_ptr<const ResponseRules> rules) { m_rules = std::move(rules); }
    void setPaused(bool paused) { m_paused = paused; }
    // What a paused capture answers: 503, and when to try again.
    static Response pausedResponse();
    static constexpr int kPausedRetryAfterSeconds = 30;
    void submit(Event &&event, QHttpServerResponder &&responder);
    void submitAnswered(const Event &event); // already answered (refused early): store only
    // Writes and answers everything submitted so far; returns when it is done.
    void flush();
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
    // One batch on its way through the writer thread. The writer fills in the analyses,
    // responses and outcome, then sets `done`; only the capture thread reads them after that.
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
    struct Tools // what a batch is analysed and answered with, as of its dispatch
    {
        std::shared_ptr<const Analyzer> analyzer;
        std::shared_ptr<const ResponseRules> rules;
        CaptureLimits limits;
        bool paused = false;
    };

    void schedule();
    void flushSoon();
    void dispatch();
    void completeFinished();
    void completeFront();
    void complete(Job &job);
    static void writeJob(Job &job, SessionStore &store, const Tools &tools);
    static QList<EventAnalysis> analyze(const QList<Event> &events, const Analyzer &analyzer);
    static Response responseFor(const Event &event, const EventAnalysis &analysis,
                                const Tools &tools);
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
    CaptureLimits m_limits;
    std::shared_ptr<const Analyzer> m_analyzer;
    std::shared_ptr<const ResponseRules> m_rules;
    QList<Event> m_pendingEvents;
    std::vector<Responder> m_pendingResponders;
    std::deque<std::shared_ptr<Job>> m_inFlight; // in dispatch order
    std::shared_ptr<Job> m_lastJob; // the last one dispatched
    qint64 m_nextSeq = 1;
    bool m_flushScheduled = false;
    std::vector<std::shared_ptr<Delayed>> m_delayed; // in the order their timers were started
    bool m_paused = false;
};
