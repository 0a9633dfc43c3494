// Session between a real capture and no window: what the window tests saw through the table
// (batches, reopen, delete, re-check) seen on Session's own models and signals, and selecting a
// large event off the GUI thread.
#include "capture/captureservice.h"
#include "models/eventtablemodel.h"
#include "session/session.h"
#include "store/sessionstore.h"
#include "webhookclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

class TestSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesAppendInOrderWithTypesAndHeaders();
    void reopenedSessionShowsItsEvents();
    void removeDeletesFromTableAndFile();
    void importedSchemaRechecksTheSession();
    void newestSelectionWins();
    void selectingLargeEventKeepsEventLoopTurning();

private:
    CaptureOptions optionsFor(const QString &sessionName) const;
    QTemporaryDir m_dir;
    WebhookClient m_webhooks;
};

namespace {
QStringList paths(const EventTableModel *model)
{
    QStringList shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown.append(model->summaryAt(row).target);
    return shown;
}

qint64 storedCount(const QString &path)
{
    SessionStore store;
    return store.open(path, SessionStore::Access::ReadOnly) ? store.count() : -1;
}
} // namespace

CaptureOptions TestSession::optionsFor(const QString &sessionName) const
{
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(sessionName);
    options.analyzer = std::make_shared<Analyzer>(SchemaRegistry::withBundledCatalog());
    return options;
}

void TestSession::batchesAppendInOrderWithTypesAndHeaders()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"batches.hookscope"_s)), std::nullopt);
    Session session(&capture);
    QSignalSpy appended(&session, &Session::appended);
    QSignalSpy headers(&session, &Session::headerNamesChanged);
    for (int n = 1; n <= 3; ++n)
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/%1"_s.arg(n), "{}", "MY_OWN_TYPE",
                                { { "X-Trace", "t" } }));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 3, 10'000);
    QCOMPARE(paths(session.model()), QStringList({ u"/hooks/1"_s, u"/hooks/2"_s, u"/hooks/3"_s }));
    QVERIFY(!appended.isEmpty());
    QVERIFY(session.eventTypes().contains(u"MY_OWN_TYPE"_s));
    QVERIFY(session.eventTypes().contains(u"IDENTIFICATION"_s)); // from the catalog
    QVERIFY(session.headerNames().contains(u"X-Trace"_s, Qt::CaseInsensitive));
    QVERIFY(!headers.isEmpty());
    QCOMPARE(session.eventCount(), 3);
    QVERIFY(session.arrivalRate() > 0);
}

void TestSession::reopenedSessionShowsItsEvents()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"first.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/first"_s, R"({"a":1})"));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 1, 10'000);

    QSignalSpy opened(&session, &Session::opened);
    const QString second = m_dir.filePath(u"second.hookscope"_s);
    QCOMPARE(session.switchTo(second), std::nullopt);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), second);
    QCOMPARE(session.path(), second);
    QTRY_COMPARE(session.model()->rowCount(), 0);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/second"_s, R"({"a":2})"));
    QTRY_COMPARE_WITH_TIMEOUT(paths(session.model()), QStringList { u"/hooks/second"_s }, 10'000);

    // Back to the first: its event comes from the file; one captured now follows it, once.
    QCOMPARE(session.switchTo(options.sessionPath), std::nullopt);
    QTRY_COMPARE(paths(session.model()), QStringList { u"/hooks/first"_s });
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/again"_s, R"({"a":3})"));
    QTRY_COMPARE_WITH_TIMEOUT(paths(session.model()),
                              QStringList({ u"/hooks/first"_s, u"/hooks/again"_s }), 10'000);
}

void TestSession::removeDeletesFromTableAndFile()
{
    CaptureService capture;
    const CaptureOptions options = optionsFor(u"remove.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    for (int n = 1; n <= 3; ++n)
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/%1"_s.arg(n), "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 3, 10'000);
    QSignalSpy removed(&session, &Session::removed);
    session.remove({ session.model()->summaryAt(1).seq });
    QCOMPARE(removed.size(), 1);
    QCOMPARE(paths(session.model()), QStringList({ u"/hooks/1"_s, u"/hooks/3"_s }));
    QTRY_COMPARE(storedCount(options.sessionPath), 2);

    QSignalSpy cleared(&session, &Session::cleared);
    session.clear();
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(session.model()->rowCount(), 0);
    QTRY_COMPARE(storedCount(options.sessionPath), 0);
}

void TestSession::importedSchemaRechecksTheSession()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"recheck.hookscope"_s)), std::nullopt);
    Session session(&capture);
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"));
    QVERIFY(seed.open(QIODevice::ReadOnly));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/identification"_s, seed.readAll()));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 1, 10'000);
    const QModelIndex validity = session.model()->index(0, EventTableModel::ValidityColumn);
    QCOMPARE(validity.data().toString(), u"1 error"_s);

    // A user's schema for IDENTIFICATION that accepts "successful": the row turns valid.
    const QString schemaPath = m_dir.filePath(u"identification.schema.json"_s);
    QFile schema(schemaPath);
    QVERIFY(schema.open(QIODevice::WriteOnly));
    schema.write(
        R"({"title": "IDENTIFICATION", "type": "object", "properties": {"status": {"type": "string"}}})");
    schema.close();
    QSignalSpy reanalysed(&session, &Session::reanalysed);
    QCOMPARE(session.importSchema(schemaPath), QStringList());
    QVERIFY(reanalysed.wait(10'000));
    QVERIFY(!validity.data().toString().contains(u"error"_s));
    QCOMPARE(session.analyzer(), capture.analyzer()); // what capture analyses new events with
}

void TestSession::newestSelectionWins()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"select.hookscope"_s)), std::nullopt);
    Session session(&capture);
    for (int n = 1; n <= 2; ++n)
        QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/%1"_s.arg(n),
                                u"{\"n\":%1}"_s.arg(n).toUtf8()));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 2, 10'000);
    const qint64 first = session.model()->summaryAt(0).seq;
    const qint64 second = session.model()->summaryAt(1).seq;

    QSignalSpy ready(&session, &Session::eventReady);
    session.selectEvent(first);
    session.selectEvent(second);
    QVERIFY(ready.wait(10'000));
    QTest::qWait(200); // an answer to the first request would have come by now too
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toLongLong(), second);
    const auto loaded = ready.at(0).at(1).value<LoadedEvent>();
    QCOMPARE(loaded.event.body, QByteArray(R"({"n":2})"));
    QCOMPARE(loaded.body.kind, BodyKind::Json);

    // Nothing selected any more: the pending answer is dropped.
    session.selectEvent(first);
    session.cancelSelection();
    QTest::qWait(300);
    QCOMPARE(ready.size(), 1);

    QSignalSpy missing(&session, &Session::eventMissing);
    session.selectEvent(9999);
    QVERIFY(missing.wait(10'000));
    QCOMPARE(missing.at(0).at(0).toLongLong(), 9999);
}

// The event loop keeps turning while a 10 MiB event is read, parsed and analysed: a 5 ms timer's
// largest gap stays small, and a fraction of the time the selection took, which it would reach if
// the work ran on this thread.
void TestSession::selectingLargeEventKeepsEventLoopTurning()
{
    CaptureService capture;
    CaptureOptions options = optionsFor(u"large.hookscope"_s);
    options.limits.maxBodyBytes = 16 * 1024 * 1024;
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    QByteArray body = "[";
    while (body.size() < 10 * 1024 * 1024)
        body += R"({"id":"9dfe2f4edaa67138","amount":{"value":1234,"unit":"cents"},"ok":true},)";
    body.back() = ']';
    Event event;
    event.method = "POST";
    event.target = "/hooks/large";
    event.headers = { { "Content-Type", "application/json" } };
    event.body = body;
    event.origin = Origin::Loaded;
    capture.addLoaded({ event });
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 1, 30'000);

    QElapsedTimer sinceTick;
    qint64 longestGapMs = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this,
            [&] { longestGapMs = std::max(longestGapMs, sinceTick.restart()); });
    QSignalSpy ready(&session, &Session::eventReady);
    QElapsedTimer selecting;
    selecting.start();
    sinceTick.start();
    ticker.start(5);
    session.selectEvent(session.model()->summaryAt(0).seq);
    QVERIFY(ready.wait(60'000));
    const qint64 selectionMs = selecting.elapsed();
    ticker.stop();
    longestGapMs = std::max(longestGapMs, sinceTick.elapsed());
    qInfo("selecting a %lld-byte event took %lld ms; the event loop's longest gap: %lld ms",
          qint64(body.size()), selectionMs, longestGapMs);
    QCOMPARE(ready.at(0).at(1).value<LoadedEvent>().event.body.size(), body.size());
    // Generous: the machine may be busy with other work (a loaded CI runner stalls any thread).
    QVERIFY2(longestGapMs < 300, qPrintable(QString::number(longestGapMs)));
    QVERIFY2(longestGapMs * 4 < selectionMs,
             qPrintable(u"gap %1 ms, selection %2 ms"_s.arg(longestGapMs).arg(selectionMs)));
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
