// The window as a user meets it: a request arrives, its row appears, selecting it shows fields.
#include "capture/captureservice.h"
#include "detailview.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "models/fieldordermodel.h"
#include "models/jsontreemodel.h"
#include "session/session.h"

#include "copyactions.h"
#include "emptystate.h"
#include "models/modelroles.h"
#include "payloadloader.h"
#include "session/deliverycontroller.h"
#include "sessioncontroller.h"
#include "store/sessionstore.h"
#include "webhookclient.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void requestAppearsAndShowsItsFields();
    void emptyStateKeyboardAndDelete();
    void switchingSessions();
    void violationsShowAndImportsRecheck();
    void newSecretRechecksSignatures();
    void loadPayloadsThenCopyAndExport();
    void replayIsKeptWithTheEvent();
    void completesHeaderNamesAndStopsAScan();
    void reopenedSessionShowsItsEvents();
    void typingAFilter();
    void restoredWindowFitsTheScreen();
    void changedLimitsApplyAtOnce();

private:
    enum class WithCatalog { No, Yes };
    // Capture on a free loopback port into a session file of this test's folder.
    CaptureOptions optionsFor(const QString &sessionName,
                              WithCatalog catalog = WithCatalog::No) const;
    QTemporaryDir m_dir;
    WebhookClient m_webhooks;
};

// The status bar's count of events.
QString countText(const MainWindow &window)
{
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->text().endsWith(u" event"_s) || label->text().endsWith(u" events"_s))
            return label->text();
    }
    return {};
}

CaptureOptions TestMainWindow::optionsFor(const QString &sessionName, WithCatalog catalog) const
{
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(sessionName);
    if (catalog == WithCatalog::Yes)
        options.analyzer = std::make_shared<Analyzer>(SchemaRegistry::withBundledCatalog());
    return options;
}

void TestMainWindow::requestAppearsAndShowsItsFields()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"window.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    QAbstractItemModelTester tester(window.tableView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(m_webhooks.post(
        capture.listenUrl() + u"/hooks/identification"_s,
        R"({"id":"9dfe2f4edaa67138be0c0c1cd3a7d849cidt","status":"successful","metadata":{"iban":"DE1"}})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    const QModelIndex row = window.tableView()->model()->index(0, EventTableModel::EventTypeColumn);
    QCOMPARE(row.data().toString(), u"IDENTIFICATION"_s);
    QCOMPARE(row.siblingAtColumn(EventTableModel::PathColumn).data().toString(),
             u"/hooks/identification"_s);

    const QRect cell = window.tableView()->visualRect(row);
    QTest::mouseClick(window.tableView()->viewport(), Qt::LeftButton, {}, cell.center());
    JsonTreeModel *fields = window.detailView()->fieldsModel();
    QTRY_COMPARE(fields->rowCount(), 3);
    const QModelIndex status = fields->indexOfPointer(u"/status"_s);
    QCOMPARE(status.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"successful"_s);
    const QModelIndex iban = fields->indexOfPointer(u"/metadata/iban"_s);
    QCOMPARE(iban.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"DE1"_s);
    QVERIFY(window.detailView()->fieldsView()->isExpanded(
        window.detailView()->fieldsOrder()->mapFromSource(iban.parent())));

    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    const bool showsAddress = std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *label) {
        return label->text().contains(capture.listenUrl());
    });
    QVERIFY(showsAddress);
    QCOMPARE(countText(window), u"1 event"_s);
}

void TestMainWindow::reopenedSessionShowsItsEvents()
{
    const CaptureOptions options = optionsFor(u"reopen.hookscope"_s);
    {
        CaptureService capture;
        QCOMPARE(capture.start(options), std::nullopt);
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/%1"_s.arg(i), R"({"a":1})"));
    }
    CaptureService capture;
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 3, 10'000);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/new"_s, R"({"a":2})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 4, 10'000);
    const QModelIndex last = window.tableView()->model()->index(3, EventTableModel::SeqColumn);
    QCOMPARE(last.data().toLongLong(), 4);
}

void TestMainWindow::typingAFilter()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"filter.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/a"_s, R"({"status":"failed"})"));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/b"_s, R"({"status":"ok"})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 2, 10'000);

    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QLineEdit *edit = window.filterBar()->lineEdit();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, u"path == "_s);
    QTest::qWait(FilterBar::kDebounceMs + 100);
    QVERIFY2(window.filterBar()->errorText().contains(u"expected"_s),
             qPrintable(window.filterBar()->errorText()));
    QCOMPARE(window.tableView()->model()->rowCount(), 2); // an invalid expression changes nothing

    QCOMPARE(countText(window), u"2 events"_s);
    QTest::keyClicks(edit, u"\"/hooks/b\""_s);
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 1);
    QTRY_COMPARE(countText(window), u"1 of 2 events"_s);
    QVERIFY(window.filterBar()->errorText().isEmpty());
    QCOMPARE(window.tableView()->model()->index(0, EventTableModel::PathColumn).data().toString(),
             u"/hooks/b"_s);

    edit->clear();
    QTest::keyClicks(edit, u"json.status == \"failed\""_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 1);
    QCOMPARE(window.tableView()->model()->index(0, EventTableModel::PathColumn).data().toString(),
             u"/hooks/a"_s);
    QCOMPARE(window.filterBar()->history().value(0), u"json.status == \"failed\""_s);

    // A filter that matches nothing says so, instead of only leaving the table empty.
    edit->clear();
    QTest::keyClicks(edit, u"json.status == \"gone\""_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 0);
    QTRY_COMPARE(countText(window), u"0 of 2 events"_s);
}

// Settings ▸ OK: changed limits apply to the running capture, on the same port; the address
// waits for the next start.
void TestMainWindow::changedLimitsApplyAtOnce()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"limits.hookscope"_s)), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    const quint16 port = capture.port();
    const CaptureSettings before;
    CaptureSettings after = before;
    after.limits.maxBodyBytes = 100;
    QCOMPARE(window.applySettings(before, after), u"Settings saved: the new limits apply now."_s);
    QCOMPARE(capture.limits().maxBodyBytes, 100);
    QCOMPARE(capture.port(), port);

    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/big"_s,
                            R"({"padding":")" + QByteArray(200, 'x') + R"("})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    const QModelIndex row = window.tableView()->model()->index(0, EventTableModel::StatusColumn);
    QCOMPARE(row.data().toString(), u"413"_s);

    CaptureSettings moved = after;
    moved.port = 9;
    QVERIFY(window.applySettings(after, moved).contains(u"next time"_s));
    QCOMPARE(capture.port(), port);
    QCOMPARE(capture.limits().maxBodyBytes, 100);
}

// Saved on a larger monitor, the window still opens whole on this screen.
void TestMainWindow::restoredWindowFitsTheScreen()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"fit.hookscope"_s)), std::nullopt);
    {
        Session largeSession(&capture);
        MainWindow large(&largeSession);
        large.setGeometry(0, 0, 5000, 4000); // saved when it closes
    }
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(available.contains(window.frameGeometry()),
             qPrintable(u"%1x%2 on a %3x%4 screen"_s.arg(window.frameGeometry().width())
                            .arg(window.frameGeometry().height())
                            .arg(available.width())
                            .arg(available.height())));
    window.resize(1200, 800); // what the next test's window restores
}

void TestMainWindow::emptyStateKeyboardAndDelete()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"keys.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.emptyState()->isVisible());
    QVERIFY(window.emptyState()->curlExample().contains(capture.listenUrl()));
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/%1"_s.arg(i), R"({"a":1})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 3, 10'000);
    QTRY_VERIFY(!window.emptyState()->isVisible());

    window.tableView()->setFocus();
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(0, 0));
    QTest::keyClick(window.tableView(), Qt::Key_J);
    QTest::keyClick(window.tableView(), Qt::Key_J);
    QCOMPARE(window.tableView()->currentIndex().row(), 2);
    QTest::keyClick(window.tableView(), Qt::Key_K);
    QCOMPARE(window.tableView()->currentIndex().row(), 1);
    window.tableView()->selectRow(1);
    QTest::keyClick(window.tableView(), Qt::Key_Delete);
    QCOMPARE(window.tableView()->model()->rowCount(), 2);
    SessionStore reader;
    QVERIFY(reader.open(options.sessionPath));
    QTRY_COMPARE(reader.count(), 2);
    QVERIFY(!reader.load(2));

    // In the filter bar the same keys type text.
    QLineEdit *edit = window.filterBar()->lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, u"jk"_s);
    QCOMPARE(edit->text(), u"jk"_s);
    QTest::keyClick(edit, Qt::Key_Home);
    QTest::keyClick(edit, Qt::Key_Delete);
    QCOMPARE(edit->text(), u"k"_s);
    QCOMPARE(window.tableView()->model()->rowCount(), 2);
}

void TestMainWindow::switchingSessions()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"first.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/first"_s, R"({"a":1})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    const QString port = capture.listenUrl();

    QVERIFY(window.sessions()->switchTo(m_dir.filePath(u"second.hookscope"_s)));
    QCOMPARE(capture.listenUrl(), port); // senders keep their address
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 0);
    QVERIFY(window.windowTitle().contains(u"second.hookscope"_s));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/second"_s, R"({"a":2})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);

    QVERIFY(window.sessions()->switchTo(options.sessionPath));
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 1);
    QCOMPARE(window.tableView()->model()->index(0, EventTableModel::PathColumn).data().toString(),
             u"/hooks/first"_s);
    QCOMPARE(window.sessions()->recentSessions().value(0), options.sessionPath);
}

void TestMainWindow::violationsShowAndImportsRecheck()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"schemas.hookscope"_s, WithCatalog::Yes);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/identification"_s, seed.readAll()));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    const QModelIndex validity =
        window.tableView()->model()->index(0, EventTableModel::ValidityColumn);
    QCOMPARE(validity.data().toString(), u"1 error"_s);
    QCOMPARE(validity.data(ModelRoles::SeverityRole).toInt(), int(Severity::Error));

    window.tableView()->setCurrentIndex(validity);
    JsonTreeModel *fields = window.detailView()->fieldsModel();
    QTRY_VERIFY(fields->indexOfPointer(u"/status"_s).isValid());
    const QModelIndex status = fields->indexOfPointer(u"/status"_s);
    QCOMPARE(status.data(ModelRoles::SeverityRole).toInt(), int(Severity::Error));
    QVERIFY2(status.siblingAtColumn(JsonTreeModel::MessageColumn)
                 .data()
                 .toString()
                 .contains(u"successful"_s),
             qPrintable(status.siblingAtColumn(JsonTreeModel::MessageColumn).data().toString()));

    // A user's schema for IDENTIFICATION that accepts "successful": the row turns valid.
    const QString schemaPath = m_dir.filePath(u"identification.schema.json"_s);
    QFile schema(schemaPath);
    QVERIFY(schema.open(QIODevice::WriteOnly));
    schema.write(
        R"({"title": "IDENTIFICATION", "type": "object", "properties": {"status": {"type": "string"}}})");
    schema.close();
    QCOMPARE(window.importSchema(schemaPath), QStringList());
    QTRY_COMPARE_WITH_TIMEOUT(validity.data().toString().contains(u"error"_s), false, 10'000);
}

void TestMainWindow::newSecretRechecksSignatures()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"secrets.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    const QByteArray body = R"({"id":"x"})";
    const QByteArray signatureHeader = "sha256="
        + QMessageAuthenticationCode::hash(body, "s3cret", QCryptographicHash::Sha256).toHex();
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/booking"_s, body, {},
                            { { "Solaris-Webhook-Signature", signatureHeader } }));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    const QModelIndex signature =
        window.tableView()->model()->index(0, EventTableModel::SignatureColumn);
    QCOMPARE(signature.data().toString(), u"no secret"_s);
    SecretSet secrets;
    secrets.add(u"solaris"_s, "s3cret");
    capture.setAnalyzer(capture.analyzer()->withVerifier(SignatureVerifier(secrets)));
    window.recheckSession();
    QTRY_COMPARE_WITH_TIMEOUT(signature.data().toString(), u"valid"_s, 10'000);
    SessionStore reader;
    QVERIFY(reader.open(options.sessionPath));
    QList<EventSummary> stored;
    std::ignore = reader.forEachSummary([&](EventSummary &&s) {
        stored.append(s);
        return true;
    });
    QCOMPARE(stored.value(0).signature, SignatureState::Valid);
}

void TestMainWindow::loadPayloadsThenCopyAndExport()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"load.hookscope"_s, WithCatalog::Yes);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    const QString folder = m_dir.filePath(u"payloads"_s);
    QVERIFY(QDir().mkpath(folder + u"/nested"_s));
    QFile::copy(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"),
                folder + u"/nested/identification.json"_s);
    QFile::copy(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/BENEFICIAL_OWNER.json"),
                folder + u"/owner.json"_s);
    QFile broken(folder + u"/broken.ndjson"_s);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"a\":1}\n{not json\n{\"b\":2}\n");
    broken.close();

    QSignalSpy finished(window.loader(), &PayloadLoader::finished);
    window.loadFiles({ folder });
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 4, 10'000);
    const QList<ImportError> errors = finished.at(0).at(1).value<QList<ImportError>>();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.at(0).file.endsWith(u"broken.ndjson"_s));
    QCOMPARE(errors.at(0).line, 2);
    QCOMPARE(window.tableView()->model()->index(0, EventTableModel::StatusColumn).data().toString(),
             u"loaded"_s);

    // Select the IDENTIFICATION payload and copy it.
    int identificationRow = -1;
    for (int row = 0; row < 4; ++row) {
        if (window.tableView()
                ->model()
                ->index(row, EventTableModel::EventTypeColumn)
                .data()
                .toString()
                .startsWith(u"IDENTIFICATION"_s))
            identificationRow = row;
    }
    QVERIFY(identificationRow >= 0);
    window.tableView()->selectRow(identificationRow);
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    const QByteArray seedBytes = seed.readAll();
    QCOMPARE(QJsonDocument::fromJson(window.copyActions()->copyText(ExportFormat::JsonBody)),
             QJsonDocument::fromJson(seedBytes));
    QVERIFY(window.copyActions()->copyText(ExportFormat::Curl).startsWith("curl "));
    // A loaded payload has no Host: commands go to this capture, unless Copy As names a URL.
    QVERIFY(window.copyActions()
                ->copyText(ExportFormat::Curl)
                .contains(QString(u"'"_s + capture.listenUrl() + u"/"_s).toUtf8()));
    window.copyActions()->setBaseUrl(u"http://override.example:9"_s);
    QVERIFY(window.copyActions()
                ->copyText(ExportFormat::Httpie)
                .contains("'http://override.example:9/"));
    window.copyActions()->setBaseUrl({});

    const QString har = m_dir.filePath(u"out.har"_s);
    QCOMPARE(window.copyActions()->exportTo(har, ExportFormat::Har, window.selectedSeqs()),
             QString());
    QFile harFile(har);
    QVERIFY(harFile.open(QIODevice::ReadOnly));
    const QJsonObject log =
        QJsonDocument::fromJson(harFile.readAll()).object().value(u"log"_s).toObject();
    QCOMPARE(log.value(u"entries"_s).toArray().size(), 1);

    const QString fixtures = m_dir.filePath(u"fixtures"_s);
    QVERIFY(QDir().mkpath(fixtures));
    QCOMPARE(window.copyActions()->saveFixtures(fixtures, window.selectedSeqs()), QStringList());
    const QStringList written = QDir(fixtures).entryList(QDir::Files);
    QCOMPARE(written.size(), 1);
    QVERIFY2(written.at(0).startsWith(u"IDENTIFICATION"_s), qPrintable(written.at(0)));
    const ImportBatch back = PayloadImporter::importFile(fixtures + u'/' + written.at(0));
    QCOMPARE(back.events.size(), 1);
    QCOMPARE(back.events.at(0).body, seedBytes);
}

void TestMainWindow::replayIsKeptWithTheEvent()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&target, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = target.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&received, socket] {
            received += socket->readAll();
            if (received.endsWith("replay me\"}")) {
                socket->write("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
                socket->disconnectFromHost();
            }
        });
    });
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"replay.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/replay"_s, R"({"note":"replay me"})"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    window.tableView()->selectRow(0);
    window.deliveries()->replay(window.selectedSeqs(),
                                QUrl(u"http://127.0.0.1:%1/"_s.arg(target.serverPort())));
    QTRY_COMPARE_WITH_TIMEOUT(window.detailView()->deliveriesView()->topLevelItemCount(), 1,
                              10'000);
    QVERIFY(received.startsWith("POST /hooks/replay HTTP/1.1\r\n"));
    QCOMPARE(window.detailView()->deliveriesView()->topLevelItem(0)->text(3), u"201 Created"_s);
}

void TestMainWindow::completesHeaderNamesAndStopsAScan()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"complete.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/a"_s,
                            R"({"a":1})")); // sends Solaris-Webhook-Event-Type
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    QLineEdit *edit = window.filterBar()->lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, u"header[Sol"_s);
    QVERIFY2(
        window.filterBar()->completions().contains(u"header[\"Solaris-Webhook-Event-Type\"]"_s),
        qPrintable(window.filterBar()->completions().join(u" | "_s)));

    // A filter that reads bodies, stopped by the user: every event shows again.
    window.filterBar()->apply(u"body contains \"a\""_s);
    window.filterBar()->setProgress(10);
    QVERIFY(window.filterBar()->stopButton()->isVisible());
    QTest::mouseClick(window.filterBar()->stopButton(), Qt::LeftButton);
    QCOMPARE(edit->text(), QString());
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
