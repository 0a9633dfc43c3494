// StatsDocks on its own: a bare window, a table model, the SessionStats that counts it (as the
// Session does) and a filter bar, wired the way MainWindow wires them.
#include "filterbar.h"
#include "models/eventtablemodel.h"
#include "session/sessionstats.h"
#include "statsdocks.h"
#include "timeline/timelinefilter.h"
#include "timeline/typecountsmodel.h"
#include "timelinewidget.h"
#include "typecountspanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// 2026-11-22T10:00:00Z
constexpr qint64 kBase = 1'795'341'600'000;

EventSummary summary(qint64 seq, qint64 atMs, const QString &type, quint16 errors = 0)
{
    EventSummary s;
    s.seq = seq;
    s.receivedAtMs = atMs;
    s.method = u"POST"_s;
    s.target = u"/hooks/"_s + type;
    s.eventType = type;
    s.errorCount = errors;
    s.warningCount = errors ? 1 : 0;
    return s;
}

// Seqs from `firstSeq`, one a second: `count` events of `type`, every third one invalid.
QList<EventSummary> burst(qint64 firstSeq, int count, const QString &type)
{
    QList<EventSummary> out;
    for (int i = 0; i < count; ++i) {
        const qint64 seq = firstSeq + i;
        out.append(summary(seq, kBase + seq * 1000, type, seq % 3 == 0 ? 2 : 0));
    }
    return out;
}

struct Expected
{
    qint64 events = 0;
    qint64 invalid = 0;
    qint64 errors = 0;
};

Expected expectedFor(const QList<EventSummary> &rows, const QString &type)
{
    Expected e;
    for (const EventSummary &s : rows) {
        if (s.eventType != type)
            continue;
        ++e.events;
        e.invalid += s.verdict() == Verdict::Invalid ? 1 : 0;
        e.errors += s.errorCount;
    }
    return e;
}

void drag(QWidget *widget, int fromX, int toX)
{
    const int y = widget->height() / 2;
    QTest::mousePress(widget, Qt::LeftButton, {}, QPoint(fromX, y));
    QTest::mouseMove(widget, QPoint((fromX + toX) / 2, y));
    QTest::mouseRelease(widget, Qt::LeftButton, {}, QPoint(toX, y));
}
} // namespace

class TestStatsDocks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Counts are written with the user's digit grouping: fix it for the expected texts.
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    void docksAndMenuActions();
    void countsAppendedRows();
    void resetRecounts();
    void removalAndRecheckRecount();
    void eventTypeWritesFilterTerm_data();
    void eventTypeWritesFilterTerm();
    void timeRangeWritesFilterTerm();
    void editedTermsAreForgotten();
    void splitByTypeCountsAgainAndIsRemembered();
    void rowsAppendedDuringRecountCountOnce();
    void newerRecountSupersedesOlder_data();
    void newerRecountSupersedesOlder();

private:
    void append(const QList<EventSummary> &rows);
    void clickType(const QString &type);
    void compareCounts(const QList<EventSummary> &rows);

    QMainWindow *m_window = nullptr;
    EventTableModel *m_model = nullptr;
    FilterBar *m_filterBar = nullptr;
    SessionStats *m_counts = nullptr; // what the docks show, as Session owns it
    StatsDocks *m_stats = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestStatsDocks::init()
{
    m_window = new QMainWindow;
    m_model = new EventTableModel(m_window);
    m_filterBar = new FilterBar(m_window);
    m_window->setCentralWidget(m_filterBar);
    m_counts = new SessionStats(m_model); // outlives the window's views, as the Session does
    m_stats = new StatsDocks(m_counts, m_filterBar, m_window);
    m_tester = new QAbstractItemModelTester(m_stats->typeCountsModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest,
                                            m_window);
    m_window->resize(900, 600);
}

void TestStatsDocks::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_counts;
    m_counts = nullptr;
}

void TestStatsDocks::append(const QList<EventSummary> &rows)
{
    m_model->enqueue(rows);
    m_model->flush();
}

void TestStatsDocks::clickType(const QString &type)
{
    QTableView *view = m_stats->typeCountsPanel()->view();
    const int row = m_stats->typeCountsPanel()->viewRowOfType(type);
    QVERIFY(row >= 0);
    const QModelIndex index = view->model()->index(row, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

// The timeline and the type panel hold exactly the rows given, each counted once.
void TestStatsDocks::compareCounts(const QList<EventSummary> &rows)
{
    const RateTimeline &timeline = m_stats->timelineWidget()->timeline();
    QCOMPARE(timeline.eventCount(), qint64(rows.size()));
    const auto count = [&rows](Verdict verdict) {
        return quint32(std::count_if(rows.cbegin(), rows.cend(), [verdict](const EventSummary &s) {
            return s.verdict() == verdict;
        }));
    };
    QCOMPARE(timeline.total(),
             (RateCount { count(Verdict::Valid), count(Verdict::Invalid), count(Verdict::None) }));
    QSet<QString> types;
    for (const EventSummary &s : rows)
        types.insert(s.eventType);
    TypeCountsModel *model = m_stats->typeCountsModel();
    QCOMPARE(model->rowCount(), int(types.size()));
    for (const QString &type : types) {
        const int row = model->rowOfType(type);
        QVERIFY2(row >= 0, qPrintable(type));
        const Expected e = expectedFor(rows, type);
        const QModelIndex index = model->index(row, 0);
        QCOMPARE(
            index.siblingAtColumn(TypeCountsModel::EventsColumn).data(TypeCountsModel::SortRole),
            QVariant(e.events));
        QCOMPARE(
            index.siblingAtColumn(TypeCountsModel::InvalidColumn).data(TypeCountsModel::SortRole),
            QVariant(e.invalid));
        QCOMPARE(
            index.siblingAtColumn(TypeCountsModel::ErrorsColumn).data(TypeCountsModel::SortRole),
            QVariant(e.errors));
    }
}

void TestStatsDocks::docksAndMenuActions()
{
    QCOMPARE(m_stats->timelineDock()->objectName(), u"timelineDock"_s);
    QCOMPARE(m_stats->typesDock()->objectName(), u"typesDock"_s);
    QCOMPARE(m_stats->timelineDock()->widget(), m_stats->timelineWidget());
    QCOMPARE(m_stats->typesDock()->widget(), m_stats->typeCountsPanel());
    QCOMPARE(m_window->dockWidgetArea(m_stats->timelineDock()), Qt::TopDockWidgetArea);
    QCOMPARE(m_window->dockWidgetArea(m_stats->typesDock()), Qt::RightDockWidgetArea);

    QMenu view;
    m_stats->addMenuActions(&view);
    QStringList texts;
    for (QAction *action : view.actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    QCOMPARE(texts,
             (QStringList { u"&Timeline"_s, u"Event &Types"_s, u"Timeline &Split by Event Type"_s,
                            u"Timeline: Show &Whole Session"_s }));
    QAction *timeline = m_stats->timelineDock()->toggleViewAction();
    QAction *types = m_stats->typesDock()->toggleViewAction();
    QCOMPARE(timeline->shortcut(), QKeySequence(u"Ctrl+Shift+L"_s));
    QCOMPARE(types->shortcut(), QKeySequence(u"Ctrl+Shift+Y"_s));

    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QVERIFY(m_stats->typesDock()->isVisible());
    types->trigger();
    QVERIFY(!m_stats->typesDock()->isVisible());
    types->trigger();
    QVERIFY(m_stats->typesDock()->isVisible());

    // The split action and the chart agree whichever side changes.
    QAction *split = view.actions().at(3);
    split->trigger();
    QVERIFY(m_stats->timelineWidget()->splitByType());
    m_stats->timelineWidget()->setSplitByType(false);
    QVERIFY(!split->isChecked());
}

void TestStatsDocks::countsAppendedRows()
{
    QSignalSpy inserted(m_stats->typeCountsModel(), &QAbstractItemModel::rowsInserted);
    QList<EventSummary> rows = burst(1, 10, u"A"_s);
    append(rows);
    compareCounts(rows);
    QCOMPARE(inserted.size(), 1);

    // A second batch: one new type, A counted on.
    const QList<EventSummary> more = burst(11, 4, u"B"_s) + burst(15, 3, u"A"_s);
    append(more);
    rows += more;
    compareCounts(rows);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(m_stats->timelineWidget()->timeline().firstMs(), kBase + 1000);
    QCOMPARE(m_stats->timelineWidget()->timeline().lastMs(), kBase + 17'000);
    QCOMPARE(m_stats->typeCountsPanel()->totals()->text(), u"2 types, 17 events, 5 invalid"_s);
}

// A reopened session replaces the rows at once: everything is counted again, types that are
// gone leave the panel, and the panel's model is updated, never reset.
void TestStatsDocks::resetRecounts()
{
    append(burst(1, 5, u"OLD"_s) + burst(6, 5, u"A"_s));
    QSignalSpy resets(m_stats->typeCountsModel(), &QAbstractItemModel::modelReset);
    const QList<EventSummary> reopened = burst(1, 7, u"A"_s) + burst(8, 2, u"NEW"_s);
    m_model->replaceAll({ reopened.cbegin(), reopened.cend() });
    QTRY_COMPARE_WITH_TIMEOUT(m_stats->typeCountsModel()->rowOfType(u"OLD"_s), -1, 30'000);
    compareCounts(reopened);
    QCOMPARE(resets.size(), 0);

    m_model->clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_stats->typeCountsModel()->rowCount(), 0, 30'000);
    compareCounts({});
}

void TestStatsDocks::removalAndRecheckRecount()
{
    QList<EventSummary> rows = burst(1, 6, u"A"_s) + burst(7, 1, u"GONE"_s);
    append(rows);
    m_model->removeSeqs({ 2, 7 });
    rows.removeIf([](const EventSummary &s) { return s.seq == 2 || s.seq == 7; });
    QTRY_COMPARE_WITH_TIMEOUT(m_stats->typeCountsModel()->rowOfType(u"GONE"_s), -1, 30'000);
    compareCounts(rows);

    // A re-check found errors in every A event.
    QList<EventSummary> rechecked;
    for (EventSummary s : rows) {
        s.errorCount = 1;
        rechecked.append(s);
    }
    m_model->updateSummaries(rechecked);
    QTRY_COMPARE_WITH_TIMEOUT(m_stats->timelineWidget()->timeline().total().invalid,
                              quint32(rows.size()), 30'000);
    compareCounts(rechecked);
}

void TestStatsDocks::eventTypeWritesFilterTerm_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("after");
    QTest::newRow("empty bar") << QString() << u"A"_s << u"event == \"A\""_s;
    QTest::newRow("unknown type") << QString() << QString() << u"!event"_s;
    // An unrelated filter is replaced, never narrowed to an empty table (issue 16, item 7).
    QTest::newRow("replaces an unrelated filter")
        << u"seq == 44"_s << u"A"_s << u"event == \"A\""_s;
    QTest::newRow("replaces the user's event term")
        << u"event == \"B\" && json.status == \"failed\""_s << u"A"_s
        << u"event == \"A\" && json.status == \"failed\""_s;
}

void TestStatsDocks::eventTypeWritesFilterTerm()
{
    QFETCH(QString, before);
    QFETCH(QString, type);
    QFETCH(QString, after);
    append(burst(1, 3, u"A"_s) + burst(4, 2, u"B"_s) + burst(6, 1, QString()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QSignalSpy filters(m_filterBar, &FilterBar::filterChanged);
    m_filterBar->apply(before);
    clickType(type);
    QCOMPARE(m_filterBar->lineEdit()->text(), after);
    QVERIFY(m_filterBar->errorText().isEmpty());
    QCOMPARE(filters.size(), before.isEmpty() ? 1 : 2); // applied at once, not debounced

    // Another type replaces the one the panel wrote, keeping the rest.
    const QString other = type == u"A"_s ? u"B"_s : u"A"_s;
    clickType(other);
    QString replaced = after;
    replaced.replace(TimelineFilter::eventType(type), TimelineFilter::eventType(other));
    QCOMPARE(m_filterBar->lineEdit()->text(), replaced);
}

void TestStatsDocks::timeRangeWritesFilterTerm()
{
    TimelineWidget *timeline = m_stats->timelineWidget();
    const QString range = TimelineFilter::timeRange(kBase, kBase + 5000);
    Q_EMIT timeline->rangeSelected(kBase, kBase + 5000);
    QCOMPARE(m_filterBar->lineEdit()->text(), range);

    // A type joins it; a new range replaces it in place.
    append(burst(1, 3, u"A"_s));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    clickType(u"A"_s);
    QCOMPARE(m_filterBar->lineEdit()->text(), range + u" && event == \"A\""_s);
    const QString later = TimelineFilter::timeRange(kBase + 60'000, kBase + 120'000);
    Q_EMIT timeline->rangeSelected(kBase + 60'000, kBase + 120'000);
    QCOMPARE(m_filterBar->lineEdit()->text(), later + u" && event == \"A\""_s);

    // The whole session again: the range goes, the type stays.
    Q_EMIT timeline->rangeCleared();
    QCOMPARE(m_filterBar->lineEdit()->text(), u"event == \"A\""_s);
}

// A term the user edited away is forgotten: the chart drops its band, and the next range is
// joined to what the user wrote instead of replacing a term that is no longer there.
void TestStatsDocks::editedTermsAreForgotten()
{
    append(burst(1, 10, u"A"_s));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    TimelineWidget *timeline = m_stats->timelineWidget();
    timeline->showWholeSession();
    QVERIFY(timeline->width() > 200);
    drag(timeline, timeline->xOfTime(kBase + 2500), timeline->xOfTime(kBase + 6500));
    QVERIFY(timeline->selectionToMs() > timeline->selectionFromMs());
    const QString range =
        TimelineFilter::timeRange(timeline->selectionFromMs(), timeline->selectionToMs());
    QCOMPARE(m_filterBar->lineEdit()->text(), range);

    m_filterBar->apply(u"path contains \"A\""_s);
    QCOMPARE(timeline->selectionToMs(), timeline->selectionFromMs());
    Q_EMIT timeline->rangeCleared(); // nothing of ours left to take out
    QCOMPARE(m_filterBar->lineEdit()->text(), u"path contains \"A\""_s);
    clickType(u"A"_s);
    QCOMPARE(m_filterBar->lineEdit()->text(), u"event == \"A\""_s);
}

// Turning the split on counts every event again per type, at once; the choice is a setting.
void TestStatsDocks::splitByTypeCountsAgainAndIsRemembered()
{
    const QList<EventSummary> rows = burst(1, 6, u"A"_s) + burst(7, 4, u"B"_s);
    append(rows);
    TimelineWidget *timeline = m_stats->timelineWidget();
    timeline->setSplitByType(true);
    compareCounts(rows);
    const int typeB = int(timeline->timeline().types().indexOf(u"B"_s));
    const std::vector<RateCount> minute =
        timeline->timeline().typeBins(typeB, kBase, RateTimeline::kMinuteMs, 1);
    QCOMPARE(minute.front().total(), 4u);

    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"stats.ini"_s), QSettings::IniFormat);
    m_stats->saveSettings(settings);
    timeline->setSplitByType(false);
    m_stats->restoreSettings(settings);
    QVERIFY(timeline->splitByType());
    QCOMPARE(timeline->timeline().typeBins(typeB, kBase, RateTimeline::kMinuteMs, 1).front(),
             minute.front());
}

// Rows that arrive while a recount runs are neither lost when its counts replace the shown ones
// nor counted twice. The counts cannot be shown before control returns to the event loop, so
// the rows below always arrive "meanwhile".
void TestStatsDocks::rowsAppendedDuringRecountCountOnce()
{
    QList<EventSummary> rows = burst(1, 3000, u"A"_s);
    append(rows);
    m_counts->recount();
    QVERIFY(m_counts->isRecounting());
    const QList<EventSummary> more = burst(3001, 40, u"B"_s) + burst(3041, 10, u"A"_s);
    append(more);
    rows += more;
    compareCounts(rows); // the shown counts stay live while the recount runs
    QTRY_VERIFY_WITH_TIMEOUT(!m_counts->isRecounting(), 30'000);
    compareCounts(rows);
    QCOMPARE(m_stats->typeCountsPanel()->totals()->text(),
             u"2 types, 3,050 events, 1,016 invalid"_s);
}

void TestStatsDocks::newerRecountSupersedesOlder_data()
{
    QTest::addColumn<bool>("olderFinishedFirst");
    QTest::newRow("older still running") << false;
    QTest::newRow("older finished, not shown yet") << true;
}

// The rows change while a recount of the older rows runs, or after it finished but before its
// counts were shown: the older counts never appear, the newest do.
void TestStatsDocks::newerRecountSupersedesOlder()
{
    QFETCH(bool, olderFinishedFirst);
    QStringList typesShown;
    connect(m_stats->typeCountsModel(), &QAbstractItemModel::rowsInserted, this,
            [&](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    typesShown.append(m_stats->typeCountsModel()
                                          ->index(row, 0)
                                          .data(TypeCountsModel::EventTypeRole)
                                          .toString());
            });
    const QList<EventSummary> older = burst(1, 2000, u"OLDER"_s);
    m_model->replaceAll({ older.cbegin(), older.cend() });
    m_counts->recount();
    if (olderFinishedFirst)
        QThreadPool::globalInstance()->waitForDone(); // its counts wait in the event queue
    const QList<EventSummary> newer = burst(1, 1500, u"NEWER"_s) + burst(1501, 5, u"A"_s);
    m_model->replaceAll({ newer.cbegin(), newer.cend() });
    QVERIFY(m_counts->isRecounting());
    QTRY_VERIFY_WITH_TIMEOUT(!m_counts->isRecounting(), 30'000);
    compareCounts(newer);
    QVERIFY2(!typesShown.contains(u"OLDER"_s), qPrintable(typesShown.join(u", "_s)));
    QCOMPARE(typesShown.size(), 2);
}

QTEST_MAIN(TestStatsDocks)
#include "tst_statsdocks.moc"
