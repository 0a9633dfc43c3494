#include "sessionstats.h"

#include "jobs/jobtracker.h"
#include "models/eventtablemodel.h"
#include "timeline/typecountsmodel.h"

struct SessionStats::Sample
{
    QString eventType; // shared with the model's string pool, not copied
    qint64 receivedAtMs = 0;
    quint16 errorCount = 0;
    quint16 warningCount = 0;
    BodyKind bodyKind = BodyKind::Empty; // with schemaChecked: the verdict, as appended rows count
    bool schemaChecked = false;
};

void SessionStats::Counts::add(const EventSummary &summary)
{
    timeline.add(summary);
    types.add(summary);
}

SessionStats::SessionStats(EventTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_typeCounts(new TypeCountsModel(this))
    , m_recount(new JobTracker(this)) // a recount still running has nobody left to show to
{
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(200);
    connect(&m_recountTimer, &QTimer::timeout, this, &SessionStats::recount);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { countRows(first, last); });
    connect(model, &QAbstractItemModel::modelReset, this, &SessionStats::recountSoon);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SessionStats::recountSoon);
    connect(model, &QAbstractItemModel::dataChanged, this, &SessionStats::recountSoon);
}

void SessionStats::setSplitByType(bool on)
{
    if (on == m_timeline.splitByType())
        return;
    m_timeline.setSplitByType(on);
    recountHere();
    Q_EMIT splitByTypeChanged(on);
}

// Rows just appended: counted into the timeline and the type counts as one batch each.
void SessionStats::countRows(int first, int last)
{
    TypeCounts batch;
    for (int row = first; row <= last; ++row) {
        const EventSummary &summary = m_model->summaryAt(row);
        m_timeline.add(summary);
        batch.add(summary);
    }
    m_typeCounts->add(batch);
    Q_EMIT timelineChanged();
}

// Rows changed under a running recount's copy: its counts would be wrong.
void SessionStats::recountSoon()
{
    m_recount->cancel();
    m_recountTimer.start();
}

// Everything counted again: after a reopened session, deletions or a re-check changed rows.
// Only the copy is made here; the counting, a tenth of a second per million events, is not.
void SessionStats::recount()
{
    m_recountTimer.stop();
    std::vector<Sample> samples = snapshot();
    const int rows = int(samples.size());
    // Starting supersedes a running recount: only the newest copy's counts are shown.
    m_recount->start([samples = std::move(samples), split = splitByType()](
                         JobControl &job) { return countSamples(job, samples, split); },
                     [this, rows](Counts counts) { showCounts(std::move(counts), rows); });
}

bool SessionStats::isRecounting() const
{
    return m_recountTimer.isActive() || m_recount->isRunning();
}

void SessionStats::recountHere()
{
    m_recountTimer.stop();
    m_recount->cancel();
    Counts counts;
    counts.timeline.setSplitByType(splitByType());
    for (int row = 0; row < m_model->rowCount(); ++row)
        counts.add(m_model->summaryAt(row));
    showCounts(std::move(counts), m_model->rowCount());
}

std::vector<SessionStats::Sample> SessionStats::snapshot() const
{
    std::vector<Sample> samples;
    samples.reserve(size_t(m_model->rowCount()));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const EventSummary &s = m_model->summaryAt(row);
        samples.push_back({ s.eventType, s.receivedAtMs, s.errorCount, s.warningCount, s.bodyKind,
                            s.schemaChecked });
    }
    return samples;
}

// On a worker thread: values in, value out.
// A cancelled count stops early; the tracker drops what it returns.
SessionStats::Counts SessionStats::countSamples(const JobControl &job,
                                                const std::vector<Sample> &samples,
                                                bool splitByType)
{
    Counts counts;
    counts.timeline.setSplitByType(splitByType);
    EventSummary summary; // counted through the same calls as appended rows
    for (size_t i = 0; i < samples.size(); ++i) {
        if (i % 16'384 == 0 && job.isCancelled())
            break;
        summary.eventType = samples[i].eventType;
        summary.receivedAtMs = samples[i].receivedAtMs;
        summary.errorCount = samples[i].errorCount;
        summary.warningCount = samples[i].warningCount;
        summary.bodyKind = samples[i].bodyKind;
        summary.schemaChecked = samples[i].schemaChecked;
        counts.add(summary);
    }
    return counts;
}

// Rows appended after the copy was made were counted into the figures these replace, so they
// are counted again on top of them, once.
void SessionStats::showCounts(Counts counts, int rowsCounted)
{
    for (int row = rowsCounted; row < m_model->rowCount(); ++row)
        counts.add(m_model->summaryAt(row));
    m_timeline = std::move(counts.timeline);
    m_typeCounts->setCounts(counts.types);
    Q_EMIT timelineChanged();
}
