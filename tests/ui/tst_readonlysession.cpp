// File ▸ Open of a session another process writes: the window shows it read-only, says which
// process holds it, refuses everything that would write to it, and the file stays byte for byte
// as it was. The holder is the real `hookscope --headless` binary.
#include "capture/captureservice.h"
#include "detailview.h"
#include "hookscopeprocess.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "models/jsontreemodel.h"
#include "session/session.h"
#include "sessioncontroller.h"
#include "timebound.h"
#include "webhookclient.h"

#include <QAction>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestReadOnlySession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aSessionAnotherProcessWritesOpensReadOnly();

private:
    QString write(const QString &name, const QByteArray &bytes) const;
    QTemporaryDir m_dir;
    WebhookClient m_webhooks;
};

namespace {
// The session file and its WAL: what another reader must never change.
QByteArray checksum(const QString &session)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &path : QStringList { session, session + u"-wal"_s }) {
        QFile file(path);
        hash.addData(path.toUtf8());
        if (file.open(QIODevice::ReadOnly))
            hash.addData(file.readAll());
    }
    return hash.result().toHex();
}

QAction *menuAction(const MainWindow &window, const QString &text)
{
    const QList<QAction *> actions = window.menuBar()->findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->text().remove(u'&') == text)
            return action;
    }
    return nullptr;
}

bool visibleNoteSays(const MainWindow &window, const QString &text)
{
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->isVisible() && label->text().contains(text);
    });
}
} // namespace

void TestReadOnlySession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

QString TestReadOnlySession::write(const QString &name, const QByteArray &bytes) const
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

void TestReadOnlySession::aSessionAnotherProcessWritesOpensReadOnly()
{
    // Two events imported, then a holder capturing into the file stores a third.
    const QString held = m_dir.filePath(u"held.hookscope"_s);
    QProcess import;
    import.start(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                 { u"import"_s, u"--session"_s, held,
                   write(u"two.ndjson"_s, "{\"id\":\"a1\",\"n\":1}\n{\"id\":\"a2\",\"n\":2}\n") });
    QVERIFY(import.waitForFinished(60'000));
    QCOMPARE(import.exitCode(), 0);
    HookscopeProcess holder;
    const std::optional<QString> started = holder.start(held);
    QVERIFY2(!started, qPrintable(started.value_or(QString())));
    const QString holderUrl = u"http://127.0.0.1:%1"_s.arg(holder.port());
    QVERIFY(m_webhooks.post(holderUrl + u"/hooks/live"_s, R"({"id":"live","n":3})"));
    const QByteArray before = checksum(held);

    CaptureService capture;
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(u"mine.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy refused(&session, &Session::refused);

    // Opened read-only: every event shows, and the window says who holds the file.
    QVERIFY(window.sessions()->switchTo(held));
    QVERIFY(session.isReadOnly());
    const QString pid = QString::number(holder.pid());
    QVERIFY2(session.readOnlyReason().contains(u"process %1"_s.arg(pid)),
             qPrintable(session.readOnlyReason()));
    QVERIFY(window.windowTitle().contains(u"held.hookscope (read-only)"_s));
    QVERIFY(visibleNoteSays(window, u"process %1 is writing it"_s.arg(pid)));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 3, int(timeBound(10'000)));
    window.tableView()->selectRow(2);
    QTRY_VERIFY_WITH_TIMEOUT(window.detailView()->fieldsModel()->rowCount() > 0,
                             int(timeBound(10'000)));

    // Whatever would write is disabled, and refused when asked anyway.
    for (const QString &text : { u"Delete Events"_s, u"Clear Session…"_s, u"Replay Selected To…"_s,
                                 u"Open Payloads…"_s }) {
        QAction *action = menuAction(window, text);
        QVERIFY2(action, qPrintable(text));
        QVERIFY2(!action->isEnabled(), qPrintable(text));
    }
    session.remove({ 1 });
    session.clear();
    window.recheckSession();
    const QString schema = write(u"T.json"_s, R"({"title":"T","type":"object","required":["x"]})");
    session.importSchema(schema); // the schema is taken; the file is not re-checked
    QCOMPARE(refused.size(), 4);
    for (const QList<QVariant> &arguments : std::as_const(refused))
        QVERIFY(arguments.at(0).toString().contains(u"process %1"_s.arg(pid)));
    window.loadFiles({ m_dir.filePath(u"two.ndjson"_s) });
    QVERIFY(window.statusBar()->currentMessage().startsWith(u"Not loaded: "_s));

    // Capture goes on into the session it was writing, not into the one shown.
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/mine"_s, R"({"id":"mine"})"));
    QTest::qWait(300);
    QCOMPARE(window.tableView()->model()->rowCount(), 3);
    QCOMPARE(checksum(held), before);

    // The holder is unaffected and still writes its file; what it stores shows here too.
    QVERIFY(m_webhooks.post(holderUrl + u"/hooks/after"_s, R"({"id":"after"})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 4, int(timeBound(10'000)));
    const QModelIndex newest = window.tableView()->model()->index(3, EventTableModel::PathColumn);
    QCOMPARE(newest.data().toString(), u"/hooks/after"_s);

    // Back to the session capture writes: writable again, with the event it took meanwhile.
    QVERIFY(window.sessions()->switchTo(options.sessionPath));
    QVERIFY(!session.isReadOnly());
    QVERIFY(menuAction(window, u"Delete Events"_s)->isEnabled());
    QVERIFY(!window.windowTitle().contains(u"read-only"_s));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, int(timeBound(10'000)));
}

QTEST_MAIN(TestReadOnlySession)
#include "tst_readonlysession.moc"
