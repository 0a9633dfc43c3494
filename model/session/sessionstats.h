#pragma once

#include "timeline/ratetimeline.h"
#include "timeline/typecounts.h"

#include <QObject>
#include <QTimer>

#include <vector>

class EventTableModel;
class JobControl;
class JobTracker;
class TypeCountsModel;

// What the statistics docks show, counted from the session's table: the event-rate timeline and
// the per-type counts. Appended rows are counted as they arrive, one batch at a time; anything
// else that changes rows (a reopened session, deletions, a re-check) coalesces into one recount
// of every row, off this thread (about 0.1 s per million events), on a copy of what it needs.
// The docks only display these figures; Session owns them.
class SessionStats : public QObject
{
    Q_OBJECT
public:
    explicit SessionStats(EventTableModel *model, QObject *parent = nullptr); // model not owned

    const RateTimeline &timeline() const { return m_timeline; }
    TypeCountsModel *typeCounts() const { return m_typeCounts; }

    // The timeline keeps per-type series only while split; turning it on counts every row again,
    // here and now, so the chart never shows the split without its counts.
    void setSplitByType(bool on);
    bool splitByType() const { return m_timeline.splitByType(); }

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

Q_SIGNALS:
    // The timeline changed (the type counts model says its own changes).
    void timelineChanged();
    void splitByTypeChanged(bool on);

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

    void recountHere();
    std::vector<Sample> snapshot() const;
    void showCounts(Counts counts, int rowsCounted);
    static Counts countSamples(const JobControl &job, const std::vector<Sample> &samples,
                               bool splitByType);

    EventTableModel *m_model; // not owned
    RateTimeline m_timeline;
    TypeCountsModel *m_typeCounts; // owned through QObject parenting
    QTimer m_recountTimer; // coalesces recounts after resets, deletions and re-checks
    JobTracker *m_recount; // the newest background recount; rows changing cancel it
};
