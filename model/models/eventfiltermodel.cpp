#include "eventfiltermodel.h"

#include "eventtablemodel.h"
#include "filter/filterliterals.h"
#include "jobs/jobtracker.h"
#include "modelroles.h"
#include "store/sessionstore.h"

#include <QtConcurrent>

#include <atomic>
#include <optional>

EventFilterModel::EventFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_scan(new JobTracker(this))
{
    setSortRole(ModelRoles::SortRole);
    connect(m_scan, &JobTracker::progressChanged, this, &EventFilterModel::scanProgress);
}

void EventFilterModel::setSourceModel(QAbstractItemModel *source)
{
    m_source = qobject_cast<EventTableModel *>(source);
    Q_ASSERT(m_source);
    QSortFilterProxyModel::setSourceModel(source);
}

void EventFilterModel::setFilter(const Filter &filter)
{
    cancelScan();
    m_filter = filter;
    m_matching.clear();
    if (m_filter.needsEvent() && !m_sessionPath.isEmpty())
        startScan();
    // A new expression changes most rows: rebuilding the mapping is far cheaper than
    // invalidateRowsFilter() removing a million rows range by range.
    invalidate();
}

bool EventFilterModel::isScanning() const
{
    return m_scan->isRunning();
}

void EventFilterModel::cancelScan()
{
    m_scan->cancel(); // a finishing scan of an older filter is ignored
}

void EventFilterModel::noteEvent(const Event &event, const EventSummary &summary)
{
    if (m_filter.needsEvent() && m_filter.matches(summary, &event))
        m_matching.insert(summary.seq);
}

namespace {
// One part of a scan: the events of seqs [from, to] on a connection of its own.
struct ScanPart
{
    qint64 from = 0;
    qint64 to = 0;
    QSet<qint64> matching;
    bool read = false;
};

// Reads only what the filter looks at (bodies, headers when it reads them), skips the bodies
// that lack a literal the filter requires, and evaluates the rest.
void scanPart(ScanPart &part, const QString &path, const Filter &filter,
              const FilterLiterals &literals, const std::function<bool(qint64)> &keepGoing)
{
    SessionStore store;
    if (!store.open(path, SessionStore::Access::ReadOnly)) // only reads; also a read-only session
        return;
    EventScan scan;
    scan.fromSeq = part.from;
    scan.toSeq = part.to;
    scan.headers = literals.readsHeaders();
    if (!literals.isEmpty())
        scan.admits = [&literals](QByteArrayView body) {
            return literals.admits(body);
        };
    scan.keepGoing = keepGoing;
    const Status read =
        store.scanEvents(scan, [&](const Event &event, const EventSummary &summary) {
            if (filter.matches(summary, &event))
                part.matching.insert(event.seq);
            return true;
        });
    part.read = read.ok();
}

// The session in two halves of its seq range, one per core: reading rows is the cost, and each
// half reads on its own SQLite connection (WAL lets readers run side by side with capture).
// Progress is in percent; no result when the file cannot be read or the scan was cancelled.
std::optional<QSet<qint64>> scanSession(JobControl &job, const QString &path, const Filter &filter)
{
    const FilterLiterals literals = FilterLiterals::requiredBy(filter.expression());
    qint64 first = 0, last = 0;
    {
        SessionStore store;
        if (!store.open(path, SessionStore::Access::ReadOnly))
            return std::nullopt;
        std::tie(first, last) = store.seqRange();
    }
    const qint64 total = std::max<qint64>(1, last - first + 1);
    std::atomic<qint64> read[2] = { 0, 0 };
    auto keepGoing = [&job, &read, total](int part) {
        return [&job, &read, total, part](qint64 rows) {
            read[part] = rows;
            job.setProgress(int((read[0] + read[1]) * 100 / total));
            return !job.isCancelled();
        };
    };
    const qint64 middle = first + (last - first) / 2;
    ScanPart parts[2] = { { first, middle, {}, false }, { middle + 1, last, {}, false } };
    // Data parallelism inside the one job; waiting on a half the pool has not started yet runs
    // it on this thread, so a full pool cannot deadlock the scan.
    QFuture<void> second =
        QtConcurrent::run([&] { scanPart(parts[1], path, filter, literals, keepGoing(1)); });
    scanPart(parts[0], path, filter, literals, keepGoing(0));
    second.waitForFinished();
    if (job.isCancelled() || !parts[0].read || !parts[1].read)
        return std::nullopt;
    parts[0].matching.unite(parts[1].matching);
    return std::move(parts[0].matching);
}
} // namespace

void EventFilterModel::startScan()
{
    m_scan->start([path = m_sessionPath,
                   filter = m_filter](JobControl &job) { return scanSession(job, path, filter); },
                  [this](std::optional<QSet<qint64>> matching) {
                      if (matching)
                          m_matching.unite(*matching);
                      invalidateRowsFilter();
                      Q_EMIT scanFinished(matching.has_value());
                  });
}

bool EventFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (m_filter.isEmpty())
        return true;
    const EventSummary &summary = m_source->summaryAt(sourceRow);
    if (m_filter.needsEvent())
        return m_matching.contains(summary.seq);
    return m_filter.matches(summary);
}

bool EventFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Typed comparisons straight from the summaries: no QVariant per comparison.
    const EventSummary &a = m_source->summaryAt(left.row());
    const EventSummary &b = m_source->summaryAt(right.row());
    switch (left.column()) {
    case EventTableModel::SeqColumn:
        return a.seq < b.seq;
    case EventTableModel::TimeColumn:
        return a.receivedAtMs < b.receivedAtMs;
    case EventTableModel::MethodColumn:
        return a.method < b.method;
    case EventTableModel::PathColumn:
        return a.target < b.target;
    case EventTableModel::EventTypeColumn:
        return a.eventType < b.eventType;
    case EventTableModel::SizeColumn:
        return a.bodySize < b.bodySize;
    case EventTableModel::StatusColumn:
        return a.status < b.status;
    case EventTableModel::ValidityColumn:
        return std::pair(a.errorCount, a.warningCount) < std::pair(b.errorCount, b.warningCount);
    case EventTableModel::SignatureColumn:
        return a.signature < b.signature;
    case EventTableModel::AttemptColumn:
        return a.attempt < b.attempt;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}
