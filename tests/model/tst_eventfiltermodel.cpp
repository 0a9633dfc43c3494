#include "models/eventfiltermodel.h"
#include "models/eventtablemodel.h"
#include "models/modelroles.h"
#include "store/sessionstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Event makeEvent(qint64 seq, const QByteArray &status)
{
    Event e;
    e.seq = seq;
    e.receivedAtMs = 1'700'000'000'000 + seq * 1000;
    e.method = seq % 2 ? "POST" : "PUT";
    e.target = "/hooks/identification";
    e.headers = { { "Solaris-Webhook-Event-Type", "IDENTIFICATION" } };
    e.body = R"({"status":")" + status + R"("})";
    return e;
}

EventAnalysis analysis(qint64 seq)
{
    EventAnalysis a;
    a.bodyKind = BodyKind::Json;
    a.eventType = seq % 3 ? u"IDENTIFICATION"_s : u"BOOKING"_s;
    a.schemaChecked = true;
    if (seq % 5 == 0)
        a.violations = { { u"/status"_s, u"enum"_s, Severity::Error, u"bad"_s } };
    return a;
}

Filter compile(const QString &text)
{
    auto compiled = Filter::compile(text);
    Q_ASSERT(std::holds_alternative<Filter>(compiled));
    return std::get<Filter>(compiled);
}

QList<qint64> visibleSeqs(const QAbstractItemModel &model)
{
    QList<qint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs.append(model.index(row, 0).data(ModelRoles::SeqRole).toLongLong());
    return seqs;
}
} // namespace

class TestEventFilterModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void summaryFilterWhileRowsStreamIn();
    void bodyFilterScansTheSessionAndMatchesLiveEvents();
    void newerFilterSupersedesAScan();
    void sortsTypedNewestFirst();
    void scanAgreesWithMatchingEveryEvent_data();
    void scanAgreesWithMatchingEveryEvent();

private:
    void append(qint64 first, qint64 last, bool store);
    QTemporaryDir m_dir;
    SessionStore m_store;
    EventTableModel *m_source = nullptr;
    EventFilterModel *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
    int m_runs = 0;
};

void TestEventFilterModel::init()
{
    // One file per data row too: a store never overwrites a stored sequence number.
    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())
                                        + QString::number(++m_runs));
    QVERIFY(m_store.open(path));
    m_source = new EventTableModel;
    m_proxy = new EventFilterModel;
    m_tester = new QAbstractItemModelTester(m_proxy,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxy->setSourceModel(m_source);
    m_proxy->setSessionPath(path);
}

void TestEventFilterModel::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_source;
    m_store.close();
}

void TestEventFilterModel::append(qint64 first, qint64 last, bool store)
{
    QList<Event> events;
    QList<EventAnalysis> analyses;
    QList<EventSummary> summaries;
    for (qint64 seq = first; seq <= last; ++seq) {
        events.append(makeEvent(seq, seq % 4 ? "successful" : "failed"));
        analyses.append(analysis(seq));
        summaries.append(EventSummary::from(events.last(), analyses.last()));
        m_proxy->noteEvent(events.last(), summaries.last());
    }
    if (store)
        QVERIFY(m_store.append(events, analyses));
    m_source->enqueue(summaries);
    m_source->flush();
}

void TestEventFilterModel::summaryFilterWhileRowsStreamIn()
{
    m_proxy->setFilter(compile(u"event == \"IDENTIFICATION\" && invalid"_s));
    append(1, 10, false);
    QCOMPARE(visibleSeqs(*m_proxy), (QList<qint64> { 5, 10 }));
    append(11, 20, false);
    QCOMPARE(visibleSeqs(*m_proxy), (QList<qint64> { 5, 10, 20 }));
    m_proxy->setFilter({});
    QCOMPARE(m_proxy->rowCount(), 20);
}

void TestEventFilterModel::bodyFilterScansTheSessionAndMatchesLiveEvents()
{
    append(1, 12, true);
    QSignalSpy finished(m_proxy, &EventFilterModel::scanFinished);
    m_proxy->setFilter(compile(u"json.status == \"failed\" && method == PUT"_s));
    QVERIFY(m_proxy->isScanning() || finished.size() == 1);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(visibleSeqs(*m_proxy), (QList<qint64> { 4, 8, 12 }));
    append(13, 16, true); // live: matched from the batch, not the file
    QCOMPARE(visibleSeqs(*m_proxy), (QList<qint64> { 4, 8, 12, 16 }));
}

void TestEventFilterModel::newerFilterSupersedesAScan()
{
    append(1, 2000, true);
    QSignalSpy finished(m_proxy, &EventFilterModel::scanFinished);
    m_proxy->setFilter(compile(u"json.status == \"failed\""_s));
    m_proxy->setFilter(compile(u"body contains \"successful\" && seq <= 3"_s));
    QTRY_VERIFY(!m_proxy->isScanning() && finished.size() >= 1);
    QTest::qWait(50);
    QCOMPARE(visibleSeqs(*m_proxy), (QList<qint64> { 1, 2, 3 }));
}

void TestEventFilterModel::sortsTypedNewestFirst()
{
    append(1, 12, false);
    m_proxy->sort(EventTableModel::SeqColumn, Qt::DescendingOrder);
    QCOMPARE(visibleSeqs(*m_proxy).first(), 12);
    append(13, 13, false);
    QCOMPARE(visibleSeqs(*m_proxy).first(), 13);
    m_proxy->sort(EventTableModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(m_proxy->rowCount(), 13);
}

void TestEventFilterModel::scanAgreesWithMatchingEveryEvent_data()
{
    QTest::addColumn<QString>("expression");
    for (const char *expression :
         { R"(json.status == "failed")", R"(json.status == failed && method == PUT)",
           R"(json.status in {failed "pending"})", R"(json.amount == 1000)",
           R"(json.amount == "1000")", R"(json.status == "faïled")",
           R"(json.status == "failed" || json.amount >= 500)", R"(!(json.status == "failed"))",
           R"(body == "failed")", R"(body contains "FAIL")", R"(header["X-Note"] == "failed")",
           R"(failed)", R"(json.status == "failed" && header["X-Note"])" })
        QTest::newRow(expression) << QString::fromUtf8(expression);
}

// The scan reads only some columns, splits the session in two and skips bodies that lack a
// required literal: none of that may change which events match. Bodies spell values in
// every way JSON allows; the brute force evaluates the filter on every fully read event.
void TestEventFilterModel::scanAgreesWithMatchingEveryEvent()
{
    QFETCH(QString, expression);
    const QList<QByteArray> bodies = {
        R"({"status":"failed"})",
        R"({"status":"\u0066ailed"})",
        R"({"status":"FAILED"})",
        R"({"status":"pending"})",
        R"({"status":["failed"]})",
        R"({"amount":1e3})",
        R"({"amount":1000})",
        R"({"amount":"1000"})",
        R"({"status":"fa\u00efled"})",
        R"({"status":"faïled"})",
        "{\"status\":\"f\xff\"}",
        "failed",
        "\"failed\"",
        "FAIL\0ED"_ba,
        QByteArray(),
        R"({"status":"successful"})",
    };
    QList<Event> events;
    QList<EventAnalysis> analyses;
    QList<EventSummary> summaries;
    for (qint64 seq = 1; seq <= 200; ++seq) {
        Event e = makeEvent(seq, {});
        e.body = bodies.at(seq % bodies.size());
        if (seq % 7 == 0)
            e.headers.append(std::pair("X-Note"_ba, "failed"_ba));
        events.append(e);
        analyses.append(analysis(seq));
        summaries.append(EventSummary::from(e, analyses.last()));
    }
    QVERIFY(m_store.append(events, analyses));
    QVERIFY(m_store.remove({ 3, 100, 101 }));
    QList<qint64> expected;
    const Filter filter = compile(expression);
    QVERIFY(m_store.forEachEventAndSummary([&](Event &&e, EventSummary &&summary) {
        if (filter.matches(summary, &e))
            expected.append(e.seq);
        return true;
    }));
    QVERIFY(!expected.isEmpty());
    m_source->enqueue(summaries);
    m_source->flush();
    QSignalSpy finished(m_proxy, &EventFilterModel::scanFinished);
    m_proxy->setFilter(filter);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(visibleSeqs(*m_proxy), expected);
}

QTEST_GUILESS_MAIN(TestEventFilterModel)
#include "tst_eventfiltermodel.moc"
