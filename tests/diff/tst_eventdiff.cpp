#include "diff/eventdiff.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Event makeEvent(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                const QByteArray &body)
{
    Event event;
    event.method = method;
    event.target = target;
    event.headers = headers;
    event.body = body;
    return event;
}

QString summary(const QList<DiffEntry> &entries)
{
    QStringList parts;
    for (const DiffEntry &entry : entries)
        parts.append(diffKindName(entry.kind) + u':' + entry.pointer);
    return parts.join(u"; "_s);
}
} // namespace

class TestEventDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sectionsInDisplayOrder();
    void requestLine();
    void bodyModes_data();
    void bodyModes();
    void firstDifferentLine();
    void largeBodies();
    void bodyPreview_data();
    void bodyPreview();
};

void TestEventDiff::sectionsInDisplayOrder()
{
    const EventDiff diff = diffEvents(
        makeEvent("POST"_ba, "/a"_ba, { { "X"_ba, "1"_ba } }, R"({"k":1})"_ba),
        makeEvent("PUT"_ba, "/a"_ba, { { "x"_ba, "2"_ba }, { "Y"_ba, "3"_ba } }, R"({"k":2})"_ba));
    QCOMPARE(summary(diff.differences()), u"changed:method; changed:X; added:Y; changed:/k"_s);
    QCOMPARE(diff.differenceCount(), 4);
    QCOMPARE(diff.headerRows.size(), 2);
    QCOMPARE(diff.requestRows.size(), 2);
}

void TestEventDiff::requestLine()
{
    Event left = makeEvent("POST"_ba, "/hooks?x=1"_ba, {}, {});
    left.seq = 7;
    Event right = makeEvent("POST"_ba, "/hooks?x=2"_ba, {}, {});
    right.seq = 9;
    const EventDiff diff = diffEvents(left, right);
    QCOMPARE(diff.leftSeq, 7);
    QCOMPARE(diff.rightSeq, 9);
    QCOMPARE(summary(diff.requestRows), u"same:method; changed:target"_s);
    QCOMPARE(diff.requestRows.at(1).left, QJsonValue(u"/hooks?x=1"_s));
    QCOMPARE(diff.requestRows.at(1).right, QJsonValue(u"/hooks?x=2"_s));
}

void TestEventDiff::bodyModes_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<bool>("json");
    QTest::addColumn<BodyKind>("leftKind");
    QTest::addColumn<BodyKind>("rightKind");
    QTest::addColumn<QString>("differences");

    QTest::newRow("json") << R"({"a":1})"_ba
                          << R"({"a":2})"_ba << true << BodyKind::Json << BodyKind::Json
                          << u"changed:/a"_s;
    QTest::newRow("identical json")
        << R"([1])"_ba
        << R"([1])"_ba << true << BodyKind::Json << BodyKind::Json << QString();
    QTest::newRow("text") << "a"_ba
                          << "b"_ba << false << BodyKind::Text << BodyKind::Text << u"changed:"_s;
    QTest::newRow("json against text")
        << "{}"_ba
        << "b"_ba << false << BodyKind::Json << BodyKind::Text << u"type changed:"_s;
    QTest::newRow("invalid json") << "{"_ba
                                  << "{"_ba << false << BodyKind::InvalidJson
                                  << BodyKind::InvalidJson << QString();
    // RFC 8259: a bare scalar is a JSON text like any other (issue 14).
    QTest::newRow("top-level scalar is JSON")
        << "42"_ba
        << "43"_ba << true << BodyKind::Json << BodyKind::Json << u"changed:"_s;
    QTest::newRow("binary") << "\x00"_ba
                            << "\xff"_ba << false << BodyKind::Binary << BodyKind::Binary
                            << u"changed:"_s;
    QTest::newRow("empty") << QByteArray() << QByteArray() << false << BodyKind::Empty
                           << BodyKind::Empty << QString();
}

void TestEventDiff::bodyModes()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(bool, json);
    QFETCH(BodyKind, leftKind);
    QFETCH(BodyKind, rightKind);
    QFETCH(QString, differences);
    const EventDiff diff =
        diffEvents(makeEvent("POST"_ba, "/"_ba, {}, left), makeEvent("POST"_ba, "/"_ba, {}, right));
    QCOMPARE(diff.bodyMode == EventDiff::BodyMode::Json, json);
    QCOMPARE(diff.leftKind, leftKind);
    QCOMPARE(diff.rightKind, rightKind);
    QCOMPARE(summary(diff.bodyDifferences), differences);
    QCOMPARE(diff.leftBytes, left);
    QCOMPARE(diff.rightBytes, right);
    QCOMPARE(diff.firstDifferentByte < 0, left == right);
    if (json)
        QVERIFY(diff.leftBody->isValid() && diff.rightBody->isValid());
}

void TestEventDiff::firstDifferentLine()
{
    EventDiff diff = diffEvents(makeEvent("POST"_ba, "/"_ba, {}, "a\nb\nc"_ba),
                                makeEvent("POST"_ba, "/"_ba, {}, "a\nb\nd"_ba));
    QCOMPARE(diff.firstDifferentByte, 4);
    QCOMPARE(diff.firstDifferentLine(), 3);
    diff = diffEvents(makeEvent("POST"_ba, "/"_ba, {}, "ab"_ba),
                      makeEvent("POST"_ba, "/"_ba, {}, "ab\nmore"_ba));
    QCOMPARE(diff.firstDifferentByte, 2); // the shorter side ended
    QCOMPARE(diff.firstDifferentLine(), 1);
    diff = diffEvents(makeEvent("POST"_ba, "/"_ba, {}, "same"_ba),
                      makeEvent("POST"_ba, "/"_ba, {}, "same"_ba));
    QCOMPARE(diff.firstDifferentByte, -1);
    QCOMPARE(diff.firstDifferentLine(), 0);
}

void TestEventDiff::largeBodies()
{
    // Over 1 MiB a side, the two bodies are parsed at once on two threads.
    QByteArray left = "{\"items\":["_ba;
    for (int i = 0; i < 60000; ++i)
        left += "{\"id\":" + QByteArray::number(i) + ",\"note\":\"0123456789\"},";
    left += "{}]}";
    QVERIFY(left.size() > 1024 * 1024);
    QByteArray right = left;
    right.replace("{\"id\":31234,"_ba, "{\"id\":-1,"_ba);
    const EventDiff diff =
        diffEvents(makeEvent("POST"_ba, "/"_ba, {}, left), makeEvent("POST"_ba, "/"_ba, {}, right));
    QCOMPARE(diff.bodyMode, EventDiff::BodyMode::Json);
    QCOMPARE(summary(diff.bodyDifferences), u"changed:/items/31234/id"_s);
    QCOMPARE(diff.rightBody->raw(diff.bodyDifferences.first().rightNode), "-1");
    const EventDiff same =
        diffEvents(makeEvent("POST"_ba, "/"_ba, {}, left), makeEvent("POST"_ba, "/"_ba, {}, left));
    QCOMPARE(same.differenceCount(), 0);
    QCOMPARE(same.rightBody->node(same.rightBody->resolve(u"/items")).count, 60001);
}

void TestEventDiff::bodyPreview_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("preview");
    QTest::newRow("empty") << QByteArray() << 10 << u"(empty)"_s;
    QTest::newRow("short text") << "a=1"_ba << 10 << u"a=1"_s;
    QTest::newRow("line breaks") << "a\r\nb\nc"_ba << 10 << u"a↵b↵c"_s;
    QTest::newRow("cut") << "0123456789abc"_ba << 10 << u"0123456789 …"_s;
    QTest::newRow("utf-8") << "grüße"_ba << 10 << u"grüße"_s;
    QTest::newRow("binary") << "\x00\xff"_ba << 10 << u"2 bytes: 00 ff"_s;
    QTest::newRow("invalid utf-8 is binary") << "ab\xc3"_ba << 10 << u"3 bytes: 61 62 c3"_s;
    QTest::newRow("long binary") << QByteArray(40, '\x01') << 10
                                 << u"40 bytes: "_s + QStringList(32, u"01"_s).join(u' ') + u" …"_s;
}

void TestEventDiff::bodyPreview()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxChars);
    QFETCH(QString, preview);
    QCOMPARE(::bodyPreview(bytes, maxChars), preview);
}

QTEST_GUILESS_MAIN(TestEventDiff)
#include "tst_eventdiff.moc"
