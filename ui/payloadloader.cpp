#include "payloadloader.h"

#include <QPromise>
#include <QtConcurrent>

namespace {
void loadFiles(QPromise<ImportBatch> &promise, const QStringList &paths, ImportOptions options)
{
    const QStringList files = PayloadImporter::collectFiles(paths);
    promise.setProgressRange(0, int(files.size()));
    for (qsizetype i = 0; i < files.size() && !promise.isCanceled(); ++i) {
        ImportBatch batch = PayloadImporter::importFile(files.at(i), options);
        for (Event &event : batch.events)
            event.response = { 0, {}, {}, 0 }; // nothing answered a loaded payload
        promise.addResult(std::move(batch));
        promise.setProgressValue(int(i + 1));
    }
}
} // namespace

PayloadLoader::PayloadLoader(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<ImportBatch>::resultReadyAt, this, [this](int index) {
        const ImportBatch batch = m_watcher.resultAt(index);
        m_errors += batch.errors;
        m_events += int(batch.events.size());
        if (!batch.events.isEmpty())
            Q_EMIT eventsLoaded(batch.events);
    });
    connect(&m_watcher, &QFutureWatcher<ImportBatch>::progressValueChanged, this,
            [this](int done) { Q_EMIT progress(done, m_watcher.progressMaximum()); });
    connect(&m_watcher, &QFutureWatcher<ImportBatch>::finished, this,
            [this] { Q_EMIT finished(m_events, m_errors, m_watcher.isCanceled()); });
}

PayloadLoader::~PayloadLoader()
{
    cancel();
    m_watcher.waitForFinished();
}

void PayloadLoader::load(const QStringList &paths, ImportOptions options)
{
    cancel();
    m_watcher.waitForFinished();
    m_errors.clear();
    m_events = 0;
    m_watcher.setFuture(QtConcurrent::run(loadFiles, paths, options));
}

void PayloadLoader::cancel()
{
    m_watcher.cancel();
}
