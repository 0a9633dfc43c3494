#pragma once

#include "captureservice.h"
#include "event/capturedbatch.h"
#include "rules/responserules.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

class CaptureBatcher;
class CaptureServer;
class SessionStore;

// The objects that live on the capture thread, created and destroyed there, and the session
// store's writer thread: the store's connection is opened, used and closed on that one thread.
class CaptureWorker : public QObject
{
    Q_OBJECT
public:
    CaptureWorker();
    ~CaptureWorker() override;

    std::optional<QString> start(const CaptureOptions &options);
    void stop();
    quint16 port() const;
    void remove(const QList<qint64> &seqs);
    void clear();
    void addLoaded(const QList<Event> &events);
    void setRules(std::shared_ptr<const ResponseRules> rules);
    void setAnalyzer(std::shared_ptr<const Analyzer> analyzer);
    void setPaused(bool paused);

Q_SIGNALS:
    void stored(const CapturedBatch &batch);
    void storeFailed(const QString &error);

private:
    // Runs `job` on the writer thread, after every batch handed to it, and waits for it.
    void onWriter(const std::function<void()> &job);

    QThreadPool m_writer; // one thread that never expires: the store's connection's thread
    std::unique_ptr<SessionStore> m_store; // used on m_writer only
    CaptureServer *m_server = nullptr; // owned through QObject parenting
    CaptureBatcher *m_batcher = nullptr; // owned through QObject parenting
};
