#include "event/bodyinspector.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestBodyInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inspect_data();
    void inspect();
    void declaredByContentType_data();
    void declaredByContentType();
    void scalarRoots_data();
    void scalarRoots();
    void deepNestingIsAnErrorNotACrash();
};

void TestBodyInspector::inspect_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("errorOffset");
    QTest::newRow("empty") << QByteArray() << int(BodyKind::Empty) << qint64(-1);
    QTest::newRow("object") << R"({"a": 1})"_ba << int(BodyKind::Json) << qint64(-1);
    QTest::newRow("array") << "[1, 2, 3]"_ba << int(BodyKind::Json) << qint64(-1);
    QTest::newRow("truncated object")
        << R"({"broken": )"_ba << int(BodyKind::InvalidJson) << qint64(11);
    QTest::newRow("trailing comma") << R"({"a": 1,})"_ba << int(BodyKind::InvalidJson) << qint64(8);
    // RFC 8259: any value is a JSON text; a scalar-looking start that does not parse is text.
    QTest::newRow("bare number") << " 42 "_ba << int(BodyKind::Json) << qint64(-1);
    QTest::newRow("big number") << "12345678901234567891"_ba << int(BodyKind::Json) << qint64(-1);
    QTest::newRow("bare string") << R"("x")"_ba << int(BodyKind::Json) << qint64(-1);
    QTest::newRow("null") << "null"_ba << int(BodyKind::Json) << qint64(-1);
    QTest::newRow("number then words") << "42 apples"_ba << int(BodyKind::Text) << qint64(-1);
    QTest::newRow("word starting like a literal")
        << "nothing"_ba << int(BodyKind::Text) << qint64(-1);
    QTest::newRow("form text") << "a=1&b=2"_ba << int(BodyKind::Text) << qint64(-1);
    QTest::newRow("utf8 text") << "grüße"_ba << int(BodyKind::Text) << qint64(-1);
    QTest::newRow("invalid utf8") << "caf\xe9"_ba << int(BodyKind::Binary) << qint64(-1);
    QTest::newRow("nul byte") << QByteArray("a\0b", 3) << int(BodyKind::Binary) << qint64(-1);
}

void TestBodyInspector::inspect()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(qint64, errorOffset);
    const BodyInspection inspection = BodyInspector::inspect(body);
    QCOMPARE(int(inspection.kind), kind);
    QCOMPARE(inspection.parseErrorOffset, errorOffset);
    QCOMPARE(inspection.parseError.isEmpty(), errorOffset < 0);
}

void TestBodyInspector::declaredByContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<BodyKind>("kind");
    QByteArray quoteThenBinary = "\"\x01\xfe\xff\x80 random"_ba;
    QTest::newRow("octet-stream starting with a quote")
        << "application/octet-stream"_ba << quoteThenBinary << BodyKind::Binary;
    QTest::newRow("undeclared binary starting with {")
        << QByteArray() << "{\xff\xfe"_ba << BodyKind::Binary;
    QTest::newRow("declared JSON, binary starting like JSON")
        << "application/json"_ba << quoteThenBinary << BodyKind::InvalidJson;
    QTest::newRow("declared JSON, binary") << "application/json"_ba
                                           << "\x89PNG\r\n\x1a\n"_ba << BodyKind::Binary;
    QTest::newRow("declared JSON, text") << "Application/JSON; charset=utf-8"_ba
                                         << "hello"_ba << BodyKind::InvalidJson;
    QTest::newRow("declared +json, broken") << "application/cloudevents+json"_ba
                                            << "{\"a\""_ba << BodyKind::InvalidJson;
    QTest::newRow("text/json") << "text/json"_ba
                               << "[1]"_ba << BodyKind::Json;
    QTest::newRow("undeclared text starting like JSON") << "text/plain"_ba
                                                        << "{not json"_ba << BodyKind::InvalidJson;
    QTest::newRow("octet-stream holding JSON") << "application/octet-stream"_ba
                                               << "{\"a\":1}"_ba << BodyKind::Json;
    QTest::newRow("ndjson is not one document") << "application/x-ndjson"_ba
                                                << "{}\n{}"_ba << BodyKind::InvalidJson;
}

// A body declared JSON is judged as JSON; undeclared bytes only when they are text.
void TestBodyInspector::declaredByContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(BodyKind, kind);
    QCOMPARE(BodyInspector::inspect(body, contentType).kind, kind);
    Event event;
    event.body = body;
    if (!contentType.isEmpty())
        event.headers = { { "content-type"_ba, contentType } };
    QCOMPARE(BodyInspector::inspect(event).kind, kind);
}

void TestBodyInspector::scalarRoots_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<BodyKind>("kind");
    QTest::addColumn<QJsonValue>("root");
    QTest::addColumn<qint64>("errorOffset");
    QTest::newRow("integer") << "42"_ba << BodyKind::Json << QJsonValue(42) << qint64(-1);
    QTest::newRow("string") << " \"x\"\n"_ba << BodyKind::Json << QJsonValue(u"x"_s) << qint64(-1);
    QTest::newRow("null") << "null"_ba << BodyKind::Json << QJsonValue(QJsonValue::Null)
                          << qint64(-1);
    QTest::newRow("false") << "false"_ba << BodyKind::Json << QJsonValue(false) << qint64(-1);
    QTest::newRow("with a byte order mark") << "\xEF\xBB\xBF"
                                               "7"_ba
                                            << BodyKind::Json << QJsonValue(7) << qint64(-1);
    // The error is placed at the token that cannot be taken, here the second value.
    QTest::newRow("two values") << "1 2"_ba << BodyKind::InvalidJson
                                << QJsonValue(QJsonValue::Undefined) << qint64(2);
    QTest::newRow("unterminated string")
        << "\"abc"_ba << BodyKind::InvalidJson << QJsonValue(QJsonValue::Undefined) << qint64(4);
}

void TestBodyInspector::scalarRoots()
{
    QFETCH(QByteArray, body);
    QFETCH(BodyKind, kind);
    QFETCH(QJsonValue, root);
    QFETCH(qint64, errorOffset);
    const BodyInspection inspection = BodyInspector::inspect(body, "application/json");
    QCOMPARE(inspection.kind, kind);
    QCOMPARE(inspection.root(), root);
    QCOMPARE(inspection.parseErrorOffset, errorOffset);
}

void TestBodyInspector::deepNestingIsAnErrorNotACrash()
{
    const QByteArray deep = QByteArray(10'000, '[') + QByteArray(10'000, ']');
    const BodyInspection inspection = BodyInspector::inspect(deep);
    QCOMPARE(inspection.kind, BodyKind::InvalidJson);
    QVERIFY(!inspection.parseError.isEmpty());
}

QTEST_GUILESS_MAIN(TestBodyInspector)
#include "tst_bodyinspector.moc"
