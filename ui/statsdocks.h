#pragma once

#include <QObject>
#include <QString>

class FilterBar;
class QDockWidget;
class QMainWindow;
class QMenu;
class QSettings;
class SessionStats;
class TimelineWidget;
class TypeCountsModel;
class TypeCountsPanel;

// The statistics docks of the main window: the event-rate timeline above the table and the
// per-type counts at its side, each a dock the user can hide, move or float. They show what the
// session's SessionStats counts, and choosing a time range or an event type in them writes a
// term into the filter bar, where the user sees and can edit it.
class StatsDocks : public QObject
{
    Q_OBJECT
public:
    // stats and filterBar not owned; the docks are added to window, which owns them.
    StatsDocks(SessionStats *stats, FilterBar *filterBar, QMainWindow *window);

    // View ▸ Timeline (Ctrl+Shift+L), Event Types (Ctrl+Shift+Y), split by type, whole session.
    void addMenuActions(QMenu *view);
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    TimelineWidget *timelineWidget() const { return m_timeline; }
    TypeCountsPanel *typeCountsPanel() const { return m_typesPanel; }
    TypeCountsModel *typeCountsModel() const;
    QDockWidget *timelineDock() const { return m_timelineDock; }
    QDockWidget *typesDock() const { return m_typesDock; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createDocks(QMainWindow *window);
    void connectParts();
    void applyTimeRange(qint64 fromMs, qint64 toMs);
    void clearTimeRange();
    void applyEventType(const QString &eventType);
    void forgetStaleTerms();

    SessionStats *m_stats; // not owned
    FilterBar *m_filterBar; // not owned
    // The window owns the docks and each dock its widget (created first: the focus chain follows
    // creation order).
    TimelineWidget *m_timeline;
    QDockWidget *m_timelineDock;
    QDockWidget *m_typesDock;
    TypeCountsPanel *m_typesPanel;
    bool m_sizeTypesDock = true; // at the first show, when no window state was saved
    QString m_timeTerm; // the filter terms the timeline and the type panel wrote last
    QString m_typeTerm;
};
