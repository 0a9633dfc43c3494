#include "payloadloader.h"

#include "jobs/jobtracker.h"

PayloadLoader::PayloadLoader(QObject *parent)
    : QObject(parent)
    , m_jobs(new JobTracker(this))
{
    connect(m_jobs, &JobTracker::progressChanged, this,
            [this](int done) { Q_EMIT progress(done, m_files); });
}

PayloadLoader::~PayloadLoader()
{
    m_jobs->cancel(); // silently: whoever listened is going away too
    m_jobs->waitForFinished();
}

void PayloadLoader::load(const QStringList &paths, ImportOptions options)
{
    m_errors.clear();
    m_events = 0;
    m_files = 0;
    m_jobs->start(
        [this, paths, options](JobControl &job) {
            const QStringList files = PayloadImporter::collectFiles(paths);
            job.deliver([this, count = int(files.size())] { m_files = count; });
            for (qsizetype i = 0; i < files.size() && !job.isCancelled(); ++i) {
                ImportBatch batch = PayloadImporter::importFile(files.at(i), options);
                for (Event &event : batch.events)
                    event.response = { 0, {}, {}, 0 }; // nothing answered a loaded payload
                // Runs on this object's thread, and only while this load is the current one.
                job.deliver([this, batch = std::move(batch)] { takeBatch(batch); });
                job.setProgress(int(i + 1));
            }
        },
        [this] { Q_EMIT finished(m_events, m_errors, false); });
}

void PayloadLoader::takeBatch(const ImportBatch &batch)
{
    m_errors += batch.errors;
    m_events += int(batch.events.size());
    if (!batch.events.isEmpty())
        Q_EMIT eventsLoaded(batch.events);
}

// What was loaded so far stays loaded; files not read yet are not.
void PayloadLoader::cancel()
{
    if (!m_jobs->isRunning())
        return;
    m_jobs->cancel();
    Q_EMIT finished(m_events, m_errors, true);
}

bool PayloadLoader::isRunning() const
{
    return m_jobs->isRunning();
}
