// The window as a user meets it: a request arrives, its row appears, selecting it shows fields.
#include "capture/captureservice.h"
#include "detailview.h"
#include "filterbar.h"
#include "mainwindow.h"
#include "models/eventtablemodel.h"
#include "models/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestAppearsAndShowsItsFields();
    void reopenedSessionShowsItsEvents();
    void typingAFilter();

private:
    void post(const QString &url, const QByteArray &body);
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
};

void TestMainWindow::post(const QString &url, const QByteArray &body)
{
    QNetworkRequest request { QUrl(url) };
    request.setRawHeader("Solaris-Webhook-Event-Type", "IDENTIFICATION");
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_network.post(request, body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    reply->deleteLater();
}

void TestMainWindow::requestAppearsAndShowsItsFields()
{
    CaptureService capture;
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(u"window.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    MainWindow window(&capture);
    QAbstractItemModelTester tester(window.tableView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    post(
        capture.listenUrl() + u"/hooks/identification"_s,
        R"({"id":"9dfe2f4edaa67138be0c0c1cd3a7d849cidt","status":"successful","metadata":{"iban":"DE1"}})");
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
    QVERIFY(window.detailView()->fieldsView()->isExpanded(iban.parent()));

    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    const bool showsAddress = std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *label) {
        return label->text().contains(capture.listenUrl());
    });
    QVERIFY(showsAddress);
    const bool showsCount = std::any_of(labels.cbegin(), labels.cend(), [](QLabel *label) {
        return label->text() == u"1 events"_s;
    });
    QVERIFY(showsCount);
}

void TestMainWindow::reopenedSessionShowsItsEvents()
{
    const QString session = m_dir.filePath(u"reopen.hookscope"_s);
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = session;
    {
        CaptureService capture;
        QCOMPARE(capture.start(options), std::nullopt);
        for (int i = 0; i < 3; ++i)
            post(capture.listenUrl() + u"/hooks/%1"_s.arg(i), R"({"a":1})");
    }
    CaptureService capture;
    QCOMPARE(capture.start(options), std::nullopt);
    MainWindow window(&capture);
    window.loadExistingEvents();
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 3, 10'000);
    post(capture.listenUrl() + u"/hooks/new"_s, R"({"a":2})");
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 4, 10'000);
    const QModelIndex last = window.tableView()->model()->index(3, EventTableModel::SeqColumn);
    QCOMPARE(last.data().toLongLong(), 4);
}

void TestMainWindow::typingAFilter()
{
    CaptureService capture;
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(u"filter.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    MainWindow window(&capture);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    post(capture.listenUrl() + u"/hooks/a"_s, R"({"status":"failed"})");
    post(capture.listenUrl() + u"/hooks/b"_s, R"({"status":"ok"})");
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 2, 10'000);

    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QLineEdit *edit = window.filterBar()->lineEdit();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, u"path == "_s);
    QTest::qWait(FilterBar::kDebounceMs + 100);
    QVERIFY2(window.filterBar()->errorText().contains(u"expected"_s),
             qPrintable(window.filterBar()->errorText()));
    QCOMPARE(window.tableView()->model()->rowCount(), 2); // an invalid expression changes nothing

    QTest::keyClicks(edit, u"\"/hooks/b\""_s);
    QTRY_COMPARE(window.tableView()->model()->rowCount(), 1);
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
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
