#pragma once

#include "formats/importer.h"

#include <QFutureWatcher>
#include <QObject>

// Loads files and folders in the background: one file at a time on a worker thread, with
// progress and cancel; every file's events are handed on as they are read, and a bad file or
// line is collected with its reason while the others keep loading.
class PayloadLoader : public QObject
{
    Q_OBJECT
public:
    explicit PayloadLoader(QObject *parent = nullptr);
    ~PayloadLoader() override;

    void load(const QStringList &paths, ImportOptions options = {});
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    const QList<ImportError> &errors() const { return m_errors; }

Q_SIGNALS:
    void eventsLoaded(const QList<Event> &events);
    void progress(int done, int total);
    void finished(int events, const QList<ImportError> &errors, bool cancelled);

private:
    QFutureWatcher<ImportBatch> m_watcher;
    QList<ImportError> m_errors;
    int m_events = 0;
};
