#pragma once

#include "diff/eventdiff.h"
#include "event/bodyinspector.h"
#include "event/deliveryresult.h"
#include "event/event.h"
#include "event/eventanalysis.h"
#include "event/eventsummary.h"
#include "store/sessionstore.h"

#include <QCache>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <deque>
#include <memory>

class Analyzer;
class CaptureControl;
class DeliveryController;
class EventFilterModel;
class EventTableModel;
class JobTracker;
class QTimer;
class SessionStats;
struct CapturedBatch;

// One event as the detail shows it: read from the file, its body parsed once, analysed in full
// (the table keeps only the summary), with the deliveries made of it.
struct LoadedEvent
{
    Event event;
    EventAnalysis analysis;
    BodyInspection body;
    QList<DeliveryResult> deliveries;
};

Q_DECLARE_METATYPE(LoadedEvent)

// Two stored events and their differences, as Compare shows them.
struct EventComparison
{
    Event left;
    Event right;
    EventDiff diff;
};

Q_DECLARE_METATYPE(EventComparison)

// The open session between capture and the views (Wireshark's CaptureFile): it owns the analyzer
// in use, the GUI thread's read connection, the table model and its filter, the recent-event cache,
// the arrival rate and the counts the statistics docks show; it takes capture's stored batches and
// says what changed. The window only connects views to it and forwards what the user asks. Not a
// widget: tests drive it alone.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(CaptureControl *capture, QObject *parent = nullptr); // capture not owned
    ~Session() override;

    CaptureControl *capture() const { return m_capture; }
    EventTableModel *model() const { return m_model; }
    EventFilterModel *filterModel() const { return m_proxy; }
    DeliveryController *deliveries() const { return m_deliveries; }
    // The timeline and per-type counts of the events in the table.
    SessionStats *stats() const { return m_stats; }
    const SessionStore &reader() const { return m_reader; }
    QString path() const;
    std::shared_ptr<const Analyzer> analyzer() const;

    // Capture moves to another session file; on success the events on file are shown (opened()).
    // A session another process writes (it holds the lock) is opened read-only instead: its
    // events show, capture goes on into the session it was writing, and nothing is written to
    // the file (clear, delete and re-checks are refused with readOnlyReason()).
    std::optional<QString> switchTo(const QString &path);
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    // Why the shown session is read-only and where capture goes meanwhile; empty when writable.
    QString readOnlyReason() const { return m_readOnlyReason; }
    // Deletes every event of the session (cleared()).
    void clear();
    // Deletes events for good, from the file and the table (removed()).
    void remove(const QList<qint64> &seqs);
    // Capture and every re-check use ANALYZER from now on; the stored events are checked again.
    void setAnalyzer(std::shared_ptr<const Analyzer> analyzer);
    // Imports a schema or OpenAPI file into the analyzer and re-checks the session; returns the
    // import's errors and warnings (each names the file and where).
    QStringList importSchema(const QString &path);
    // Checks every stored event again with the current analyzer, in the background.
    void recheck();

    // Loads, parses and analyses one event off this thread; eventReady() or eventMissing() answers.
    // The newest request wins: an answer to an older one is never delivered.
    void selectEvent(qint64 seq);
    // Drops the answer to the pending selectEvent(), if any (nothing is selected any more).
    void cancelSelection();

    // Loads two events and compares them off this thread; comparisonReady() or comparisonFailed()
    // answers. The newest request wins: an answer to an older one is never delivered.
    void compare(qint64 leftSeq, qint64 rightSeq);

    // Event types the filter offers after "event ==": the known schemas and what arrived, sorted.
    QStringList eventTypes() const;
    QStringList headerNames() const;
    // Events per second over the last five seconds.
    double arrivalRate();
    // Events in the table and those still queued for it.
    qsizetype eventCount() const;

Q_SIGNALS:
    void opened(const QString &path);
    void cleared();
    void appended(int events);
    void reanalysed();
    void removed(const QList<qint64> &seqs);
    void recheckProgress(int percent);
    void storeFailed(const QString &error);
    void eventReady(qint64 seq, const LoadedEvent &loaded);
    void eventMissing(qint64 seq);
    void comparisonReady(const EventComparison &comparison);
    void comparisonFailed(qint64 missingSeq); // not in the session file (deleted, unreadable)
    void eventTypesChanged(const QStringList &types);
    // Something that would write to a read-only session was not done; WHY says so.
    void refused(const QString &why);
    void headerNamesChanged(const QStringList &names);

private:
    void open(const QString &path);
    bool refuseWhenReadOnly(const QString &what);
    void showNewerOnFile();
    void loadExistingEvents();
    void addBatch(const CapturedBatch &batch);
    void noteEventTypes(const QStringList &types);
    void noteHeaderNames(const HeaderList &headers);

    CaptureControl *m_capture; // not owned
    QString m_readOnlyPath; // the session shown read-only, empty when capture's is shown
    QString m_readOnlyReason;
    SessionStore m_reader; // the GUI thread's read-only connection to the session
    EventTableModel *m_model; // owned through QObject parenting
    EventFilterModel *m_proxy;
    DeliveryController *m_deliveries;
    SessionStats *m_stats;
    QCache<qint64, Event> m_recentEvents { 64 }; // the last events shown: j/k back and forth
    qint64 m_loadedFromFileUpTo = 0; // the newest event the last session read showed
    QSet<QString> m_seenTypes;
    QSet<QString> m_seenHeaders;
    std::deque<qint64> m_recentArrivals; // ms timestamps of the last seconds' events, for the rate
    JobTracker *m_loading; // the events on file, read when a session opens
    JobTracker *m_selection; // selectEvent()'s job; owned through QObject parenting
    JobTracker *m_recheck; // recheck()'s job
    JobTracker *m_comparison; // compare()'s job
    // Read-only, the process writing the file adds events: they are read every second.
    JobTracker *m_newerOnFile;
    QTimer *m_readOnlyPoll;
};
