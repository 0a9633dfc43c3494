#include "diff/jsondiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QJsonValue parse(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isArray())
        return document.array();
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(QJsonValue::Undefined);
}

// "changed:/a; added:/b" : compact enough for a data table.
QString summary(const QList<DiffEntry> &entries)
{
    QStringList parts;
    for (const DiffEntry &entry : entries)
        parts.append(diffKindName(entry.kind) + u':' + entry.pointer);
    return parts.join(u"; "_s);
}

// {"a":{"a":...{"leaf":leaf}}} nested `depth` objects deep, built without recursion.
QJsonValue nested(int depth, const QJsonValue &leaf)
{
    QJsonObject inner { { u"leaf"_s, leaf } };
    for (int i = 0; i < depth; ++i)
        inner = QJsonObject { { u"a"_s, inner } };
    return inner;
}
} // namespace

class TestJsonDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differences_data();
    void differences();
    void entriesCarryBothValues();
    void undefinedSides();
    void scalarsAndContainersAtTheRoot();
    void deepNestingDoesNotRecurse();
    void largeArraysAreComparedByIndex();
    void escapeToken_data();
    void escapeToken();
    void unionKeysKeepsObjectOrder();
};

void TestJsonDiff::differences_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QString>("expected");

    QTest::newRow("identical") << R"({"a":1,"b":[1,{"c":null}]})"_ba
                               << R"({"b":[1,{"c":null}],"a":1})"_ba << QString();
    QTest::newRow("changed depth 1") << R"({"a":1})"_ba
                                     << R"({"a":2})"_ba << u"changed:/a"_s;
    QTest::newRow("changed depth 3") << R"({"a":{"b":{"c":"x","d":1}}})"_ba
                                     << R"({"a":{"b":{"c":"y","d":1}}})"_ba << u"changed:/a/b/c"_s;
    QTest::newRow("added depth 2") << R"({"a":{"b":1}})"_ba
                                   << R"({"a":{"b":1,"x":true}})"_ba << u"added:/a/x"_s;
    QTest::newRow("removed depth 2") << R"({"a":{"b":1,"y":[]}})"_ba
                                     << R"({"a":{"b":1}})"_ba << u"removed:/a/y"_s;
    QTest::newRow("added container is one entry")
        << R"({})"_ba
        << R"({"o":{"p":{"q":1},"r":[1,2]}})"_ba << u"added:/o"_s;
    QTest::newRow("string to number") << R"({"a":"1"})"_ba
                                      << R"({"a":1})"_ba << u"type changed:/a"_s;
    QTest::newRow("object to array") << R"({"a":{"x":1}})"_ba
                                     << R"({"a":[1]})"_ba << u"type changed:/a"_s;
    QTest::newRow("null to object") << R"({"a":null})"_ba
                                    << R"({"a":{}})"_ba << u"type changed:/a"_s;
    QTest::newRow("empty string to null") << R"({"a":""})"_ba
                                          << R"({"a":null})"_ba << u"type changed:/a"_s;
    QTest::newRow("bool flipped") << R"({"a":true})"_ba
                                  << R"({"a":false})"_ba << u"changed:/a"_s;
    QTest::newRow("1 equals 1.0") << R"({"a":1})"_ba
                                  << R"({"a":1.0})"_ba << QString();
    QTest::newRow("big integers differ") << R"({"a":9007199254740993})"_ba
                                         << R"({"a":9007199254740992})"_ba << u"changed:/a"_s;
    QTest::newRow("array grows") << R"({"arr":[1,2]})"_ba
                                 << R"({"arr":[1,2,3,4]})"_ba << u"added:/arr/2; added:/arr/3"_s;
    QTest::newRow("array shrinks") << R"({"arr":[1,2,3]})"_ba
                                   << R"({"arr":[1]})"_ba << u"removed:/arr/1; removed:/arr/2"_s;
    QTest::newRow("array by index, not by content")
        << R"([1,2,3])"_ba
        << R"([0,1,2,3])"_ba << u"changed:/0; changed:/1; changed:/2; added:/3"_s;
    QTest::newRow("inside array elements")
        << R"({"arr":[{"x":1},{"x":2}]})"_ba
        << R"({"arr":[{"x":1},{"x":3,"y":0}]})"_ba << u"changed:/arr/1/x; added:/arr/1/y"_s;
    QTest::newRow("nested arrays") << R"([[1,2],[3]])"_ba
                                   << R"([[1,3],[3,4]])"_ba << u"changed:/0/1; added:/1/1"_s;
    QTest::newRow("members in key order")
        << R"({"a":1,"c":1,"e":1})"_ba
        << R"({"b":1,"c":2,"d":1})"_ba
        << u"removed:/a; added:/b; changed:/c; added:/d; removed:/e"_s;
    QTest::newRow("root object to array") << R"({"a":1})"_ba
                                          << R"([1])"_ba << u"type changed:"_s;
    QTest::newRow("escaped tokens") << R"({"a/b":1,"m~n":{"~1":1},"~":1})"_ba
                                    << R"({"a/b":2,"m~n":{"~1":2},"~":2})"_ba
                                    << u"changed:/a~1b; changed:/m~0n/~01; changed:/~0"_s;
    QTest::newRow("empty key") << R"({"":1})"_ba
                               << R"({"":2})"_ba << u"changed:/"_s;
    QTest::newRow("unicode keys") << R"({"é":1,"ü":{"ß":1}})"_ba
                                  << R"({"é":1,"ü":{"ß":2}})"_ba << u"changed:/ü/ß"_s;
}

void TestJsonDiff::differences()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(QString, expected);
    const QJsonValue l = parse(left);
    const QJsonValue r = parse(right);
    QVERIFY(!l.isUndefined() && !r.isUndefined());
    QCOMPARE(summary(diffJson(l, r)), expected);
    // Swapping the sides swaps added and removed but keeps the same pointers in the same order.
    const QList<DiffEntry> forward = diffJson(l, r);
    const QList<DiffEntry> backward = diffJson(r, l);
    QCOMPARE(backward.size(), forward.size());
    for (qsizetype i = 0; i < forward.size(); ++i) {
        QCOMPARE(backward.at(i).pointer, forward.at(i).pointer);
        const DiffKind mirrored = forward.at(i).kind == DiffKind::Added ? DiffKind::Removed
            : forward.at(i).kind == DiffKind::Removed                   ? DiffKind::Added
                                                                        : forward.at(i).kind;
        QCOMPARE(backward.at(i).kind, mirrored);
    }
}

void TestJsonDiff::entriesCarryBothValues()
{
    const QList<DiffEntry> entries =
        diffJson(parse(R"({"a":1,"b":"x","c":[1]})"), parse(R"({"a":2,"c":[1],"d":{"e":1}})"));
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).left, QJsonValue(1));
    QCOMPARE(entries.at(0).right, QJsonValue(2));
    QCOMPARE(entries.at(1).kind, DiffKind::Removed);
    QCOMPARE(entries.at(1).left, QJsonValue(u"x"_s));
    QVERIFY(entries.at(1).right.isUndefined());
    QCOMPARE(entries.at(2).kind, DiffKind::Added);
    QVERIFY(entries.at(2).left.isUndefined());
    QCOMPARE(entries.at(2).right, QJsonValue(QJsonObject { { u"e"_s, 1 } }));
}

void TestJsonDiff::undefinedSides()
{
    const QJsonValue undefined(QJsonValue::Undefined);
    QVERIFY(diffJson(undefined, undefined).isEmpty());
    QCOMPARE(summary(diffJson(undefined, QJsonValue(1))), u"added:"_s);
    QCOMPARE(summary(diffJson(QJsonObject(), undefined)), u"removed:"_s);
}

void TestJsonDiff::scalarsAndContainersAtTheRoot()
{
    QVERIFY(diffJson(QJsonValue(u"s"_s), QJsonValue(u"s"_s)).isEmpty());
    QCOMPARE(summary(diffJson(QJsonValue(1), QJsonValue(u"1"_s))), u"type changed:"_s);
    QVERIFY(diffJson(QJsonArray(), QJsonArray()).isEmpty());
    QCOMPARE(summary(diffJson(QJsonArray(), QJsonArray { QJsonValue() })), u"added:/0"_s);
}

void TestJsonDiff::deepNestingDoesNotRecurse()
{
    constexpr int depth = 10000;
    const QJsonValue left = nested(depth, 1);
    const QJsonValue right = nested(depth, 2);
    const QList<DiffEntry> entries = diffJson(left, right);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().kind, DiffKind::Changed);
    QCOMPARE(entries.first().pointer.size(), qsizetype(depth * 2 + 5)); // "/a" x depth, "/leaf"
    QVERIFY(entries.first().pointer.endsWith(u"/a/a/leaf"_s));
    QVERIFY(diffJson(left, left).isEmpty());
}

void TestJsonDiff::largeArraysAreComparedByIndex()
{
    QJsonArray left;
    QJsonArray right;
    for (int i = 0; i < 100000; ++i) {
        left.append(i);
        right.append(i % 10 == 0 ? i + 1 : i);
    }
    right.append(u"extra"_s);
    const QList<DiffEntry> entries = diffJson(left, right);
    QCOMPARE(entries.size(), 10001);
    QCOMPARE(entries.at(1).pointer, u"/10"_s);
    QCOMPARE(entries.at(1).left, QJsonValue(10));
    QCOMPARE(entries.at(1).right, QJsonValue(11));
    QCOMPARE(entries.last().pointer, u"/100000"_s);
    QCOMPARE(entries.last().kind, DiffKind::Added);
}

void TestJsonDiff::escapeToken_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("token");
    QTest::newRow("plain") << u"amount"_s << u"amount"_s;
    QTest::newRow("slash") << u"a/b"_s << u"a~1b"_s;
    QTest::newRow("tilde") << u"m~n"_s << u"m~0n"_s;
    QTest::newRow("tilde one, not a slash") << u"~1"_s << u"~01"_s;
    QTest::newRow("both") << u"/~"_s << u"~1~0"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestJsonDiff::escapeToken()
{
    QFETCH(QString, key);
    QFETCH(QString, token);
    QCOMPARE(JsonDiff::escapeToken(key), token);
}

void TestJsonDiff::unionKeysKeepsObjectOrder()
{
    const QJsonObject left = parse(R"({"b":1,"d":1,"é":1,"Z":1})").toObject();
    const QJsonObject right = parse(R"({"a":1,"d":1,"z":1,"😀":1})").toObject();
    QJsonObject both = left;
    for (auto it = right.begin(); it != right.end(); ++it)
        both.insert(it.key(), it.value());
    QCOMPARE(JsonDiff::unionKeys(left, right), both.keys());
    QCOMPARE(JsonDiff::unionKeys(left, left), left.keys());
}

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
