#pragma once

#include "event/eventsummary.h"
#include "event/stringpool.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <vector>

// The event table: one row per EventSummary, appended in batches. Rows are only ever appended
// at the end ("newest first" is a sort in the proxy), so views and proxies never re-index.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        TimeColumn,
        MethodColumn,
        PathColumn,
        EventTypeColumn,
        SizeColumn,
        StatusColumn,
        ValidityColumn,
        SignatureColumn,
        // Hidden at first; the header's column chooser shows them.
        RemoteColumn,
        ClassificationColumn,
        ContentTypeColumn,
        AttemptColumn, // Solaris-Webhook-Attempt and the like
        ColumnCount
    };

    explicit EventTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The one batching point: queued summaries become rows on the next flush, which a timer
    // triggers so that a burst of thousands of events costs one insert per interval.
    void enqueue(const QList<EventSummary> &summaries);
    void flush();
    void setFlushInterval(int ms) { m_flushTimer.setInterval(ms); }

    void replaceAll(std::vector<EventSummary> summaries); // a reopened session: one reset
    void clear();
    void removeSeqs(const QList<qint64> &seqs);
    // Many rows at once (a re-checked session): one dataChanged over the rows they span.
    void updateSummaries(const QList<EventSummary> &summaries);

    const EventSummary &summaryAt(int row) const { return m_rows[size_t(row)]; }
    int rowOfSeq(qint64 seq) const; // -1 when absent; O(log n) since seqs only grow
    qsizetype pendingCount() const { return m_pending.size(); }

Q_SIGNALS:
    void rowsAppended(int count);

private:
    QVariant displayData(const EventSummary &summary, int column) const;
    QVariant sortData(const EventSummary &summary, int column) const;
    EventSummary interned(EventSummary summary);

    std::vector<EventSummary> m_rows;
    QList<EventSummary> m_pending;
    StringPool m_strings;
    QTimer m_flushTimer;
};
