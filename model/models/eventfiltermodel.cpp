#include "eventfiltermodel.h"

#include "eventtablemodel.h"
#include "modelroles.h"
#include "store/sessionstore.h"

#include <QPromise>
#include <QtConcurrent>

EventFilterModel::EventFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ModelRoles::SortRole);
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

void EventFilterModel::cancelScan()
{
    ++m_generation; // a finishing scan of an older filter is ignored
    m_scan.cancel();
}

void EventFilterModel::noteEvent(const Event &event, const EventSummary &summary)
{
    if (m_filter.needsEvent() && m_filter.matches(summary, &event))
        m_matching.insert(summary.seq);
}

namespace {
// Reads every stored event once, on a worker thread with its own connection to the session.
void scanSession(QPromise<QSet<qint64>> &promise, const QString &path, const Filter &filter)
{
    SessionStore store;
    if (store.open(path))
        return;
    const qint64 total = std::max<qint64>(1, store.count());
    promise.setProgressRange(0, 100);
    QSet<qint64> matching;
    qint64 seen = 0;
    store.forEachEventAndSummary([&](Event &&event, EventSummary &&summary) {
        if (filter.matches(summary, &event))
            matching.insert(event.seq);
        if (++seen % 2048 == 0)
            promise.setProgressValue(int(seen * 100 / total));
        return !promise.isCanceled();
    });
    promise.addResult(matching);
}
} // namespace

void EventFilterModel::startScan()
{
    const quint64 generation = ++m_generation;
    m_scan = QtConcurrent::run(scanSession, m_sessionPath, m_filter);
    auto watcher = new QFutureWatcher<QSet<qint64>>(this);
    connect(watcher, &QFutureWatcher<QSet<qint64>>::progressValueChanged, this,
            &EventFilterModel::scanProgress);
    connect(watcher, &QFutureWatcher<QSet<qint64>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // superseded or cancelled
        const bool completed = !watcher->isCanceled() && watcher->future().resultCount() > 0;
        if (completed)
            m_matching.unite(watcher->result());
        invalidateRowsFilter();
        Q_EMIT scanFinished(completed);
    });
    watcher->setFuture(m_scan);
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
    }
    return QSortFilterProxyModel::lessThan(left, right);
}
