#pragma once

#include "session/capturecontrol.h"

#include <QThread>

#include <memory>
#include <optional>

class CaptureWorker;

struct CaptureOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString sessionPath;
    CaptureLimits limits;
    std::shared_ptr<const Analyzer> analyzer =
        std::make_shared<Analyzer>(); // shared with the window
    std::shared_ptr<const ResponseRules> rules = std::make_shared<ResponseRules>();
    // Paused: every request is still read and stored, but answered 503 with Retry-After, so a
    // sender's retries can be watched; the port stays bound.
    bool paused = false;
};

// Runs capture on its own thread (server, batcher and the writing session store), so the
// window never slows capture and capture never waits for the window. Batches arrive through
// stored() in the thread that owns the service.
class CaptureService : public CaptureControl
{
    Q_OBJECT
public:
    explicit CaptureService(QObject *parent = nullptr);
    ~CaptureService() override;

    // Opens the session and starts listening; an error a person can act on, or nothing.
    std::optional<QString> start(const CaptureOptions &options);
    // Answers and stores everything pending, then stops listening and closes the session.
    void stop();
    // Stops, then starts again with the same options on another session file.
    std::optional<QString> switchSession(const QString &path) override;
    // Stops (answering and storing what is pending), then starts again on the same address,
    // port and session with new limits: for a settings change while capturing.
    std::optional<QString> applyLimits(const CaptureLimits &limits) override;
    CaptureLimits limits() const { return m_options.limits; }
    // Deletes events from the session file, on the capture thread (the caller does not wait).
    void remove(const QList<qint64> &seqs) override;
    void clear() override;
    // Loaded payloads enter where captured requests do: numbered, analysed, stored, shown.
    void addLoaded(const QList<Event> &events) override;
    // Takes effect for the next request; also kept for a session switch.
    void setRules(std::shared_ptr<const ResponseRules> rules) override;
    // Events captured from now on are analysed with it (re-checking stored ones is the caller's).
    void setAnalyzer(std::shared_ptr<const Analyzer> analyzer) override;
    std::shared_ptr<const ResponseRules> rules() const override { return m_options.rules; }
    // Pause answers 503 (Retry-After: kPausedRetryAfterSeconds) to everything; resume returns to
    // the rules. Also kept for a session switch.
    void setPaused(bool paused) override;
    bool isPaused() const override { return m_options.paused; }

    bool isRunning() const { return m_thread.isRunning(); }
    quint16 port() const override { return m_port; }
    QHostAddress address() const override { return m_options.address; }
    QString sessionPath() const override { return m_options.sessionPath; }
    std::shared_ptr<const Analyzer> analyzer() const override { return m_options.analyzer; }
    QString listenUrl() const override;

private:
    QThread m_thread;
    CaptureWorker *m_worker = nullptr; // lives on m_thread; deleted when it finishes
    CaptureOptions m_options;
    quint16 m_port = 0;
};
