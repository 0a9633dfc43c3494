#pragma once

#include "analysis/analyzer.h"
#include "event/capturedbatch.h"
#include "http/capturelimits.h"
#include "rules/responserules.h"

#include <QHostAddress>
#include <QObject>

#include <memory>
#include <optional>

// What a Session asks of capture, and what capture tells it: declared here, below both, so the
// window (through Session) reaches capture without knowing app/. app/capture/CaptureService is
// the one implementation; tests may give their own.
class CaptureControl : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Stops, then starts again with the same options on another session file.
    virtual std::optional<QString> switchSession(const QString &path) = 0;
    // Restarts on the same address, port and session with new limits (a settings change).
    virtual std::optional<QString> applyLimits(const CaptureLimits &limits) = 0;
    // Deletes events from the session file, on the capture thread (the caller does not wait).
    virtual void remove(const QList<qint64> &seqs) = 0;
    virtual void clear() = 0;
    // Loaded payloads enter where captured requests do: numbered, analysed, stored, shown.
    virtual void addLoaded(const QList<Event> &events) = 0;
    virtual void setRules(std::shared_ptr<const ResponseRules> rules) = 0;
    virtual std::shared_ptr<const ResponseRules> rules() const = 0;
    // Events captured from now on are analysed with it (re-checking stored ones is the caller's).
    virtual void setAnalyzer(std::shared_ptr<const Analyzer> analyzer) = 0;
    virtual std::shared_ptr<const Analyzer> analyzer() const = 0;
    virtual void setPaused(bool paused) = 0;
    virtual bool isPaused() const = 0;

    virtual quint16 port() const = 0;
    virtual QHostAddress address() const = 0;
    virtual QString sessionPath() const = 0;
    virtual QString listenUrl() const = 0;

Q_SIGNALS:
    // Events now on disk, with their analysis, in capture order.
    void stored(const CapturedBatch &batch);
    void storeFailed(const QString &error);
    void pausedChanged(bool paused);
};
