#pragma once

#include "analysis/analyzer.h"
#include "capturedbatch.h"
#include "capturelimits.h"
#include "rules/responserules.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <vector>

class SessionStore;

// Turns requests into stored events, in batches: analyse, choose the response, write the whole
// batch in one transaction, and only then answer. So every 2xx is on disk, and a burst costs
// one commit, not one per request. Lives on the capture thread.
class CaptureBatcher : public QObject
{
    Q_OBJECT
public:
    CaptureBatcher(SessionStore *store, const CaptureLimits &limits, QObject *parent = nullptr);

    void setNextSeq(qint64 seq) { m_nextSeq = seq; }
    void setAnalyzer(std::shared_ptr<const Analyzer> analyzer) { m_analyzer = std::move(analyzer); }
    void setRules(std::shared_ptr<const ResponseRules> rules) { m_rules = std::move(rules); }
    void submit(Event &&event, QHttpServerResponder &&responder);
    void submitAnswered(const Event &event); // already answered (refused early): store only
    void flush();

    static constexpr int kMaxBatch = 512;

Q_SIGNALS:
    void stored(const CapturedBatch &batch);
    void storeFailed(const QString &error);

private:
    struct Pending
    {
        Event event;
        std::shared_ptr<QHttpServerResponder> responder; // null when already answered
        QPointer<QTcpSocket> socket;
    };

    void schedule();
    QList<EventAnalysis> analyze(const QList<Event> &events) const;
    Response responseFor(const Event &event, const EventAnalysis &analysis) const;
    void answer(const Pending &pending);
    static void write(QHttpServerResponder &responder, const Response &response);

    SessionStore *m_store; // not owned
    CaptureLimits m_limits;
    std::shared_ptr<const Analyzer> m_analyzer;
    std::shared_ptr<const ResponseRules> m_rules;
    std::vector<Pending> m_pending;
    qint64 m_nextSeq = 1;
    bool m_flushScheduled = false;
};
