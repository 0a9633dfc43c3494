// Help ▸ Keyboard Shortcuts: built from the actions themselves, for a small window and for the
// real one, which must offer every shortcut issue #8 asks for.
#include "capture/captureservice.h"
#include "mainwindow.h"
#include "session/session.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestShortcutsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void withoutMnemonic_data();
    void withoutMnemonic();
    void entriesFollowTheMenus();
    void dialogListsAndSearches();
    void mainWindowHasEveryRequiredShortcut();

private:
    // File ▸ Open (Ctrl+O); Edit ▸ Copy As ▸ curl (Ctrl+Shift+C), Edit ▸ Paste (no shortcut);
    // View ▸ Next (J, only in the table), also placed in Edit.
    void buildWindow(QMainWindow &window);
    QTableView *m_table = nullptr;
};

void TestShortcutsDialog::withoutMnemonic_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("plain");
    QTest::newRow("plain") << u"Quit"_s << u"Quit"_s;
    QTest::newRow("first") << u"&File"_s << u"File"_s;
    QTest::newRow("middle") << u"Copy &As"_s << u"Copy As"_s;
    QTest::newRow("literal ampersand") << u"&Save && Quit"_s << u"Save & Quit"_s;
    QTest::newRow("trailing") << u"Odd&"_s << u"Odd&"_s;
    QTest::newRow("ellipsis kept") << u"Open &Payloads…"_s << u"Open Payloads…"_s;
}

void TestShortcutsDialog::withoutMnemonic()
{
    QFETCH(QString, text);
    QFETCH(QString, plain);
    QCOMPARE(ShortcutsDialog::withoutMnemonic(text), plain);
}

void TestShortcutsDialog::buildWindow(QMainWindow &window)
{
    m_table = new QTableView(&window);
    window.setCentralWidget(m_table);
    QMenu *file = window.menuBar()->addMenu(u"&File"_s);
    file->addAction(u"&Open…"_s, QKeySequence(Qt::CTRL | Qt::Key_O), [] {});
    QMenu *edit = window.menuBar()->addMenu(u"&Edit"_s);
    QMenu *copyAs = edit->addMenu(u"Copy &As"_s);
    copyAs->addAction(u"&curl"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [] {});
    edit->addAction(u"&Paste"_s);
    QMenu *view = window.menuBar()->addMenu(u"&View"_s);
    QAction *next = view->addAction(u"&Next Event"_s, QKeySequence(Qt::Key_J), [] {});
    next->setShortcuts({ QKeySequence(Qt::Key_J), QKeySequence(Qt::Key_Down | Qt::ALT) });
    next->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(next);
    edit->addAction(next); // in two menus: listed once, under the first found
    // Menus also sit in untitled popups (a context menu, the menu bar's overflow): not a path.
    auto *popup = new QMenu(&window);
    popup->addAction(view->menuAction());
    popup->addAction(next);
}

void TestShortcutsDialog::entriesFollowTheMenus()
{
    QMainWindow window;
    buildWindow(window);
    const QList<QAction *> actions = ShortcutsDialog::menuActions(window.menuBar());
    const QList<ShortcutEntry> entries = ShortcutsDialog::entries(actions);
    QCOMPARE(entries.size(), 3);

    QCOMPARE(entries.at(0).text, u"Open…"_s);
    QCOMPARE(entries.at(0).menuPath, u"File"_s);
    QCOMPARE(entries.at(0).keys,
             QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText));
    QCOMPARE(entries.at(0).where, u"Anywhere in the window"_s);

    QCOMPARE(entries.at(1).text, u"curl"_s);
    QCOMPARE(entries.at(1).menuPath, u"Edit ▸ Copy As"_s);
    QCOMPARE(entries.at(1).shortcut, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    QCOMPARE(entries.at(2).text, u"Next Event"_s);
    QCOMPARE(entries.at(2).menuPath, u"View"_s);
    QCOMPARE(entries.at(2).keys,
             QKeySequence(Qt::Key_J).toString(QKeySequence::NativeText) + u", "_s
                 + QKeySequence(Qt::ALT | Qt::Key_Down).toString(QKeySequence::NativeText));
    QCOMPARE(entries.at(2).where, u"When the table has focus"_s);
    m_table->setAccessibleName(u"event table"_s);
    QCOMPARE(ShortcutsDialog::entries(actions).at(2).where, u"When the event table has focus"_s);

    // A shortcut added later shows up the next time: nothing is cached.
    for (QAction *action : actions) {
        if (action->text() == u"&Paste"_s)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_V));
    }
    QCOMPARE(ShortcutsDialog::entries(ShortcutsDialog::menuActions(window.menuBar())).size(), 4);
}

void TestShortcutsDialog::dialogListsAndSearches()
{
    QMainWindow window;
    buildWindow(window);
    ShortcutsDialog dialog(ShortcutsDialog::menuActions(window.menuBar()), &window);
    QTreeWidget *view = dialog.view();
    QCOMPARE(view->topLevelItemCount(), 3);
    QCOMPARE(view->topLevelItem(1)->text(0), u"curl"_s);
    QCOMPARE(view->topLevelItem(1)->text(1),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C).toString(QKeySequence::NativeText));
    QCOMPARE(view->topLevelItem(1)->text(2), u"Edit ▸ Copy As"_s);

    const auto visibleRows = [view] {
        QStringList rows;
        for (int row = 0; row < view->topLevelItemCount(); ++row) {
            if (!view->topLevelItem(row)->isHidden())
                rows.append(view->topLevelItem(row)->text(0));
        }
        return rows;
    };
    QTest::keyClicks(dialog.searchField(), u"COPY"_s);
    QCOMPARE(visibleRows(), QStringList { u"curl"_s });
    dialog.searchField()->clear();
    QTest::keyClicks(dialog.searchField(), u"ctrl+o"_s);
    QCOMPARE(visibleRows(), QStringList { u"Open…"_s });
    dialog.searchField()->clear();
    QCOMPARE(visibleRows().size(), 3);
}

void TestShortcutsDialog::mainWindowHasEveryRequiredShortcut()
{
    QTemporaryDir dir;
    CaptureService capture;
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = dir.filePath(u"shortcuts.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    const QList<QAction *> actions = ShortcutsDialog::menuActions(window.menuBar());
    ShortcutsDialog dialog(actions, &window);
    QStringList listed;
    for (int row = 0; row < dialog.view()->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = dialog.view()->topLevelItem(row);
        listed.append(item->text(1).split(u", "_s));
        const QString menu = item->text(2);
        QVERIFY2(!menu.isEmpty() && !menu.startsWith(u' ') && !menu.contains(u"&"_s),
                 qPrintable(item->text(0) + u" in \""_s + menu + u'"'));
    }

    // Issue #8: Ctrl+F filter, Ctrl+Shift+C copy as, j/k move, Enter detail, Ctrl+R replay,
    // Delete remove.
    const QKeySequence required[] = {
        QKeySequence(Qt::CTRL | Qt::Key_F),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
        QKeySequence(Qt::Key_J),
        QKeySequence(Qt::Key_K),
        QKeySequence(Qt::Key_Return),
        QKeySequence(Qt::CTRL | Qt::Key_R),
        QKeySequence(Qt::Key_Delete),
        QKeySequence(Qt::CTRL | Qt::Key_D), // compare two events
        QKeySequence(Qt::Key_F1), // this list
        QKeySequence(Qt::CTRL | Qt::Key_Comma), // settings
    };
    for (const QKeySequence &keys : required) {
        const bool onAnAction = std::any_of(actions.cbegin(), actions.cend(), [&](QAction *a) {
            return a->shortcuts().contains(keys);
        });
        QVERIFY2(onAnAction, qPrintable(keys.toString() + u" is on no menu action"_s));
        QVERIFY2(listed.contains(keys.toString(QKeySequence::NativeText)),
                 qPrintable(keys.toString() + u" is not listed"_s));
    }
}

QTEST_MAIN(TestShortcutsDialog)
#include "tst_shortcutsdialog.moc"
