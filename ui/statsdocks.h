#pragma once

#include "timeline/ratetimeline.h"
#include "timeline/typecounts.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

class EventTableModel;
class FilterBar;
class QDockWidget;
class QMainWindow;
class QMenu;
class QSettings;
class JobControl;
class JobTracker;
class TimelineWidget;
class TypeCountsModel;
class TypeCountsPanel;

// The statistics docks of the main window: the event-rate timeline above the table and the
// per-type counts at its side, each a dock the user can hide, move or float. They count the
// table model's rows, and choosing a time range or an event type in them writes a term into the
// filter bar, where the user sees and can edit it.
//
// The owner tells it about the model's changes: countRows() for appended rows, recountSoon()
// for anything else (reset, removal, re-check), which coalesces into one recount. Recounts run
// off the GUI thread (about 0.1 s per million events), on a copy of what they need.
class StatsDocks : public QObject
{
    Q_OBJECT
public:
    // model and filterBar not owned; the docks are added to window, which owns them.
    StatsDocks(EventTableModel *model, FilterBar *filterBar, QMainWindow *window);

    // View ▸ Timeline (Ctrl+Shift+L), Event Types (Ctrl+Shift+Y), split by type, whole session.
    void addMenuActions(QMenu *view);
    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

    // Rows first…last were just appended to the model.
    void countRows(int first, int last);
    // Rows changed in place, were removed or reset: counts everything again shortly. A recount
    // still running is stale from here on: it stops, and its counts are never shown.
    void recountSoon();
    // Starts counting every row again now, in the background. The counts shown meanwhile stay
    // live; rows appended before the new counts arrive are added to them then.
    void recount();
    // From recountSoon() or recount() until the new counts are shown.
    bool isRecounting() const;

    TimelineWidget *timelineWidget() const { return m_timeline; }
    TypeCountsPanel *typeCountsPanel() const { return m_typesPanel; }
    TypeCountsModel *typeCountsModel() const { return m_typeCounts; }
    QDockWidget *timelineDock() const { return m_timelineDock; }
    QDockWidget *typesDock() const { return m_typesDock; }

private:
    // What a recount needs of one row: a copy of a few fields, not of the whole summary.
    struct Sample;
    // What a recount produces: the figures both docks show.
    struct Counts
    {
        RateTimeline timeline;
        TypeCounts types;

        void add(const EventSummary &summary);
    };

    void createDocks(QMainWindow *window);
    void connectParts();
    void applyTimeRange(qint64 fromMs, qint64 toMs);
    void clearTimeRange();
    void applyEventType(const QString &eventType);
    void forgetStaleTerms();
    void recountHere();
    void invalidateRecount();
    std::vector<Sample> snapshot() const;
    void showCounts(Counts counts, int rowsCounted);
    static Counts countSamples(const JobControl &job, const std::vector<Sample> &samples,
                               bool splitByType);

    EventTableModel *m_model; // not owned
    FilterBar *m_filterBar; // not owned
    // The window owns the docks and each dock its widget (created first: the focus chain follows
    // creation order). The panel owns the model, which so outlives the views that show it.
    TimelineWidget *m_timeline;
    QDockWidget *m_timelineDock;
    QDockWidget *m_typesDock;
    TypeCountsModel *m_typeCounts;
    TypeCountsPanel *m_typesPanel;
    QTimer m_recountTimer; // coalesces recounts after resets, deletions and re-checks
    JobTracker *m_recount; // the newest background recount; rows changing cancel it
    QString m_timeTerm; // the filter terms the timeline and the type panel wrote last
    QString m_typeTerm;
};
