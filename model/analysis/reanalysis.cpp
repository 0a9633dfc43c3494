#include "reanalysis.h"

#include "jobs/jobcontrol.h"
#include "store/sessionstore.h"

void Reanalysis::run(JobControl &job, const QString &path, const Analyzer &analyzer,
                     const std::function<void(const QList<EventSummary> &)> &onChunk)
{
    SessionStore store;
    if (!store.open(path))
        return;
    const qint64 total = std::max<qint64>(1, store.count());
    QList<std::pair<qint64, EventAnalysis>> updates;
    QList<EventSummary> summaries;
    qint64 done = 0;
    auto flush = [&] {
        // Not stored (the disk is full): the window still shows the new analyses, and the next
        // re-check or reopen analyses again.
        std::ignore = store.updateAnalyses(updates);
        job.deliver([onChunk, summaries] { onChunk(summaries); });
        updates.clear();
        summaries.clear();
        job.setProgress(int(done * 100 / total));
    };
    std::ignore = store.forEachEvent([&](Event &&event) {
        const EventAnalysis analysis = analyzer.analyze(event);
        updates.append({ event.seq, analysis });
        summaries.append(EventSummary::from(event, analysis));
        if (++done % Reanalysis::kChunk == 0)
            flush();
        return !job.isCancelled();
    });
    if (!updates.isEmpty())
        flush();
}
