#include "reanalysis.h"

#include "store/sessionstore.h"

#include <QPromise>
#include <QtConcurrent>

namespace {
void run(QPromise<QList<EventSummary>> &promise, const QString &path,
         std::shared_ptr<const Analyzer> analyzer)
{
    SessionStore store;
    if (!store.open(path))
        return;
    const qint64 total = std::max<qint64>(1, store.count());
    promise.setProgressRange(0, 100);
    QList<std::pair<qint64, EventAnalysis>> updates;
    QList<EventSummary> summaries;
    qint64 done = 0;
    auto flush = [&] {
        // Not stored (the disk is full): the window still shows the new analyses, and the next
        // re-check or reopen analyses again.
        std::ignore = store.updateAnalyses(updates);
        promise.addResult(summaries);
        updates.clear();
        summaries.clear();
        promise.setProgressValue(int(done * 100 / total));
    };
    std::ignore = store.forEachEvent([&](Event &&event) {
        const EventAnalysis analysis = analyzer->analyze(event);
        updates.append({ event.seq, analysis });
        summaries.append(EventSummary::from(event, analysis));
        if (++done % Reanalysis::kChunk == 0)
            flush();
        return !promise.isCanceled();
    });
    if (!updates.isEmpty())
        flush();
}
} // namespace

QFuture<QList<EventSummary>> Reanalysis::start(const QString &sessionPath,
                                               std::shared_ptr<const Analyzer> analyzer)
{
    return QtConcurrent::run(run, sessionPath, std::move(analyzer));
}
