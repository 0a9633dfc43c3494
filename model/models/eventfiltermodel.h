#pragma once

#include "filter/filter.h"

#include <QSet>
#include <QSortFilterProxyModel>

class EventTableModel;
class JobTracker;
struct Event;

// The table's filter and sort: filterAcceptsRow asks the compiled Filter, never the default
// all-columns string match. Filters on summary fields run inline (a million rows in tens of
// milliseconds); filters that read headers or bodies scan the session file in the background,
// with progress and cancel, and a newer filter supersedes a running scan. Live events are
// matched as they arrive, from the full event the capture batch carries.
class EventFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override; // must be an EventTableModel
    void setSessionPath(const QString &path) { m_sessionPath = path; }

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    bool isScanning() const;
    void cancelScan();

    // A live event about to be appended: remembered as matching or not when the filter needs
    // the full event.
    void noteEvent(const Event &event, const EventSummary &summary);

Q_SIGNALS:
    void scanProgress(int percent);
    void scanFinished(bool completed);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void startScan();

    EventTableModel *m_source = nullptr; // not owned
    QString m_sessionPath;
    Filter m_filter;
    QSet<qint64> m_matching; // for filters that need the full event
    JobTracker *m_scan; // a newer filter's scan supersedes the running one
};
