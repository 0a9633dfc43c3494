#include "session.h"

#include "analysis/analyzer.h"
#include "analysis/reanalysis.h"
#include "capturecontrol.h"
#include "deliverycontroller.h"
#include "jobs/jobtracker.h"
#include "models/eventfiltermodel.h"
#include "models/eventtablemodel.h"
#include "sessionstats.h"
#include "store/sessionlock.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTimer>

#include <variant>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kRateWindowMs = 5000;
constexpr qsizetype kMaxHeaderNames = 500;

// Runs on a pool thread with its own read connection (a SQLite connection belongs to the thread
// that opened it). Skipped when a newer selection overtook it before it started.
std::optional<LoadedEvent> loadEvent(const JobControl &control, const QString &path, qint64 seq,
                                     std::optional<Event> cached, const Analyzer &analyzer)
{
    if (control.isCancelled())
        return std::nullopt;
    SessionStore store;
    if (!store.open(path, SessionStore::Access::ReadOnly))
        return std::nullopt;
    if (!cached)
        cached = store.load(seq);
    if (!cached)
        return std::nullopt;
    LoadedEvent loaded { std::move(*cached), {}, {}, store.deliveries(seq) };
    loaded.body = BodyInspector::inspect(loaded.event);
    loaded.analysis = analyzer.analyze(loaded.event, loaded.body);
    return loaded;
}

// On a pool thread, like loadEvent(): reading two 10 MiB bodies and diffing them takes seconds.
// The seq of an event not found, when one is not.
std::variant<EventComparison, qint64> compareEvents(const JobControl &control, const QString &path,
                                                    qint64 leftSeq, qint64 rightSeq)
{
    SessionStore store;
    if (control.isCancelled() || !store.open(path, SessionStore::Access::ReadOnly))
        return leftSeq;
    std::optional<Event> left = store.load(leftSeq);
    if (!left)
        return leftSeq;
    std::optional<Event> right = store.load(rightSeq);
    if (!right)
        return rightSeq;
    EventDiff diff = diffEvents(*left, *right);
    return EventComparison { std::move(*left), std::move(*right), std::move(diff) };
}
} // namespace

Session::Session(CaptureControl *capture, QObject *parent)
    : QObject(parent)
    , m_capture(capture)
    , m_model(new EventTableModel(this))
    , m_proxy(new EventFilterModel(this))
    , m_deliveries(new DeliveryController(capture, &m_reader, this))
    , m_stats(new SessionStats(m_model, this))
    , m_loading(new JobTracker(this))
    , m_selection(new JobTracker(this))
    , m_recheck(new JobTracker(this))
    , m_comparison(new JobTracker(this))
    , m_newerOnFile(new JobTracker(this))
    , m_readOnlyPoll(new QTimer(this))
{
    m_readOnlyPoll->setInterval(1000);
    connect(m_readOnlyPoll, &QTimer::timeout, this, &Session::showNewerOnFile);
    qRegisterMetaType<LoadedEvent>();
    qRegisterMetaType<EventComparison>();
    m_proxy->setSourceModel(m_model);
    connect(capture, &CaptureControl::stored, this, &Session::addBatch);
    connect(capture, &CaptureControl::storeFailed, this, &Session::storeFailed);
    connect(m_recheck, &JobTracker::progressChanged, this, &Session::recheckProgress);
    noteEventTypes(analyzer()->schemas().eventTypes());
    open(capture->sessionPath());
}

Session::~Session() = default;

QString Session::path() const
{
    return m_readOnlyPath.isEmpty() ? m_capture->sessionPath() : m_readOnlyPath;
}

std::shared_ptr<const Analyzer> Session::analyzer() const
{
    return m_capture->analyzer();
}

std::optional<QString> Session::switchTo(const QString &path)
{
    if (const auto holder = SessionLock::heldElsewhere(path)) {
        SessionStore probe; // refused here when it is no session at all
        if (const Status readable = probe.open(path, SessionStore::Access::ReadOnly); !readable)
            return readable.error();
        m_readOnlyPath = path;
        m_readOnlyReason = u"%1; nothing is written to it, and capture goes on into %2"_s.arg(
            SessionLock::readOnlyReason(path, *holder),
            QFileInfo(m_capture->sessionPath()).fileName());
        open(path);
        m_readOnlyPoll->start();
        return std::nullopt;
    }
    if (auto error = m_capture->switchSession(path))
        return error;
    m_readOnlyPath.clear();
    m_readOnlyReason.clear();
    m_readOnlyPoll->stop();
    open(path);
    return std::nullopt;
}

bool Session::refuseWhenReadOnly(const QString &what)
{
    if (!isReadOnly())
        return false;
    Q_EMIT refused(u"%1: %2"_s.arg(what, m_readOnlyReason));
    return true;
}

void Session::open(const QString &path)
{
    // unreadable: details stay empty, capture goes on
    std::ignore = m_reader.open(
        path, isReadOnly() ? SessionStore::Access::ReadOnly : SessionStore::Access::ReadWrite);
    m_recentEvents.clear(); // sequence numbers start again in another session
    m_newerOnFile->cancel(); // rows of the session shown before never reach this one
    cancelSelection();
    m_comparison->cancel();
    m_proxy->setSessionPath(path);
    m_model->clear();
    loadExistingEvents();
    Q_EMIT opened(path);
}

void Session::clear()
{
    if (refuseWhenReadOnly(u"Not cleared"_s))
        return;
    m_loading->cancel();
    m_capture->clear();
    m_loadedFromFileUpTo = 0;
    m_recentEvents.clear();
    cancelSelection();
    m_comparison->cancel();
    m_model->clear();
    Q_EMIT cleared();
}

void Session::remove(const QList<qint64> &seqs)
{
    if (refuseWhenReadOnly(u"Not deleted"_s))
        return;
    m_capture->remove(seqs);
    m_model->removeSeqs(seqs);
    for (qint64 seq : seqs)
        m_recentEvents.remove(seq);
    Q_EMIT removed(seqs);
}

// Shows the events already in the session file (a reopened session), read in the background.
void Session::loadExistingEvents()
{
    const QString path = this->path();
    const auto access =
        isReadOnly() ? SessionStore::Access::ReadOnly : SessionStore::Access::ReadWrite;
    m_loadedFromFileUpTo = 0;
    auto load = [path, access](JobControl &control) {
        std::vector<EventSummary> summaries;
        SessionStore store;
        if (store.open(path, access))
            std::ignore = store.forEachSummary([&summaries, &control](EventSummary &&s) {
                summaries.push_back(std::move(s));
                return !control.isCancelled();
            });
        return summaries;
    };
    // A session opened again before this one was read supersedes it: its rows never show.
    m_loading->start(load, [this](std::vector<EventSummary> older) {
        // Live events may have arrived meanwhile; they are newer than anything on file.
        m_model->flush();
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (older.empty() || m_model->summaryAt(row).seq > older.back().seq)
                older.push_back(m_model->summaryAt(row));
        }
        // Batches stored while the file was read may still be queued to addBatch().
        m_loadedFromFileUpTo = older.empty() ? 0 : older.back().seq;
        const int events = int(older.size());
        m_model->replaceAll(std::move(older));
        Q_EMIT appended(events);
    });
}

// What the process writing a read-only session stored since it was read: its rows after the
// newest one shown, in the background; nothing while the first read still runs.
void Session::showNewerOnFile()
{
    if (!isReadOnly() || m_loading->isRunning() || m_newerOnFile->isRunning())
        return;
    using Newer = std::vector<std::pair<Event, EventSummary>>;
    auto read = [path = m_readOnlyPath, from = m_loadedFromFileUpTo + 1](JobControl &control) {
        Newer newer;
        SessionStore store;
        if (!store.open(path, SessionStore::Access::ReadOnly))
            return newer;
        EventScan scan;
        scan.fromSeq = from;
        scan.headers = true; // for the filter, as a captured event gives them
        scan.keepGoing = [&control](qint64) {
            return !control.isCancelled();
        };
        std::ignore = store.scanEvents(scan, [&newer](const Event &event, const EventSummary &s) {
            Event copy = event;
            copy.body = QByteArray(event.body.constData(), event.body.size()); // SQLite's row
            newer.emplace_back(std::move(copy), s);
            return true;
        });
        return newer;
    };
    m_newerOnFile->start(read, [this](Newer newer) {
        if (newer.empty())
            return;
        m_loadedFromFileUpTo = newer.back().first.seq;
        QList<EventSummary> summaries;
        for (const auto &[event, summary] : newer) {
            m_proxy->noteEvent(event, summary); // before its row arrives, as in addBatch()
            if (!summary.eventType.isEmpty() && !m_seenTypes.contains(summary.eventType))
                noteEventTypes({ summary.eventType });
            noteHeaderNames(event.headers);
            summaries.append(summary);
        }
        m_model->enqueue(summaries);
        Q_EMIT appended(int(summaries.size()));
    });
}

// The filter sees each event (noteEvent) before the table queues its row: the row must find the
// event's verdict already there when it arrives.
void Session::addBatch(const CapturedBatch &batch)
{
    if (isReadOnly())
        return; // stored in capture's session, not the one shown
    QList<EventSummary> summaries;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        if (batch.events.at(i).seq <= m_loadedFromFileUpTo)
            continue; // already shown: read from the file by loadExistingEvents()
        const EventSummary summary = EventSummary::from(batch.events.at(i), batch.analyses.at(i));
        m_proxy->noteEvent(batch.events.at(i), summary);
        summaries.append(summary);
        m_recentArrivals.push_back(now);
        noteHeaderNames(batch.events.at(i).headers);
        if (!summary.eventType.isEmpty() && !m_seenTypes.contains(summary.eventType))
            noteEventTypes({ summary.eventType });
    }
    m_model->enqueue(summaries);
    if (!summaries.isEmpty())
        Q_EMIT appended(int(summaries.size()));
}

void Session::setAnalyzer(std::shared_ptr<const Analyzer> analyzer)
{
    m_capture->setAnalyzer(std::move(analyzer));
    recheck();
}

QStringList Session::importSchema(const QString &path)
{
    SchemaRegistry registry = analyzer()->schemas();
    const ImportReport report = registry.importFile(path);
    if (!report.importedEvents.isEmpty()) {
        noteEventTypes(registry.eventTypes());
        setAnalyzer(analyzer()->withSchemas(registry));
    }
    return report.errors + report.warnings;
}

// A newer re-check (schemas or secrets changed again) supersedes a running one.
void Session::recheck()
{
    if (refuseWhenReadOnly(u"Not checked again"_s))
        return;
    m_recheck->start(
        [this, path = path(), analyzer = analyzer()](JobControl &job) {
            // onChunk runs on this Session's thread, and only while its tracker is alive.
            Reanalysis::run(job, path, *analyzer, [this](const QList<EventSummary> &chunk) {
                m_model->updateSummaries(chunk);
            });
        },
        [this] { Q_EMIT reanalysed(); });
}

// The tracker delivers only the newest selection's answer: a newer one, or none, supersedes it.
void Session::selectEvent(qint64 seq)
{
    std::optional<Event> cached;
    if (const Event *event = m_recentEvents.object(seq))
        cached = *event; // the body is shared, not copied
    m_selection->start(
        [path = path(), seq, cached = std::move(cached), analyzer = analyzer()](
            JobControl &control) { return loadEvent(control, path, seq, cached, *analyzer); },
        [this, seq](std::optional<LoadedEvent> loaded) {
            if (!loaded)
                return Q_EMIT eventMissing(seq);
            m_recentEvents.insert(seq, new Event(loaded->event));
            Q_EMIT eventReady(seq, *loaded);
        });
}

void Session::compare(qint64 leftSeq, qint64 rightSeq)
{
    m_comparison->start(
        [path = path(), leftSeq, rightSeq](JobControl &control) {
            return compareEvents(control, path, leftSeq, rightSeq);
        },
        [this](std::variant<EventComparison, qint64> result) {
            if (const qint64 *missing = std::get_if<qint64>(&result))
                return Q_EMIT comparisonFailed(*missing);
            Q_EMIT comparisonReady(std::get<EventComparison>(result));
        });
}

void Session::cancelSelection()
{
    m_selection->cancel();
}

void Session::noteEventTypes(const QStringList &types)
{
    for (const QString &type : types)
        m_seenTypes.insert(type);
    Q_EMIT eventTypesChanged(eventTypes());
}

QStringList Session::eventTypes() const
{
    QStringList sorted = m_seenTypes.values();
    sorted.sort();
    return sorted;
}

void Session::noteHeaderNames(const HeaderList &headers)
{
    bool added = false;
    for (const auto &header : headers) {
        const QString name = QString::fromLatin1(header.first);
        if (m_seenHeaders.size() < kMaxHeaderNames && !m_seenHeaders.contains(name)) {
            m_seenHeaders.insert(name);
            added = true;
        }
    }
    if (added)
        Q_EMIT headerNamesChanged(headerNames());
}

QStringList Session::headerNames() const
{
    QStringList sorted = m_seenHeaders.values();
    sorted.sort(Qt::CaseInsensitive);
    return sorted;
}

double Session::arrivalRate()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_recentArrivals.empty() && m_recentArrivals.front() < now - kRateWindowMs)
        m_recentArrivals.pop_front();
    return double(m_recentArrivals.size()) * 1000.0 / double(kRateWindowMs);
}

qsizetype Session::eventCount() const
{
    return m_model->rowCount() + m_model->pendingCount();
}
