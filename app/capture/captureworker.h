#pragma once

#include "capturedbatch.h"
#include "captureservice.h"
#include "rules/responserules.h"

#include <QObject>

#include <memory>
#include <optional>

class CaptureBatcher;
class CaptureServer;
class SessionStore;

// The objects that live on the capture thread, created and destroyed there.
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

Q_SIGNALS:
    void stored(const CapturedBatch &batch);
    void storeFailed(const QString &error);

private:
    std::unique_ptr<SessionStore> m_store;
    CaptureServer *m_server = nullptr; // owned through QObject parenting
    CaptureBatcher *m_batcher = nullptr; // owned through QObject parenting
};
