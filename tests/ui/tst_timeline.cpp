// The timeline and the per-type panel as a user meets them: a reopened session's events per
// second, a drag that filters the table to a time range, a click on a type, live capture.
#include "capture/captureservice.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "session/session.h"
#include "store/sessionstore.h"
#include "timeline/timelinefilter.h"
#include "timeline/typecountsmodel.h"
#include "timelinewidget.h"
#include "typecountspanel.h"
#include "webhookclient.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// 2026-11-22T10:00:00Z
constexpr qint64 kBase = 1'795'341'600'000;

struct Planned
{
    qint64 atMs;
    QString type;
    bool valid;
};

// Ten A events at 10:00:00…09, five B events at 10:01:00…04 (two invalid), one A at 10:05:00.
QList<Planned> plannedEvents()
{
    QList<Planned> events;
    for (int i = 0; i < 10; ++i)
        events.append({ kBase + i * 1000, u"A"_s, true });
    for (int i = 0; i < 5; ++i)
        events.append({ kBase + 60'000 + i * 1000, u"B"_s, i != 1 && i != 3 });
    events.append({ kBase + 300'000, u"A"_s, true });
    return events;
}

bool writeSession(const QString &path, const QList<Planned> &planned)
{
    SessionStore store;
    if (!store.open(path))
        return false;
    QList<Event> events;
    QList<EventAnalysis> analyses;
    for (const Planned &p : planned) {
        Event event;
        event.seq = events.size() + 1;
        event.receivedAtMs = p.atMs;
        event.method = "POST"_ba;
        event.target = "/hooks/"_ba + p.type.toLatin1();
        event.body = R"({"a":1})"_ba;
        EventAnalysis analysis;
        analysis.bodyKind = BodyKind::Json;
        analysis.eventType = p.type;
        analysis.classifiedBy = ClassifiedBy::Path;
        analysis.schemaChecked = true;
        if (!p.valid)
            analysis.violations.append({ u"/a"_s, u"type"_s, Severity::Error, u"bad"_s });
        events.append(event);
        analyses.append(analysis);
    }
    return store.append(events, analyses).ok();
}

qsizetype countIn(const QList<Planned> &planned, qint64 from, qint64 to, const QString &type = {})
{
    return std::count_if(planned.cbegin(), planned.cend(), [&](const Planned &p) {
        return p.atMs >= from && p.atMs < to && (type.isEmpty() || p.type == type);
    });
}

void drag(QWidget *widget, int fromX, int toX)
{
    const int y = widget->height() / 2;
    QTest::mousePress(widget, Qt::LeftButton, {}, QPoint(fromX, y));
    QTest::mouseMove(widget, QPoint((fromX + toX) / 2, y));
    QTest::mouseRelease(widget, Qt::LeftButton, {}, QPoint(toX, y));
}

void clickType(TypeCountsPanel *panel, const QString &type)
{
    QTableView *view = panel->view();
    const QModelIndex index = view->model()->index(panel->viewRowOfType(type), 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}
} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void dragAndClickFilterTheTable();
    void followsLiveCaptureAndDeletions();
    void viewMenuTogglesTheDocks();
    void docksAreRemembered();
    void keyboardZoomsAndPans();
    void paintsBinsInPaletteColours_data();
    void paintsBinsInPaletteColours();
    void legendNeverCoversTheNewestBars_data();
    void legendNeverCoversTheNewestBars();

private:
    CaptureOptions optionsFor(const QString &name) const;
    QTemporaryDir m_dir;
    WebhookClient m_webhooks;
};

CaptureOptions TestTimeline::optionsFor(const QString &name) const
{
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(name);
    return options;
}

void TestTimeline::dragAndClickFilterTheTable()
{
    const QList<Planned> planned = plannedEvents();
    const CaptureOptions options = optionsFor(u"timeline.hookscope"_s);
    QVERIFY(writeSession(options.sessionPath, planned));
    CaptureService capture;
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.statsDocks()->timelineDock()->show();
    window.statsDocks()->typesDock()->show();
    QAbstractItemModelTester tester(window.statsDocks()->typeCountsModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 16, 10'000);
    TimelineWidget *timeline = window.statsDocks()->timelineWidget();
    QTRY_COMPARE(timeline->timeline().eventCount(), qint64(16));
    QCOMPARE(timeline->timeline().total(), (RateCount { 14, 2 }));
    QTRY_COMPARE(timeline->viewFromMs(), kBase); // the whole session
    QVERIFY(timeline->viewToMs() > kBase + 300'000);

    // The type panel: most events first.
    TypeCountsPanel *panel = window.statsDocks()->typeCountsPanel();
    QCOMPARE(panel->view()->model()->rowCount(), 2);
    QCOMPARE(panel->viewRowOfType(u"A"_s), 0);
    const QModelIndex b = window.statsDocks()->typeCountsModel()->index(
        window.statsDocks()->typeCountsModel()->rowOfType(u"B"_s), 0);
    QCOMPARE(b.siblingAtColumn(TypeCountsModel::EventsColumn).data().toInt(), 5);
    QCOMPARE(b.siblingAtColumn(TypeCountsModel::InvalidColumn).data().toInt(), 2);
    QCOMPARE(panel->totals()->text(), u"2 types, 16 events, 2 invalid"_s);

    // Drag across the first burst: the filter bar gets the range, the table only its events.
    QVERIFY(timeline->width() > 200);
    drag(timeline, timeline->xOfTime(kBase + 500), timeline->xOfTime(kBase + 8'500));
    const qint64 from = timeline->selectionFromMs();
    const qint64 to = timeline->selectionToMs();
    QVERIFY(from <= kBase + 500 && to > kBase + 8'500);
    QVERIFY(to < kBase + 60'000);
    const QString range = TimelineFilter::timeRange(from, to);
    QLineEdit *edit = window.filterBar()->lineEdit();
    QCOMPARE(edit->text(), range);
    const qsizetype inRange = countIn(planned, from, to);
    QVERIFY(inRange >= 9 && inRange <= 10);
    QTRY_COMPARE(table->model()->rowCount(), int(inRange));
    // ...and the chart zooms to the range, a little room either side (issue 16, item 11).
    QVERIFY(!timeline->showsWholeSession());
    QVERIFY(timeline->viewFromMs() <= from && timeline->viewToMs() >= to);
    QVERIFY2(timeline->viewToMs() - timeline->viewFromMs() < (to - from) * 3 / 2,
             qPrintable(u"view %1 ms for a range of %2 ms"_s
                            .arg(timeline->viewToMs() - timeline->viewFromMs())
                            .arg(to - from)));
    timeline->showWholeSession();

    // A type joins the range; another type replaces it.
    clickType(panel, u"A"_s);
    QCOMPARE(edit->text(), range + u" && event == \"A\""_s);
    QTRY_COMPARE(table->model()->rowCount(), int(countIn(planned, from, to, u"A"_s)));
    clickType(panel, u"B"_s);
    QCOMPARE(edit->text(), range + u" && event == \"B\""_s);
    QTRY_COMPARE(table->model()->rowCount(), 0);

    // A click on one bar replaces the range with that bar's.
    QTest::mouseClick(timeline, Qt::LeftButton, {},
                      QPoint(timeline->xOfTime(kBase + 62'300), timeline->height() / 2));
    const qint64 barFrom = timeline->selectionFromMs();
    const qint64 barTo = timeline->selectionToMs();
    QCOMPARE(barTo - barFrom, timeline->binMs());
    QVERIFY(barFrom <= kBase + 62'300 && barTo > kBase + 62'300);
    QCOMPARE(edit->text(), TimelineFilter::timeRange(barFrom, barTo) + u" && event == \"B\""_s);
    QTRY_COMPARE(table->model()->rowCount(), int(countIn(planned, barFrom, barTo, u"B"_s)));
    QVERIFY(table->model()->rowCount() >= 1);

    // Zoomed in, a double-click shows everything again and drops the time range, keeping the
    // type.
    timeline->setView(kBase, kBase + 20'000);
    QVERIFY(!timeline->showsWholeSession());
    const QPoint middle = timeline->rect().center();
    QTest::mousePress(timeline, Qt::LeftButton, {}, middle);
    QTest::mouseRelease(timeline, Qt::LeftButton, {}, middle);
    QTest::mouseDClick(timeline, Qt::LeftButton, {}, middle);
    QVERIFY(timeline->showsWholeSession());
    QCOMPARE(timeline->viewFromMs(), kBase);
    QCOMPARE(edit->text(), u"event == \"B\""_s);
    QCOMPARE(timeline->selectionToMs(), timeline->selectionFromMs());
    QTRY_COMPARE(table->model()->rowCount(), 5);

    // Clearing the filter by hand drops the band too.
    drag(timeline, timeline->xOfTime(kBase + 500), timeline->xOfTime(kBase + 8'500));
    QVERIFY(timeline->selectionToMs() > timeline->selectionFromMs());
    window.filterBar()->apply(QString());
    QTRY_COMPARE(table->model()->rowCount(), 16);
    QCOMPARE(timeline->selectionToMs(), timeline->selectionFromMs());

    // Split by type counts every event again, per type.
    timeline->setSplitByType(true);
    QCOMPARE(timeline->timeline().eventCount(), qint64(16));
    const int typeB = int(timeline->timeline().types().indexOf(u"B"_s));
    const std::vector<RateCount> minute =
        timeline->timeline().typeBins(typeB, kBase + 60'000, RateTimeline::kMinuteMs, 1);
    QCOMPARE(minute.front(), (RateCount { 3, 2 }));
}

void TestTimeline::followsLiveCaptureAndDeletions()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"live.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.statsDocks()->timelineDock()->show();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TimelineWidget *timeline = window.statsDocks()->timelineWidget();
    QVERIFY(timeline->timeline().isEmpty());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 3; ++i) {
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/live"_s, R"({"n":1})"_ba,
                                i == 2 ? "OTHER" : "LIVE"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(timeline->timeline().eventCount(), qint64(3), 10'000);
    QVERIFY(timeline->timeline().firstMs() >= before);
    QTRY_VERIFY(timeline->viewToMs() > timeline->timeline().lastMs());
    TypeCountsModel *types = window.statsDocks()->typeCountsModel();
    QCOMPARE(types->rowCount(), 2);
    QCOMPARE(
        types->index(types->rowOfType(u"LIVE"_s), TypeCountsModel::EventsColumn).data().toInt(), 2);

    // Deleting the OTHER event counts everything again: its type leaves the panel.
    QTableView *table = window.tableView();
    QTRY_COMPARE(table->model()->rowCount(), 3);
    table->setFocus();
    table->selectRow(2);
    QTest::keyClick(table, Qt::Key_Delete);
    QTRY_COMPARE(timeline->timeline().eventCount(), qint64(2));
    QTRY_COMPARE(types->rowCount(), 1);
    QCOMPARE(types->rowOfType(u"OTHER"_s), -1);
}

void TestTimeline::viewMenuTogglesTheDocks()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"menu.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.statsDocks()->timelineDock()->show();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *toggle = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() != u"&View"_s)
            continue;
        for (QAction *action : menu->menu()->actions()) {
            if (action->text() == u"&Timeline"_s)
                toggle = action;
        }
    }
    QVERIFY(toggle);
    QVERIFY(toggle->isChecked());
    toggle->trigger();
    QVERIFY(!window.statsDocks()->timelineDock()->isVisible());
    toggle->trigger();
    QVERIFY(window.statsDocks()->timelineDock()->isVisible());
}

// The window remembers which docks were shown (and split by type) for the next start.
void TestTimeline::docksAreRemembered()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"remember.hookscope"_s)), std::nullopt);
    {
        Session session(&capture);
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.statsDocks()->typesDock()->show();
        window.statsDocks()->timelineDock()->hide();
        window.statsDocks()->timelineWidget()->setSplitByType(true);
    }
    {
        Session session(&capture);
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.statsDocks()->timelineDock()->isVisible());
        QVERIFY(window.statsDocks()->typesDock()->isVisible());
        QVERIFY(window.statsDocks()->timelineWidget()->splitByType());
        window.statsDocks()->timelineDock()->show();
        window.statsDocks()->timelineWidget()->setSplitByType(false);
    }
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.statsDocks()->timelineDock()->isVisible());
    QVERIFY(!window.statsDocks()->timelineWidget()->splitByType());
}

void TestTimeline::keyboardZoomsAndPans()
{
    RateTimeline counts;
    TimelineWidget widget;
    widget.setTimeline(&counts);
    widget.resize(600, 160);
    counts.add(kBase, Verdict::Valid, u"A"_s);
    counts.add(kBase + 3'600'000, Verdict::Valid, u"A"_s);
    widget.showWholeSession();
    QCOMPARE(widget.viewFromMs(), kBase);
    QCOMPARE(widget.viewToMs(), kBase + 3'601'000);
    QTest::keyClick(&widget, Qt::Key_Plus);
    QVERIFY(!widget.showsWholeSession());
    const qint64 span = widget.viewToMs() - widget.viewFromMs();
    QVERIFY(span > 1'790'000 && span < 1'810'000);
    const qint64 from = widget.viewFromMs();
    QTest::keyClick(&widget, Qt::Key_Left);
    QCOMPARE(widget.viewFromMs(), from - span / 5);
    QTest::keyClick(&widget, Qt::Key_Right);
    QCOMPARE(widget.viewFromMs(), from);
    QTest::keyClick(&widget, Qt::Key_Minus);
    QTest::keyClick(&widget, Qt::Key_Minus); // past the whole session: shows all of it
    QVERIFY(widget.showsWholeSession());
    QTest::keyClick(&widget, Qt::Key_Plus);
    QTest::keyClick(&widget, Qt::Key_Home);
    QVERIFY(widget.showsWholeSession());
    QCOMPARE(widget.viewFromMs(), kBase);
}

void TestTimeline::paintsBinsInPaletteColours_data()
{
    QTest::addColumn<QColor>("base");
    QTest::addColumn<QColor>("text");
    QTest::newRow("light") << QColor(255, 255, 255) << QColor(0, 0, 0);
    QTest::newRow("dark") << QColor(42, 42, 42) << QColor(255, 255, 255);
}

// What the chart draws: a stack of 3 valid and 1 invalid event in the first second, nothing in
// the sixth, on the palette's base.
void TestTimeline::paintsBinsInPaletteColours()
{
    QFETCH(QColor, base);
    QFETCH(QColor, text);
    RateTimeline counts;
    TimelineWidget widget;
    widget.setTimeline(&counts);
    QPalette palette = widget.palette();
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    widget.setPalette(palette);
    widget.resize(600, 160);
    for (int i = 0; i < 3; ++i)
        counts.add(kBase + 100 * i, Verdict::Valid, u"A"_s);
    counts.add(kBase + 900, Verdict::Invalid, u"A"_s);
    counts.add(kBase + 9'000, Verdict::Valid, u"A"_s);
    widget.setView(kBase, kBase + 10'000);
    QCOMPARE(widget.binMs(), RateTimeline::kSecondMs);
    const QImage image = widget.grab().toImage();
    const QRect plot = widget.plotRect();
    const int first = (widget.xOfTime(kBase) + widget.xOfTime(kBase + 1000)) / 2;
    const int sixth = (widget.xOfTime(kBase + 5000) + widget.xOfTime(kBase + 6000)) / 2;
    // The y axis tops at 5: three fifths valid, one fifth invalid above them.
    const int validY = plot.bottom() - plot.height() * 3 / 10;
    const int invalidY = plot.bottom() - plot.height() * 7 / 10;
    QCOMPARE(image.pixelColor(first, validY), TimelineWidget::validColor(palette));
    QCOMPARE(image.pixelColor(first, invalidY), TimelineWidget::invalidColor(palette));
    QCOMPARE(image.pixelColor(first, plot.top() + plot.height() / 10 + 1), base);
    QCOMPARE(image.pixelColor(sixth, plot.bottom() - 2), base);
    if (qEnvironmentVariableIsSet("HOOKSCOPE_SHOT_DIR"))
        image.save(qEnvironmentVariable("HOOKSCOPE_SHOT_DIR") + u"/timeline-"_s
                   + QString::fromLatin1(QTest::currentDataTag()) + u".png"_s);
}

void TestTimeline::legendNeverCoversTheNewestBars_data()
{
    QTest::addColumn<bool>("split");
    QTest::newRow("valid and invalid") << false;
    QTest::newRow("split by type") << true;
}

// The newest second is the busiest, so its bar reaches the top of the plot, right where a
// legend drawn inside the plot would sit: no pixel of it may be legend text.
void TestTimeline::legendNeverCoversTheNewestBars()
{
    QFETCH(bool, split);
    RateTimeline counts;
    TimelineWidget widget;
    widget.setTimeline(&counts);
    widget.resize(600, 160);
    counts.setSplitByType(split);
    counts.add(kBase, Verdict::Valid, u"A"_s);
    for (int i = 0; i < 5; ++i)
        counts.add(kBase + 9'000 + 100 * i, i % 2 == 0 ? Verdict::Valid : Verdict::Invalid,
                   u"TYPE_%1"_s.arg(i));
    widget.setView(kBase, kBase + 10'000);
    QCOMPARE(widget.binMs(), RateTimeline::kSecondMs);
    const QRect plot = widget.plotRect();
    QVERIFY(!widget.legendRect().isEmpty());
    QVERIFY(!widget.legendRect().intersects(plot));
    const QImage image = widget.grab().toImage();
    const QColor base = widget.palette().color(QPalette::Base);
    QSet<QRgb> bars { base.rgb() };
    for (int y = plot.bottom() - 2; y > plot.top(); y -= 2)
        bars.insert(
            image.pixel((widget.xOfTime(kBase + 9'000) + widget.xOfTime(kBase + 10'000)) / 2, y));
    QVERIFY2(bars.size() >= 2, "the newest bar is drawn");
    const int left = widget.xOfTime(kBase + 9'000) + 2;
    const int right = std::min(widget.xOfTime(kBase + 10'000), plot.right()) - 2;
    for (int y = plot.top(); y < plot.top() + widget.fontMetrics().height(); ++y) {
        for (int x = left; x < right; ++x)
            QVERIFY2(bars.contains(image.pixel(x, y)),
                     qPrintable(u"(%1, %2) is %3, not a bar's colour"_s.arg(x).arg(y).arg(
                         image.pixelColor(x, y).name())));
    }
}

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
