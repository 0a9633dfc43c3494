// The first ten minutes in the window (issue 16, items 6 to 14), as a first-time user meets
// them: typed into the filter bar, clicked in the docks and the table, offscreen.
#include "baseurldialog.h"
#include "bodyview.h"
#include "capture/captureservice.h"
#include "columnchooser.h"
#include "copyactions.h"
#include "detailview.h"
#include "emptystate.h"
#include "event/violation.h"
#include "filterbar.h"
#include "findbar.h"
#include "loopbackcapture.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"
#include "replaydialog.h"
#include "session/session.h"
#include "settingsdialog.h"
#include "statsdocks.h"
#include "timeline/typecountsmodel.h"
#include "timelinewidget.h"
#include "typecountspanel.h"
#include "webhookclient.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestFirstMinutes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Qt's own file dialogs, which a test can type into (not a desktop portal's).
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    }
    void filterBarAppliesOnlyWhatWasChosen();
    void completionsAreSpacedAndNeverInsideARedExpression();
    void typeClickReplacesAnUnrelatedFilter();
    void detailAlwaysShowsTheSelectedRow();
    void deletingManyAsksFirst();
    void firstLaunchShowsTheImportantColumns_data();
    void firstLaunchShowsTheImportantColumns();
    void columnsNewerThanASavedHeaderStartHidden();
    void loadedFilesKeepTheirNamedTypeAndATime();
    void pauseAnswers503AndResumeReturnsToTheRules();
    void detailFindsTextInFieldsAndRaw();
    void smallThings();
    void copyAsAndReplayGoWhereTheRequestWent();
    void eventTypesDockListsATypeOnce();
    void fixtureFolderIsNotThePayloadFolder();

private:
    // Capture on a free loopback port, with the bundled Solaris catalog, into this test's folder.
    CaptureOptions optionsFor(const QString &sessionName) const;
    QTemporaryDir m_dir;
    WebhookClient m_webhooks;
};

namespace {
// The value of /n in the detail's Fields tab, or -1 when it shows no event.
int shownN(const MainWindow &window)
{
    const QModelIndex n = window.detailView()->fieldsModel()->indexOfPointer(u"/n"_s);
    return n.isValid() ? n.siblingAtColumn(JsonTreeModel::ValueColumn).data().toInt() : -1;
}

// The seq of the one selected row, or -1.
qint64 selectedSeq(const MainWindow &window)
{
    const QModelIndexList rows = window.tableView()->selectionModel()->selectedRows();
    return rows.size() == 1 ? rows.first().data(ModelRoles::SeqRole).toLongLong() : -1;
}

// Clicks a button of the next modal message box as soon as it opens (looking for two seconds).
void answerNextMessageBox(QMessageBox::StandardButton button, bool *asked, int tries = 40)
{
    QTimer::singleShot(50, qApp, [button, asked, tries] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return tries > 0 ? answerNextMessageBox(button, asked, tries - 1) : void();
        *asked = true;
        QTest::mouseClick(box->button(button), Qt::LeftButton);
    });
}

// Runs act on the next dialog of type T as soon as it shows (looking for five seconds); when
// none shows, closes whatever modal dialog there is, so that the test fails instead of hanging.
template<typename T> void onNextDialog(std::function<void(T *)> act, bool *done, int tries = 100)
{
    QTimer::singleShot(50, qApp, [act, done, tries] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            auto *dialog = qobject_cast<T *>(widget);
            if (dialog && dialog->isVisible()) {
                act(dialog);
                *done = true;
                // A dialog that refused what act did would wait forever: the test fails instead.
                QTimer::singleShot(3000, dialog, [dialog] {
                    if (dialog->isVisible())
                        dialog->reject();
                });
                return;
            }
        }
        if (tries > 0)
            return onNextDialog<T>(act, done, tries - 1);
        if (auto *modal = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
            modal->reject();
    });
}

// The window's action whose text (without '&') starts with text.
QAction *actionNamed(const QWidget &window, const QString &text)
{
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().remove(u'&').startsWith(text))
            return action;
    }
    return nullptr;
}

QAbstractItemView *popupOf(FilterBar *bar)
{
    return bar->findChild<QCompleter *>()->popup();
}
} // namespace

CaptureOptions TestFirstMinutes::optionsFor(const QString &sessionName) const
{
    return loopbackCaptureOptions(m_dir.filePath(sessionName));
}

// Item 6: Ctrl+F, Ctrl+A, Backspace and Enter clear the filter; they never apply the popup's
// first row ("event"), which hid every event of unknown type.
void TestFirstMinutes::filterBarAppliesOnlyWhatWasChosen()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"filterbar.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/identification"_s, R"({"n":1})"));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/other"_s, R"({"n":2})", ""));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10'000);

    FilterBar *bar = window.filterBar();
    QLineEdit *edit = bar->lineEdit();
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, u"json.n == 1"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(table->model()->rowCount(), 1);

    // What the user did: select all, delete, Enter.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QVERIFY(!popupOf(bar)->isVisible()); // an empty bar offers nothing to cover the table
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(edit->text(), QString());
    QTRY_COMPARE(table->model()->rowCount(), 2);

    // Typing opens the popup, but nothing in it is chosen until the user moves there.
    QTest::keyClicks(edit, u"ev"_s);
    QTRY_VERIFY(popupOf(bar)->isVisible());
    QVERIFY(bar->completions().contains(u"event"_s));
    QVERIFY(!popupOf(bar)->currentIndex().isValid());
    QTest::keyClick(popupOf(bar), Qt::Key_Return);
    QCOMPARE(edit->text(), u"ev"_s);

    // Escape empties the bar and closes the popup, at once.
    QTest::keyClicks(edit, u"e"_s);
    QTRY_VERIFY(popupOf(bar)->isVisible());
    QTest::keyClick(popupOf(bar), Qt::Key_Escape);
    QCOMPARE(edit->text(), QString());
    QVERIFY(!popupOf(bar)->isVisible());
    QTRY_COMPARE(table->model()->rowCount(), 2);

    // The clear button (ⓧ) opens no popup over the rows.
    QTest::keyClicks(edit, u"path"_s);
    QToolButton *clear = nullptr;
    for (QToolButton *button : edit->findChildren<QToolButton *>()) {
        if (button->isVisible())
            clear = button;
    }
    QVERIFY(clear);
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(edit->text(), QString());
    QVERIFY(!popupOf(bar)->isVisible());

    // Chosen with the keyboard, a completion is what is applied.
    edit->setFocus();
    QTest::keyClicks(edit, u"even"_s);
    QTRY_VERIFY(popupOf(bar)->isVisible());
    QTest::keyClick(popupOf(bar), Qt::Key_Down);
    QTest::keyClick(popupOf(bar), Qt::Key_Return);
    QCOMPARE(edit->text(), u"event"_s);
}

// Item 6: spaces around operators; nothing offered after a part that is already wrong; an
// unknown field names the nearest one.
void TestFirstMinutes::completionsAreSpacedAndNeverInsideARedExpression()
{
    FilterBar bar;
    bar.setEventTypes({ u"ACCOUNT_SNAPSHOT"_s, u"IDENTIFICATION"_s });
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QLineEdit *edit = bar.lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, u"event == \"ACC"_s);
    QCOMPARE(bar.completions(), QStringList { u"event == \"ACCOUNT_SNAPSHOT\""_s });
    QTest::keyClick(popupOf(&bar), Qt::Key_Down);
    QTest::keyClick(popupOf(&bar), Qt::Key_Return);
    QCOMPARE(edit->text(), u"event == \"ACCOUNT_SNAPSHOT\""_s);
    QTest::keyClicks(edit, u" "_s);
    QVERIFY2(bar.completions().contains(u"event == \"ACCOUNT_SNAPSHOT\" && "_s),
             qPrintable(bar.completions().join(u" | "_s)));
    QTest::keyClick(popupOf(&bar), Qt::Key_Down);
    QTest::keyClick(popupOf(&bar), Qt::Key_Return);
    QCOMPARE(edit->text(), u"event == \"ACCOUNT_SNAPSHOT\" && "_s);
    QCOMPARE(edit->cursorPosition(), edit->text().size());

    // Right after a token, the operator still gets its spaces.
    edit->clear();
    QTest::keyClicks(edit, u"status"_s);
    QTest::keyClicks(edit, u" "_s);
    QVERIFY2(bar.completions().contains(u"status == "_s),
             qPrintable(bar.completions().join(u" | "_s)));

    // A misspelt field: the bar says which one was meant and offers nothing after it.
    edit->clear();
    QTest::keyClicks(edit, u"evnt == \"X\" "_s);
    QVERIFY2(bar.completions().isEmpty(), qPrintable(bar.completions().join(u" | "_s)));
    QVERIFY(!popupOf(&bar)->isVisible());
    QTRY_VERIFY(!bar.errorText().isEmpty());
    QVERIFY2(bar.errorText().contains(u"unknown field 'evnt'; did you mean 'event'?"_s),
             qPrintable(bar.errorText()));
}

// Item 7: a click on a type sets or replaces the event term; it never narrows an unrelated
// filter to an empty table.
void TestFirstMinutes::typeClickReplacesAnUnrelatedFilter()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"types.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int n = 1; n <= 3; ++n)
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks"_s, R"({"n":1})",
                                n == 3 ? "ACCOUNT_SNAPSHOT" : "IDENTIFICATION"));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10'000);
    window.filterBar()->apply(u"seq == 1"_s);
    QTRY_COMPARE(table->model()->rowCount(), 1);

    TypeCountsPanel *panel = window.statsDocks()->typeCountsPanel();
    QTRY_VERIFY(panel->viewRowOfType(u"ACCOUNT_SNAPSHOT"_s) >= 0);
    const QModelIndex type =
        panel->view()->model()->index(panel->viewRowOfType(u"ACCOUNT_SNAPSHOT"_s), 0);
    QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, {},
                      panel->view()->visualRect(type).center());
    QCOMPARE(window.filterBar()->lineEdit()->text(), u"event == \"ACCOUNT_SNAPSHOT\""_s);
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, EventTableModel::SeqColumn).data().toLongLong(), 3);
}

// Item 8: after filtering, Ctrl+End and deleting, the detail shows the selected row or none.
void TestFirstMinutes::detailAlwaysShowsTheSelectedRow()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"detail.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int n = 1; n <= 4; ++n)
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/%1"_s.arg(n),
                                u"{\"n\":%1}"_s.arg(n).toUtf8()));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 4, 10'000);
    const auto clickRow = [table](int row) {
        const QRect cell = table->visualRect(table->model()->index(row, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    };
    clickRow(0);
    QTRY_COMPARE(shownN(window), 1);

    // Ctrl+End moves the focus to the last row without selecting it: the detail stays with
    // the selected row, and never shows one the table does not mark.
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(table->currentIndex().row(), 3);
    QCOMPARE(shownN(window), int(selectedSeq(window)));
    QTest::keyClick(table, Qt::Key_Space, Qt::ControlModifier); // now selected too
    QTRY_COMPARE(shownN(window), 4);

    // A filter that hides the selected row: the detail does not keep showing it.
    clickRow(0);
    QTRY_COMPARE(shownN(window), 1);
    window.filterBar()->apply(u"json.n >= 3"_s);
    QTRY_COMPARE(table->model()->rowCount(), 2);
    QTRY_COMPARE(shownN(window), int(selectedSeq(window)));
    QVERIFY(shownN(window) != 1);

    // A filter that matches nothing says so inside the table.
    window.filterBar()->apply(u"json.n == 99"_s);
    QTRY_COMPARE(table->model()->rowCount(), 0);
    const auto noMatchLabel = [table] {
        for (QLabel *label : table->viewport()->findChildren<QLabel *>()) {
            if (label->isVisible() && label->text().startsWith(u"No events match"_s))
                return label;
        }
        return static_cast<QLabel *>(nullptr);
    };
    QTRY_VERIFY(noMatchLabel());
    QCOMPARE(shownN(window), -1);
    window.filterBar()->apply(QString());
    QTRY_COMPARE(table->model()->rowCount(), 4);
    QTRY_VERIFY(!noMatchLabel());

    // Delete one row: the next one takes its place, selected and shown.
    clickRow(1);
    QTRY_COMPARE(shownN(window), 2);
    QTest::keyClick(table, Qt::Key_Delete);
    QTRY_COMPARE(table->model()->rowCount(), 3);
    QTRY_COMPARE(shownN(window), 3);
    QCOMPARE(selectedSeq(window), 3);
}

// Item 8: deleting more than one event asks first; Cancel keeps them.
void TestFirstMinutes::deletingManyAsksFirst()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"delete.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int n = 1; n <= 3; ++n)
        QVERIFY(
            m_webhooks.post(capture.listenUrl() + u"/hooks"_s, u"{\"n\":%1}"_s.arg(n).toUtf8()));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10'000);
    table->setFocus();
    table->selectAll();
    bool asked = false;
    answerNextMessageBox(QMessageBox::Cancel, &asked);
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(asked);
    QCOMPARE(table->model()->rowCount(), 3);

    asked = false;
    answerNextMessageBox(QMessageBox::Yes, &asked);
    // Which window is active once the box closed is the platform's choice.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(asked);
    QCOMPARE(table->model()->rowCount(), 0);
    QCOMPARE(shownN(window), -1);
}

void TestFirstMinutes::firstLaunchShowsTheImportantColumns_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("default size") << QSize(1200, 800);
    QTest::newRow("1280x800") << QSize(1280, 800);
}

// Item 9: at the default size and at 1280x800, beside the docks, the columns a user reads first
// show whole, a long type name is not cut, and the others wait in the header's chooser.
void TestFirstMinutes::firstLaunchShowsTheImportantColumns()
{
    QFETCH(QSize, size);
    QSettings().remove(u"window"_s); // a first launch: no header, docks or size saved
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"columns.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.resize(size);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks"_s, R"({"n":1})",
                            "ACTIVATION_CHALLENGE_CREATION",
                            { { "Solaris-Webhook-Attempt", "3" } }));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    QTRY_COMPARE(window.size(), size);
    QTest::qWait(100); // the layouts follow the new size
    QVERIFY(window.statsDocks()->typesDock()->isVisible());
    QHeaderView *header = table->horizontalHeader();
    const int visibleWidth = table->viewport()->width();
    for (int column : { EventTableModel::SeqColumn, EventTableModel::TimeColumn,
                        EventTableModel::MethodColumn, EventTableModel::PathColumn,
                        EventTableModel::EventTypeColumn, EventTableModel::StatusColumn,
                        EventTableModel::ValidityColumn, EventTableModel::SignatureColumn }) {
        const QString name = table->model()->headerData(column, Qt::Horizontal).toString();
        QVERIFY2(!header->isSectionHidden(column), qPrintable(name));
        const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
        QVERIFY2(right <= visibleWidth,
                 qPrintable(u"%1 ends at %2 of %3 px"_s.arg(name).arg(right).arg(visibleWidth)));
    }
    const QString type = u"ACTIVATION_CHALLENGE_CREATION"_s;
    QVERIFY(header->sectionSize(EventTableModel::EventTypeColumn)
            > table->fontMetrics().horizontalAdvance(type) + 8);
    // ...nor in the Event Types dock beside the table, where the errors count waits in its
    // header's chooser.
    QTableView *types = window.statsDocks()->typeCountsPanel()->view();
    const int typeWidth = types->horizontalHeader()->sectionSize(TypeCountsModel::TypeColumn);
    QVERIFY2(typeWidth >= types->fontMetrics().horizontalAdvance(type) + 6,
             qPrintable(u"%1 px for %2 px"_s.arg(typeWidth).arg(
                 types->fontMetrics().horizontalAdvance(type))));
    QVERIFY(types->horizontalHeader()->isSectionHidden(TypeCountsModel::ErrorsColumn));
    QVERIFY(types->horizontalHeader()->findChild<ColumnChooser *>());

    // Right-click on the header: the chooser adds the remote address, content type, attempt.
    const QList<int> waiting { EventTableModel::SizeColumn, EventTableModel::RemoteColumn,
                               EventTableModel::ClassificationColumn,
                               EventTableModel::ContentTypeColumn, EventTableModel::AttemptColumn };
    for (int column : waiting)
        QVERIFY(header->isSectionHidden(column));
    auto *chooser = header->findChild<ColumnChooser *>();
    QVERIFY(chooser);
    std::unique_ptr<QMenu> menu(chooser->createMenu());
    QStringList titles;
    for (QAction *action : menu->actions())
        titles.append(action->text());
    for (const QString &title :
         { u"Remote"_s, u"Size"_s, u"Classified by"_s, u"Content type"_s, u"Attempt"_s })
        QVERIFY2(titles.contains(title), qPrintable(titles.join(u", "_s)));
    for (int column : waiting) {
        menu->actions().at(column)->trigger();
        QVERIFY(!header->isSectionHidden(column));
        QVERIFY(header->sectionSize(column) > 0);
    }
    const auto cell = [table](int column) {
        return table->model()->index(0, column).data().toString();
    };
    QVERIFY(cell(EventTableModel::RemoteColumn).startsWith(u"127.0.0.1:"_s));
    QCOMPARE(cell(EventTableModel::ContentTypeColumn), u"application/json"_s);
    QCOMPARE(cell(EventTableModel::AttemptColumn), u"3"_s);
    for (int column : waiting)
        header->setSectionHidden(column, true); // what the next window restores
}

// Item 9: a header saved by an earlier Hookscope, which had no content type or attempt
// columns, keeps what the user chose and does not show the new columns (Qt would).
void TestFirstMinutes::columnsNewerThanASavedHeaderStartHidden()
{
    QStandardItemModel older(0, EventTableModel::ContentTypeColumn);
    QHeaderView saved(Qt::Horizontal);
    saved.setModel(&older);
    saved.setSectionHidden(EventTableModel::SizeColumn, true);
    QSettings().setValue(u"window/tableHeader"_s, saved.saveState());
    QSettings().remove(u"window/tableColumns"_s);
    {
        CaptureService capture;
        QCOMPARE(capture.start(optionsFor(u"oldheader.hookscope"_s)), std::nullopt);
        Session session(&capture);
        MainWindow window(&session);
        QHeaderView *header = window.tableView()->horizontalHeader();
        QVERIFY(!header->isSectionHidden(EventTableModel::RemoteColumn)); // shown, as saved
        QVERIFY(header->isSectionHidden(EventTableModel::SizeColumn));
        QVERIFY(header->isSectionHidden(EventTableModel::ContentTypeColumn));
        QVERIFY(header->isSectionHidden(EventTableModel::AttemptColumn));
    }
    QSettings().remove(u"window/tableHeader"_s);
}

// Item 10: a payload file named after its type is classified by that name, listed once, and
// gets the load time; the detail names the file and its own time.
void TestFirstMinutes::loadedFilesKeepTheirNamedTypeAndATime()
{
    QTemporaryDir files;
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    const QByteArray payload = seed.readAll();
    // Files from long ago: their own time must not become the rows' time.
    const QDateTime old = QDateTime::currentDateTime().addYears(-2);
    for (const QString &name : { u"IDENTIFICATION.json"_s, u"identification.json"_s }) {
        QFile file(files.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(payload);
        QVERIFY(file.flush());
        QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
    }
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"loaded.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/identification"_s, payload));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    window.loadFiles(
        { files.filePath(u"IDENTIFICATION.json"_s), files.filePath(u"identification.json"_s) });
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10'000);
    for (int row = 1; row < 3; ++row) {
        const QModelIndex type = table->model()->index(row, EventTableModel::EventTypeColumn);
        QCOMPARE(type.data().toString(), u"IDENTIFICATION"_s);
        QCOMPARE(type.data(Qt::ToolTipRole).toString(), u"classified by file name"_s);
        const qint64 at = table->model()
                              ->index(row, EventTableModel::TimeColumn)
                              .data(ModelRoles::SortRole)
                              .toLongLong();
        QVERIFY2(at >= before - 1000, qPrintable(QDateTime::fromMSecsSinceEpoch(at).toString()));
    }
    // One type, listed once with all three events; all three in the timeline.
    TypeCountsPanel *panel = window.statsDocks()->typeCountsPanel();
    QTRY_COMPARE(panel->view()->model()->rowCount(), 1);
    QTRY_COMPARE(window.statsDocks()->timelineWidget()->timeline().eventCount(), qint64(3));

    table->setFocus();
    table->selectRow(2);
    // The two files are loaded on a pool, so either may be row 2: whichever it is, the detail
    // names that file and its own time. Read again while QTRY waits: the detail shows the event
    // once Session has loaded it.
    const QRegularExpression fileAndTime(
        u"/(IDENTIFICATION|identification)\\.json \\(file modified %1"_s.arg(
            old.toString(u"yyyy-MM-dd"_s)));
    const auto namesFileTime = [&] {
        const QList<QLabel *> labels = window.detailView()->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *label) {
            return fileAndTime.match(label->text()).hasMatch();
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(namesFileTime(), 10'000);
}

// Item 12: paused, the port stays bound and answers 503 with Retry-After, each request recorded;
// resumed, the rules answer again.
void TestFirstMinutes::pauseAnswers503AndResumeReturnsToTheRules()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"pause.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const quint16 port = capture.port();
    QToolButton *pause = nullptr;
    for (QToolButton *button : window.statusBar()->findChildren<QToolButton *>()) {
        if (button->defaultAction() == window.pauseAction())
            pause = button;
    }
    QVERIFY(pause);
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(capture.isPaused());
    QVERIFY(window.pauseAction()->isChecked());
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
                        [](QLabel *label) { return label->text().startsWith(u"Paused"_s); }));

    QNetworkAccessManager network;
    const auto send = [&network, &capture] {
        QNetworkRequest request(QUrl(capture.listenUrl() + u"/hooks/identification"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        std::unique_ptr<QNetworkReply> reply(network.post(request, R"({"n":1})"_ba));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(10'000);
        return std::pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         reply->rawHeader("Retry-After"));
    };
    const auto [status, retryAfter] = send();
    QCOMPARE(status, 503);
    QVERIFY(retryAfter.toInt() > 0);
    QCOMPARE(capture.port(), port);
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    QCOMPARE(table->model()->index(0, EventTableModel::StatusColumn).data().toInt(), 503);

    // Capture ▸ Resume: the rules answer again (200 by default).
    window.pauseAction()->trigger();
    QVERIFY(!capture.isPaused());
    QCOMPARE(send().first, 200);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10'000);
    QCOMPARE(table->model()->index(1, EventTableModel::StatusColumn).data().toInt(), 200);
}

// Item 13: Ctrl+F inside the detail view finds text in Fields and in Raw, next and previous.
void TestFirstMinutes::detailFindsTextInFieldsAndRaw()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"find.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks"_s,
                            R"({"name":"alice","home":{"city":"Berlin"},"work":{"city":"Bern"}})"));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    table->setFocus();
    table->selectRow(0);
    DetailView *detail = window.detailView();
    QTRY_VERIFY(detail->fieldsModel()->rowCount() > 0);

    detail->fieldsView()->setFocus();
    QTest::keyClick(detail->fieldsView(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(detail->findBar()->isVisible());
    QVERIFY(!window.filterBar()->lineEdit()->hasFocus());
    QTest::keyClicks(detail->findBar()->lineEdit(), u"ber"_s);
    const auto currentPointer = [detail] {
        return detail->fieldsView()
            ->currentIndex()
            .siblingAtColumn(0)
            .data(ModelRoles::PointerRole)
            .toString();
    };
    QCOMPARE(currentPointer(), u"/home/city"_s);
    QTest::keyClick(detail->findBar()->lineEdit(), Qt::Key_Return);
    QCOMPARE(currentPointer(), u"/work/city"_s);
    QTest::keyClick(detail->findBar()->lineEdit(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(currentPointer(), u"/home/city"_s);
    QTest::keyClicks(detail->findBar()->lineEdit(), u"xyz"_s);
    QCOMPARE(detail->findBar()->statusLabel()->text(), u"not found"_s);

    // Raw: the same bar finds in the text.
    detail->tabs()->setCurrentWidget(detail->rawView());
    detail->findBar()->lineEdit()->clear();
    QTest::keyClicks(detail->findBar()->lineEdit(), u"bern"_s);
    QCOMPARE(detail->rawView()->textEdit()->textCursor().selectedText(), u"Bern"_s);
    QTest::keyClick(detail->findBar()->lineEdit(), Qt::Key_Escape);
    QVERIFY(!detail->findBar()->isVisible());
}

// Item 14: the smaller things a first-time user ran into.
void TestFirstMinutes::smallThings()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"small.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The empty state's curl command: one unwrapped line per option, the URL whole on its own.
    const QString label = window.emptyState()->textLabel()->text();
    QVERIFY2(label.contains(u"<span style='white-space:pre'>  %1/hooks/identification</span>"_s.arg(
                 capture.listenUrl())),
             qPrintable(label));

    // File ▸ Quit comes last.
    QMenu *file = window.menuBar()->actions().first()->menu();
    QCOMPARE(file->actions().last()->text(), u"&Quit"_s);

    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/identification"_s, R"({"n":1})"));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    table->setFocus();
    table->selectRow(0);

    // The row menu lists Copy As once.
    std::unique_ptr<QMenu> menu(window.createRowMenu());
    int copyAs = 0;
    for (QAction *action : menu->actions())
        copyAs += action->text().remove(u'&') == u"Copy As"_s;
    QCOMPARE(copyAs, 1);

    // Each copy is confirmed in the status bar.
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY2(window.statusBar()->currentMessage().startsWith(u"Copied 1 event as curl"_s),
                 qPrintable(window.statusBar()->currentMessage()));

    // The Response tab gives the reason phrase; the Replays tab's target column is readable.
    DetailView *detail = window.detailView();
    auto *response = qobject_cast<BodyView *>(detail->tabs()->widget(3));
    QVERIFY(response);
    QTRY_VERIFY2(response->shownText().startsWith(u"HTTP/1.1 200 OK\n"_s),
                 qPrintable(response->shownText().left(40)));
    QTreeWidget *replays = detail->deliveriesView();
    QVERIFY(replays->header()->sectionSize(2) >= replays->fontMetrics().horizontalAdvance(
                u"http://127.0.0.1:8080/hooks/identification"_s));

    // An invalid signature is tinted like an invalid schema.
    EventTableModel model;
    EventSummary forged;
    forged.seq = 1;
    forged.signature = SignatureState::Invalid;
    forged.bodyKind = BodyKind::Json;
    model.enqueue({ forged });
    model.flush();
    QCOMPARE(
        model.index(0, EventTableModel::SignatureColumn).data(ModelRoles::SeverityRole).toInt(),
        int(Severity::Error));
    QVERIFY(table->itemDelegateForColumn(EventTableModel::SignatureColumn)
            == table->itemDelegateForColumn(EventTableModel::ValidityColumn));

    // Settings shows the port in use when --port overrode the saved one, and says so.
    CaptureSettings saved;
    saved.port = 8080;
    SettingsDialog dialog(saved);
    dialog.setRunning(QHostAddress::LocalHost, 9000);
    QVERIFY(!dialog.runningNote()->isHidden());
    QVERIFY2(dialog.runningNote()->text().contains(u"127.0.0.1:9000"_s)
                 && dialog.runningNote()->text().contains(u"127.0.0.1:8080"_s)
                 && dialog.runningNote()->text().contains(u"--port"_s),
             qPrintable(dialog.runningNote()->text()));
    dialog.setRunning(QHostAddress::LocalHost, 8080);
    QVERIFY(dialog.runningNote()->isHidden());
}

// Item 2: copied commands and replays go where the request went; the Copy As field and the
// Replay dialog's target, typed into, send them elsewhere.
void TestFirstMinutes::copyAsAndReplayGoWhereTheRequestWent()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"sendto.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.copyActions()->setBaseUrl({});
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/identification?x=1"_s, R"({"n":1})"));
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(0, 0)).center());
    QCOMPARE(window.selectedSeqs().size(), 1);
    const QByteArray sentUrl = (capture.listenUrl() + u"/hooks/identification?x=1"_s).toUtf8();
    QVERIFY2(window.copyActions()
                 ->copyText(ExportFormat::Curl)
                 .contains(QByteArray("'" + sentUrl + "'")),
             window.copyActions()->copyText(ExportFormat::Curl).constData());

    // Copy As ▸ Commands Send To: the field shows where the request went; a bad URL cannot be
    // accepted; a typed one is where copies go from then on.
    QAction *sendTo = actionNamed(window, u"Commands Send To"_s);
    QVERIFY(sendTo);
    bool done = false;
    QString placeholder;
    bool acceptedBadUrl = true;
    onNextDialog<BaseUrlDialog>(
        [&](BaseUrlDialog *dialog) {
            placeholder = dialog->lineEdit()->placeholderText();
            QTest::keyClicks(dialog->lineEdit(), u"ftp://files.example"_s);
            QTest::keyClick(dialog->lineEdit(), Qt::Key_Return);
            acceptedBadUrl = !dialog->isVisible();
            dialog->lineEdit()->clear();
            QTest::keyClicks(dialog->lineEdit(), u"http://staging.example:9000"_s);
            QTest::keyClick(dialog->lineEdit(), Qt::Key_Return);
        },
        &done);
    sendTo->trigger();
    QVERIFY(done);
    QCOMPARE(placeholder, capture.listenUrl());
    QVERIFY(!acceptedBadUrl);
    QCOMPARE(window.copyActions()->baseUrl(), u"http://staging.example:9000"_s);
    for (ExportFormat format : { ExportFormat::Curl, ExportFormat::Httpie })
        QVERIFY2(window.copyActions()->copyText(format).contains(
                     "'http://staging.example:9000/hooks/identification?x=1'"),
                 window.copyActions()->copyText(format).constData());

    // Emptied, the field sends copies where each request went again.
    done = false;
    onNextDialog<BaseUrlDialog>(
        [](BaseUrlDialog *dialog) {
            QCOMPARE(dialog->lineEdit()->text(), u"http://staging.example:9000"_s);
            QTest::keyClick(dialog->lineEdit(), Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(dialog->lineEdit(), Qt::Key_Backspace);
            QTest::keyClick(dialog->lineEdit(), Qt::Key_Return);
        },
        &done);
    sendTo->trigger();
    QVERIFY(done);
    QVERIFY(window.copyActions()
                ->copyText(ExportFormat::Curl)
                .contains(QByteArray("'" + sentUrl + "'")));

    // Replay: the target starts where the request went; a typed one receives it, same path.
    QTcpServer receiver;
    QVERIFY(receiver.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&receiver, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = receiver.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&received, socket] {
            received += socket->readAll();
            if (received.endsWith("{\"n\":1}")) {
                socket->write("HTTP/1.1 204 No Content\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
    });
    QAction *replay = actionNamed(window, u"Replay Selected To"_s);
    QVERIFY(replay);
    QString startTarget;
    done = false;
    onNextDialog<ReplayDialog>(
        [&](ReplayDialog *dialog) {
            startTarget = dialog->targetEdit()->text();
            dialog->targetEdit()->clear();
            QTest::keyClicks(dialog->targetEdit(),
                             u"http://127.0.0.1:%1"_s.arg(receiver.serverPort()));
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                              Qt::LeftButton);
        },
        &done);
    replay->trigger();
    QVERIFY(done);
    QCOMPARE(startTarget, capture.listenUrl());
    QTRY_VERIFY_WITH_TIMEOUT(received.endsWith("{\"n\":1}"), 10'000);
    QVERIFY2(received.startsWith("POST /hooks/identification?x=1 HTTP/1.1\r\n"),
             received.left(60).constData());
    QVERIFY(received.contains(
        QByteArray("\r\nHost: 127.0.0.1:" + QByteArray::number(receiver.serverPort()) + "\r\n")));
}

// Item 10: a type said by a header, named by a file and only inferred from a body is one row
// of the Event Types dock, and its click shows all of its events.
void TestFirstMinutes::eventTypesDockListsATypeOnce()
{
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    const QByteArray payload = seed.readAll();
    QTemporaryDir files;
    for (const QString &name : { u"IDENTIFICATION.json"_s, u"payload.json"_s }) {
        QFile file(files.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(payload);
    }
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"typesonce.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks"_s, payload, "IDENTIFICATION"));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks"_s, payload, "")); // inferred
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10'000);
    window.loadFiles(
        { files.filePath(u"IDENTIFICATION.json"_s), files.filePath(u"payload.json"_s) });
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 4, 10'000);
    QStringList types;
    for (int row = 0; row < 4; ++row)
        types.append(
            table->model()->index(row, EventTableModel::EventTypeColumn).data().toString());
    QCOMPARE(types.count(u"IDENTIFICATION?"_s), 2); // the live one without a header, payload.json

    TypeCountsPanel *panel = window.statsDocks()->typeCountsPanel();
    QTRY_COMPARE(panel->view()->model()->rowCount(), 1);
    const QModelIndex type = panel->view()->model()->index(0, 0);
    QCOMPARE(type.data().toString(), u"IDENTIFICATION"_s);
    QCOMPARE(type.siblingAtColumn(TypeCountsModel::EventsColumn).data().toInt(), 4);
    QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, {},
                      panel->view()->visualRect(type).center());
    QCOMPARE(window.filterBar()->lineEdit()->text(),
             u"event in {\"IDENTIFICATION\" \"IDENTIFICATION?\"}"_s);
    QTest::qWait(400); // the filter bar's debounce
    QCOMPARE(table->model()->rowCount(), 4);
}

// Item 14: Save Selected as Fixtures starts in the folder fixtures went last, never in the one
// payloads were just opened from.
void TestFirstMinutes::fixtureFolderIsNotThePayloadFolder()
{
    QSettings().remove(u"export/fixtureFolder"_s);
    QTemporaryDir payloads, fixtures;
    QFile file(payloads.filePath(u"IDENTIFICATION.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"n":1})");
    file.close();
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"fixturefolder.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // File ▸ Open Payloads, in the payload folder.
    bool done = false;
    onNextDialog<QFileDialog>(
        [&](QFileDialog *dialog) {
            dialog->setDirectory(payloads.path());
            auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
            QVERIFY(name);
            name->setText(file.fileName());
            QMetaObject::invokeMethod(dialog, "accept"); // its OK button
        },
        &done);
    actionNamed(window, u"Open Payloads"_s)->trigger();
    QVERIFY(done);
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10'000);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(0, 0)).center());

    const auto saveFixturesStartsIn = [&](const QString &chosen) {
        QString start;
        bool opened = false;
        onNextDialog<QFileDialog>(
            [&](QFileDialog *dialog) {
                start = QDir(dialog->directory()).canonicalPath();
                if (chosen.isEmpty())
                    return dialog->reject();
                dialog->setDirectory(chosen);
                dialog->findChild<QLineEdit *>(u"fileNameEdit"_s)->clear(); // the folder itself
                QMetaObject::invokeMethod(dialog, "accept"); // its OK button
            },
            &opened);
        actionNamed(window, u"Save Selected as Fixtures"_s)->trigger();
        return opened ? start : u"(no dialog)"_s;
    };
    const QString first = saveFixturesStartsIn(fixtures.path());
    QVERIFY2(first != QDir(payloads.path()).canonicalPath(), qPrintable(first));
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(fixtures.path()).isEmpty(), 10'000); // the fixture was saved
    QCOMPARE(saveFixturesStartsIn({}), QDir(fixtures.path()).canonicalPath());
}

QTEST_MAIN(TestFirstMinutes)
#include "tst_firstminutes.moc"
