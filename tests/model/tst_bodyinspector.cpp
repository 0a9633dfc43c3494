#include "event/bodyinspector.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestBodyInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inspect_data();
    void inspect();
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

void TestBodyInspector::deepNestingIsAnErrorNotACrash()
{
    const QByteArray deep = QByteArray(10'000, '[') + QByteArray(10'000, ']');
    const BodyInspection inspection = BodyInspector::inspect(deep);
    QCOMPARE(inspection.kind, BodyKind::InvalidJson);
    QVERIFY(!inspection.parseError.isEmpty());
}

QTEST_GUILESS_MAIN(TestBodyInspector)
#include "tst_bodyinspector.moc"
