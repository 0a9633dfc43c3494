#pragma once

#include "formats/importer.h"

#include <QObject>

class JobTracker;

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
    bool isRunning() const;
    const QList<ImportError> &errors() const { return m_errors; }

Q_SIGNALS:
    void eventsLoaded(const QList<Event> &events);
    void progress(int done, int total);
    void finished(int events, const QList<ImportError> &errors, bool cancelled);

private:
    void takeBatch(const ImportBatch &batch);

    JobTracker *m_jobs; // a new load supersedes a running one, which then reports nothing
    QList<ImportError> m_errors;
    int m_events = 0;
    int m_files = 0; // of the running load
};
