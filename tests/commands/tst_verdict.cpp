#include "analysis/analyzer.h"
#include "commands/payloadvalidator.h"
#include "event/bodyinspector.h"
#include "event/eventsummary.h"
#include "filter/filter.h"
#include "formats/exporters.h"
#include "timeline/ratetimeline.h"
#include "timeline/typecounts.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// One verdict per event (verdictOf()), and every place that shows or counts it agrees: the
// summary the table, filter, type counts and timeline read, the --headless --json and NDJSON
// records, and `validate`, which also fails an event it could not check.
class TestVerdict : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPlaceAgrees_data();
    void everyPlaceAgrees();
    void verdictOf_data();
    void verdictOf();
};

namespace {

QByteArray seed(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA) + u"/seeds/"_s + name + u".json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read seed %s", qPrintable(name));
    return file.readAll();
}

Event makeEvent(const QByteArray &contentType, const QByteArray &body, const QByteArray &type)
{
    Event event;
    event.seq = 1;
    event.method = "POST"_ba;
    event.target = "/hooks"_ba;
    if (!contentType.isEmpty())
        event.headers.append({ "Content-Type"_ba, contentType });
    if (!type.isEmpty())
        event.headers.append({ "Solaris-Webhook-Event-Type"_ba, type });
    event.body = body;
    return event;
}

bool matches(const QString &expression, const EventSummary &summary)
{
    return std::get<Filter>(Filter::compile(expression)).matches(summary);
}

QJsonValue validField(const QByteArray &line)
{
    return QJsonDocument::fromJson(line).object().value(u"valid"_s);
}

QByteArray randomBytesAfterQuote()
{
    QByteArray bytes(300, '\0');
    quint32 state = 12345;
    for (char &c : bytes) {
        state = state * 1103515245u + 12345u;
        c = char(state >> 16);
    }
    bytes[0] = '"';
    bytes[1] = char(0xff); // never valid UTF-8
    return bytes;
}

} // namespace

void TestVerdict::everyPlaceAgrees_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("eventType");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<BodyKind>("kind");

    const QByteArray json = "application/json"_ba;
    QTest::newRow("valid seed") << json << seed(u"ACCOUNT_SNAPSHOT"_s) << "ACCOUNT_SNAPSHOT"_ba
                                << Verdict::Valid << BodyKind::Json;
    QTest::newRow("seed breaking its enum")
        << json << seed(u"IDENTIFICATION"_s) << "IDENTIFICATION"_ba << Verdict::Invalid
        << BodyKind::Json;
    QTest::newRow("no schema") << json << R"({"hello":"world"})"_ba
                               << "SOMETHING_ELSE"_ba << Verdict::None << BodyKind::Json;
    QTest::newRow("unknown type") << json << R"({"hello":"world"})"_ba << QByteArray()
                                  << Verdict::None << BodyKind::Json;
    QTest::newRow("broken JSON, no schema")
        << json << R"({"a": )"_ba << QByteArray() << Verdict::Invalid << BodyKind::InvalidJson;
    QTest::newRow("broken JSON with a schema")
        << json << R"({"id": )"_ba
        << "ACCOUNT_SNAPSHOT"_ba << Verdict::Invalid << BodyKind::InvalidJson;
    QTest::newRow("declared JSON, plain text")
        << "application/json; charset=utf-8"_ba
        << "hello"_ba << QByteArray() << Verdict::Invalid << BodyKind::InvalidJson;
    QTest::newRow("declared +json, broken")
        << "application/vnd.api+json"_ba
        << "{"_ba << QByteArray() << Verdict::Invalid << BodyKind::InvalidJson;
    QTest::newRow("JSON-looking text, undeclared")
        << "text/plain"_ba
        << R"({"a": 1,})"_ba << QByteArray() << Verdict::Invalid << BodyKind::InvalidJson;
    QTest::newRow("octet-stream starting with a quote")
        << "application/octet-stream"_ba << randomBytesAfterQuote() << QByteArray() << Verdict::None
        << BodyKind::Binary;
    QTest::newRow("binary sent as JSON") << json << "\x89PNG\r\n\x1a\n\x00\x01"_ba << QByteArray()
                                         << Verdict::Invalid << BodyKind::Binary;
    QTest::newRow("form text") << "application/x-www-form-urlencoded"_ba
                               << "a=1&b=2"_ba << QByteArray() << Verdict::None << BodyKind::Text;
    QTest::newRow("text where a schema expects JSON")
        << "text/plain"_ba
        << "a=1"_ba
        << "ACCOUNT_SNAPSHOT"_ba << Verdict::Invalid << BodyKind::Text;
    QTest::newRow("empty, bodiless event")
        << QByteArray() << QByteArray() << "WEBHOOK-SUBSCRIPTION"_ba << Verdict::Valid
        << BodyKind::Empty;
    QTest::newRow("empty, no type")
        << QByteArray() << QByteArray() << QByteArray() << Verdict::None << BodyKind::Empty;
}

void TestVerdict::everyPlaceAgrees()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, eventType);
    QFETCH(Verdict, verdict);
    QFETCH(BodyKind, kind);

    const SchemaRegistry schemas = SchemaRegistry::withBundledCatalog();
    const Analyzer analyzer(schemas);
    const Event event = makeEvent(contentType, body, eventType);
    const EventAnalysis analysis = analyzer.analyze(event);
    QCOMPARE(analysis.bodyKind, kind);
    QCOMPARE(analysis.verdict(), verdict);

    const EventSummary summary = EventSummary::from(event, analysis);
    QCOMPARE(summary.verdict(), verdict);
    QCOMPARE(matches(u"valid"_s, summary), verdict == Verdict::Valid);
    QCOMPARE(matches(u"invalid"_s, summary), verdict == Verdict::Invalid);
    QCOMPARE(matches(u"!valid && !invalid"_s, summary), verdict == Verdict::None);

    TypeCounts counts;
    counts.add(summary);
    QCOMPARE(counts.tallies().constFirst().invalid, qint64(verdict == Verdict::Invalid ? 1 : 0));

    RateTimeline timeline;
    timeline.add(summary);
    const RateCount count = timeline.total();
    QCOMPARE(count.valid, verdict == Verdict::Valid ? 1u : 0u);
    QCOMPARE(count.invalid, verdict == Verdict::Invalid ? 1u : 0u);
    QCOMPARE(count.unchecked, verdict == Verdict::None ? 1u : 0u);

    const QJsonValue expected =
        verdict == Verdict::None ? QJsonValue(QJsonValue::Null) : verdict == Verdict::Valid;
    QCOMPARE(validField(toHeadlessJsonLine(event, analysis)), expected);
    QCOMPARE(validField(toNdjsonLine(event, analysis)), expected);

    // `validate` fails what it could not check (documented), and agrees on everything else.
    const PayloadVerdict checked = PayloadValidator(schemas).check(event);
    QCOMPARE(checked.valid, verdict == Verdict::Valid);
    if (kind == BodyKind::InvalidJson)
        QCOMPARE(checked.violations.constFirst().keyword, u"json"_s);
}

void TestVerdict::verdictOf_data()
{
    QTest::addColumn<BodyKind>("kind");
    QTest::addColumn<bool>("schemaChecked");
    QTest::addColumn<int>("errors");
    QTest::addColumn<Verdict>("verdict");
    QTest::newRow("json, schema, clean") << BodyKind::Json << true << 0 << Verdict::Valid;
    QTest::newRow("json, schema, errors") << BodyKind::Json << true << 2 << Verdict::Invalid;
    QTest::newRow("json, no schema") << BodyKind::Json << false << 0 << Verdict::None;
    QTest::newRow("broken json, no schema")
        << BodyKind::InvalidJson << false << 0 << Verdict::Invalid;
    QTest::newRow("broken json, schema") << BodyKind::InvalidJson << true << 0 << Verdict::Invalid;
    QTest::newRow("binary, no schema") << BodyKind::Binary << false << 0 << Verdict::None;
    QTest::newRow("empty, schema, clean") << BodyKind::Empty << true << 0 << Verdict::Valid;
}

// Summaries stored before the `json` violation existed (broken JSON with no error counted)
// still read as invalid.
void TestVerdict::verdictOf()
{
    QFETCH(BodyKind, kind);
    QFETCH(bool, schemaChecked);
    QFETCH(int, errors);
    QFETCH(Verdict, verdict);
    QCOMPARE(::verdictOf(kind, schemaChecked, errors), verdict);
    QCOMPARE(verdictName(verdict),
             verdict == Verdict::None ? u"none"_s
                                      : (verdict == Verdict::Valid ? u"valid"_s : u"invalid"_s));
}

QTEST_GUILESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
