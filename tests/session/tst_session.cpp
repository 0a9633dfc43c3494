// Session between a real capture and no window: what the window tests saw through the table
// and the docks (batches, reopen, delete, re-check, the counts, export) seen on Session's own
// models and signals, and selecting or comparing events off the GUI thread.
#include "capture/captureservice.h"
#include "exporting/selectionexport.h"
#include "largeevent.h"
#include "loopbackcapture.h"
#include "models/eventtablemodel.h"
#include "session/session.h"
#include "session/sessionstats.h"
#include "store/sessionstore.h"
#include "timeline/typecountsmodel.h"
#include "webhookclient.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
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
    void statsCountBatchesDeletionsAndRechecks();
    void compareReadsAndDiffsInTheBackground();
    void exportGivesWhatTheCommandGives_data();
    void exportGivesWhatTheCommandGives();

private:
    CaptureOptions optionsFor(const QString &sessionName) const;
    // A user's schema for IDENTIFICATION that accepts the seed's "successful" status.
    QString lenientIdentificationSchema();
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

QByteArray identificationSeed()
{
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/IDENTIFICATION.json"));
    return seed.open(QIODevice::ReadOnly) ? seed.readAll() : QByteArray();
}

// The table's rows counted here, by verdict, to hold the session's own counts against.
RateCount verdictsIn(const EventTableModel *model)
{
    RateCount count;
    for (int row = 0; row < model->rowCount(); ++row) {
        switch (model->summaryAt(row).verdict()) {
        case Verdict::Valid:
            ++count.valid;
            break;
        case Verdict::Invalid:
            ++count.invalid;
            break;
        case Verdict::None:
            ++count.unchecked;
            break;
        }
    }
    return count;
}

// "TYPE events/invalid" for each row of the per-type counts, in their order.
QStringList tallies(const SessionStats *stats)
{
    QStringList rows;
    for (const TypeCounts::Tally &tally : stats->typeCounts()->counts().tallies())
        rows.append(u"%1 %2/%3"_s.arg(tally.name()).arg(tally.events).arg(tally.invalid));
    return rows;
}
} // namespace

CaptureOptions TestSession::optionsFor(const QString &sessionName) const
{
    return loopbackCaptureOptions(m_dir.filePath(sessionName));
}

QString TestSession::lenientIdentificationSchema()
{
    const QString schemaPath = m_dir.filePath(u"identification.schema.json"_s);
    QFile schema(schemaPath);
    if (schema.open(QIODevice::WriteOnly))
        schema.write(
            R"({"title": "IDENTIFICATION", "type": "object", "properties": {"status": {"type": "string"}}})");
    return schemaPath;
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
    QVERIFY(
        m_webhooks.post(capture.listenUrl() + u"/hooks/identification"_s, identificationSeed()));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 1, 10'000);
    const QModelIndex validity = session.model()->index(0, EventTableModel::ValidityColumn);
    QCOMPARE(validity.data().toString(), u"1 error"_s);

    // A user's schema for IDENTIFICATION that accepts "successful": the row turns valid.
    QSignalSpy reanalysed(&session, &Session::reanalysed);
    QCOMPARE(session.importSchema(lenientIdentificationSchema()), QStringList());
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
    const Event large = largeJsonEvent("/hooks/large", 10 * 1024 * 1024);
    const QByteArray &body = large.body;
    capture.addLoaded({ large });
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

// What the statistics docks show, counted by the session from a real capture: by verdict on the
// timeline and by type, after batches, after a deletion and after a re-check turned rows valid.
void TestSession::statsCountBatchesDeletionsAndRechecks()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"stats.hookscope"_s)), std::nullopt);
    Session session(&capture);
    const SessionStats *stats = session.stats();
    QAbstractItemModelTester tester(stats->typeCounts(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int n = 1; n <= 2; ++n) // the seed breaks the catalog's schema: one error each
        QVERIFY(
            m_webhooks.post(capture.listenUrl() + u"/hooks/id%1"_s.arg(n), identificationSeed()));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/own"_s, "{}", "MY_OWN_TYPE"));
    QTRY_COMPARE_WITH_TIMEOUT(stats->timeline().eventCount(), qint64(3), 10'000);
    QCOMPARE(stats->timeline().total(), (RateCount { 0, 2, 1 }));
    QCOMPARE(stats->timeline().total(), verdictsIn(session.model()));
    QCOMPARE(tallies(stats), QStringList({ u"IDENTIFICATION 2/2"_s, u"MY_OWN_TYPE 1/0"_s }));

    int identification = 0;
    while (session.model()->summaryAt(identification).eventType != u"IDENTIFICATION"_s)
        ++identification;
    session.remove({ session.model()->summaryAt(identification).seq });
    QTRY_COMPARE_WITH_TIMEOUT(stats->timeline().eventCount(), qint64(2), 30'000);
    QTRY_VERIFY_WITH_TIMEOUT(!stats->isRecounting(), 30'000);
    QCOMPARE(stats->timeline().total(), (RateCount { 0, 1, 1 }));
    QCOMPARE(tallies(stats), QStringList({ u"IDENTIFICATION 1/1"_s, u"MY_OWN_TYPE 1/0"_s }));

    QSignalSpy reanalysed(&session, &Session::reanalysed);
    QCOMPARE(session.importSchema(lenientIdentificationSchema()), QStringList());
    QVERIFY(reanalysed.wait(30'000));
    QTRY_COMPARE_WITH_TIMEOUT(stats->timeline().total(), (RateCount { 1, 0, 1 }), 30'000);
    QTRY_VERIFY_WITH_TIMEOUT(!stats->isRecounting(), 30'000);
    QCOMPARE(stats->timeline().total(), verdictsIn(session.model()));
    QCOMPARE(tallies(stats), QStringList({ u"IDENTIFICATION 1/0"_s, u"MY_OWN_TYPE 1/0"_s }));

    // Events arriving now are counted on top, once.
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/id3"_s, identificationSeed()));
    QTRY_COMPARE_WITH_TIMEOUT(stats->timeline().total(), (RateCount { 2, 0, 1 }), 10'000);
    QCOMPARE(tallies(stats), QStringList({ u"IDENTIFICATION 2/0"_s, u"MY_OWN_TYPE 1/0"_s }));
}

// Compare's two events are read and diffed by the session, never inside compare(); the newest
// request wins, and an event not in the file is named.
void TestSession::compareReadsAndDiffsInTheBackground()
{
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"compare.hookscope"_s)), std::nullopt);
    Session session(&capture);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/a"_s, R"({"n":1,"same":true})"));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/b"_s, R"({"n":2,"same":true})"));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 2, 10'000);
    const qint64 a = session.model()->summaryAt(0).seq;
    const qint64 b = session.model()->summaryAt(1).seq;

    QSignalSpy ready(&session, &Session::comparisonReady);
    QSignalSpy failed(&session, &Session::comparisonFailed);
    session.compare(a, b);
    session.compare(b, a);
    QCOMPARE(ready.size(), 0); // answered from the event loop, not inside compare()
    QVERIFY(ready.wait(10'000));
    QTest::qWait(200); // an answer to the first request would have come by now too
    QCOMPARE(ready.size(), 1);
    const auto compared = ready.at(0).at(0).value<EventComparison>();
    QCOMPARE(compared.diff.leftSeq, b);
    QCOMPARE(compared.diff.rightSeq, a);
    QCOMPARE(compared.left.body, QByteArray(R"({"n":2,"same":true})"));
    QCOMPARE(compared.right.target, QByteArray("/hooks/a"));
    QCOMPARE(compared.diff.bodyMode, EventDiff::BodyMode::Json);
    QCOMPARE(compared.diff.bodyDifferences.size(), 1); // /n
    QCOMPARE(failed.size(), 0);

    session.compare(a, 9999);
    QVERIFY(failed.wait(10'000));
    QCOMPARE(failed.at(0).at(0).toLongLong(), 9999);
    QCOMPARE(ready.size(), 1);
}

void TestSession::exportGivesWhatTheCommandGives_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &format : { u"ndjson"_s, u"har"_s, u"raw"_s })
        QTest::addRow("%s", qPrintable(format)) << format;
}

// File ▸ Export's path from a Session with no window (its reader, its analyzer, the table's rows)
// writes what `hookscope export` writes for the same session file, and the bodies as stored.
void TestSession::exportGivesWhatTheCommandGives()
{
    QFETCH(QString, format);
    CaptureService capture;
    QCOMPARE(capture.start(optionsFor(u"export-%1.hookscope"_s.arg(format))), std::nullopt);
    Session session(&capture);
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/id"_s, identificationSeed()));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/own"_s, R"({"x":1})", "MY_OWN_TYPE"));
    QVERIFY(m_webhooks.post(capture.listenUrl() + u"/hooks/gone"_s, R"({"gone":1})"));
    QTRY_COMPARE_WITH_TIMEOUT(session.model()->rowCount(), 3, 10'000);
    session.remove({ session.model()->summaryAt(2).seq });
    QTRY_COMPARE(storedCount(session.path()), 2);
    QList<qint64> seqs;
    for (int row = 0; row < session.model()->rowCount(); ++row)
        seqs.append(session.model()->summaryAt(row).seq);

    const SelectionExport what { *exportFormatFromName(format),
                                 {},
                                 m_dir.filePath(u"session.%1"_s.arg(format)) };
    QCOMPARE(exportSelection(session.reader(), *session.analyzer(), seqs, what), QStringList());
    QFile written(what.target);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray exported = written.readAll();
    QVERIFY(!exported.contains("gone"));
    for (qint64 seq : seqs) {
        const std::optional<Event> stored = session.reader().load(seq);
        QVERIFY(stored);
        if (format == u"raw"_s) // the request as it arrived
            QVERIFY2(exported.contains(stored->body), stored->body.constData());
    }

    QProcess command;
    command.start(
        QStringLiteral(HOOKSCOPE_BINARY),
        { u"export"_s, u"--session"_s, session.path(), u"--format"_s, format, u"--out"_s, u"-"_s });
    QVERIFY(command.waitForFinished(60'000));
    QCOMPARE(command.exitCode(), 0);
    QCOMPARE(exported, command.readAllStandardOutput());
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
