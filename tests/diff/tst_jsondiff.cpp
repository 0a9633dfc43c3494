#include "diff/jsondiff.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
JsonDocument parse(const QByteArray &json)
{
    return JsonDocument::parse(json);
}

// The current test row's two documents, from its columns "left" and "right".
std::pair<JsonDocument, JsonDocument> fetchDocuments()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    return { parse(left), parse(right) };
}

// "added:/b=1" for each entry: the pointer and the text of the side that has the value.
QString withValues(const JsonDocument &left, const JsonDocument &right,
                   const QList<DiffEntry> &entries)
{
    QStringList parts;
    for (const DiffEntry &entry : entries) {
        const QString l =
            entry.leftNode >= 0 ? QString::fromUtf8(left.raw(entry.leftNode)) : u"-"_s;
        const QString r =
            entry.rightNode >= 0 ? QString::fromUtf8(right.raw(entry.rightNode)) : u"-"_s;
        parts.append(diffKindName(entry.kind) + u':' + entry.pointer + u'=' + l + u'|' + r);
    }
    return parts.join(u"; "_s);
}

// "changed:/a; added:/b" : compact enough for a data table.
QString summary(const QList<DiffEntry> &entries)
{
    QStringList parts;
    for (const DiffEntry &entry : entries)
        parts.append(diffKindName(entry.kind) + u':' + entry.pointer);
    return parts.join(u"; "_s);
}

// {"a":{"a":...{"leaf":leaf}}} nested `depth` objects deep.
JsonDocument nested(int depth, const QByteArray &leaf)
{
    return parse(QByteArray("{\"a\":").repeated(depth) + "{\"leaf\":" + leaf + "}"
                 + QByteArray(depth, '}'));
}
} // namespace

class TestJsonDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differences_data();
    void differences();
    void asSent_data();
    void asSent();
    void writtenDifferently_data();
    void writtenDifferently();
    void entriesCarryBothValues();
    void undefinedSides();
    void scalarsAndContainersAtTheRoot();
    void deepNestingDoesNotRecurse();
    void largeArraysAreComparedByIndex();
    void escapeToken_data();
    void escapeToken();
    void memberPairsFollowBothOrders();
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
    QTest::newRow("members in the order sent")
        << R"({"e":1,"c":1,"a":1})"_ba
        << R"({"d":1,"c":2,"b":1})"_ba
        << u"removed:/e; added:/d; changed:/c; removed:/a; added:/b"_s;
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
    const auto [l, r] = fetchDocuments();
    QFETCH(QString, expected);
    QVERIFY(l.isValid() && r.isValid());
    QCOMPARE(summary(diffJson(l, r)), expected);
    // Swapping the sides swaps added and removed and finds the same pointers (the order is the
    // left side's, so it may differ).
    const auto mirrored = [](const QList<DiffEntry> &entries, bool swap) {
        QStringList parts;
        for (const DiffEntry &entry : entries) {
            DiffKind kind = entry.kind;
            if (swap && kind == DiffKind::Added)
                kind = DiffKind::Removed;
            else if (swap && kind == DiffKind::Removed)
                kind = DiffKind::Added;
            parts.append(diffKindName(kind) + u':' + entry.pointer);
        }
        parts.sort();
        return parts;
    };
    QCOMPARE(mirrored(diffJson(r, l), true), mirrored(diffJson(l, r), false));
}

// Order, duplicates, numbers and scalar roots as sent, with the values each entry points at.
void TestJsonDiff::asSent_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QString>("expected");

    QTest::newRow("reordered members are the same")
        << R"({"id":"n1","reference":"r","url":"u"})"_ba
        << R"({"url":"u","id":"n1","reference":"r"})"_ba << QString();
    QTest::newRow("differences come in the left's order")
        << R"({"z":1,"m":1,"a":1})"_ba
        << R"({"z":2,"m":2,"a":2})"_ba << u"changed:/z=1|2; changed:/m=1|2; changed:/a=1|2"_s;
    QTest::newRow("a member only the right has follows its neighbour")
        << R"({"id":1,"status":"a","url":"u"})"_ba
        << R"({"id":1,"status":"a","completed_at":"t","url":"u"})"_ba
        << uR"(added:/completed_at=-|"t")"_s;
    QTest::newRow("big integers, exactly")
        << R"({"big":12345678901234567890})"_ba
        << R"({"big":12345678901234567891})"_ba
        << u"changed:/big=12345678901234567890|12345678901234567891"_s;
    QTest::newRow("big integers, equal") << R"({"big":12345678901234567890})"_ba
                                         << R"({"big":12345678901234567890})"_ba << QString();
    QTest::newRow("beyond a double's digits")
        << R"([0.10000000000000000001])"_ba
        << R"([0.10000000000000000002])"_ba
        << u"changed:/0=0.10000000000000000001|0.10000000000000000002"_s;
    QTest::newRow("1.50 is 1.5") << R"({"price":1.50})"_ba
                                 << R"({"price":1.5})"_ba << QString();
    QTest::newRow("1e2 is 100") << R"({"exp":1e2})"_ba
                                << R"({"exp":100})"_ba << QString();
    QTest::newRow("-0.0 is 0") << R"({"neg":-0.0})"_ba
                               << R"({"neg":0})"_ba << QString();
    QTest::newRow("1.50 is not 1.51") << R"({"price":1.50})"_ba
                                      << R"({"price":1.51})"_ba << u"changed:/price=1.50|1.51"_s;
    QTest::newRow("escapes are the same string") << R"({"s":"\u0041"})"_ba
                                                 << R"({"s":"A"})"_ba << QString();
    QTest::newRow("duplicates pair up in order") << R"({"a":1,"a":2})"_ba
                                                 << R"({"a":1,"a":3})"_ba << u"changed:/a=2|3"_s;
    QTest::newRow("a duplicate only the left has") << R"({"a":1,"a":2})"_ba
                                                   << R"({"a":1})"_ba << u"removed:/a=2|-"_s;
    QTest::newRow("a duplicate only the right has")
        << R"({"a":1,"b":0})"_ba
        << R"({"a":1,"b":0,"a":2})"_ba << u"added:/a=-|2"_s;
    QTest::newRow("nested duplicates")
        << R"({"o":{"k":"x","k":"y"}})"_ba
        << R"({"o":{"k":"x","k":"z"}})"_ba << uR"(changed:/o/k="y"|"z")"_s;
    QTest::newRow("arrays by index, as sent")
        << R"([1.0,2,[3]])"_ba
        << R"([1,2.5,[3,4]])"_ba << u"changed:/1=2|2.5; added:/2/1=-|4"_s;
    QTest::newRow("scalar roots") << "42"_ba
                                  << "43"_ba << u"changed:=42|43"_s;
    QTest::newRow("scalar roots written differently") << "4.20"_ba
                                                      << "4.2"_ba << QString();
    QTest::newRow("string root") << R"("x")"_ba
                                 << R"("y")"_ba << uR"(changed:="x"|"y")"_s;
    QTest::newRow("scalar root against object")
        << "null"_ba
        << R"({"a":1})"_ba << uR"(type changed:=null|{"a":1})"_s;
}

void TestJsonDiff::asSent()
{
    const auto [l, r] = fetchDocuments();
    QFETCH(QString, expected);
    QVERIFY(l.isValid() && r.isValid());
    QCOMPARE(withValues(l, r, diffJson(l, r)), expected);
}

void TestJsonDiff::writtenDifferently_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<bool>("writtenDifferently");
    QTest::newRow("1.50 and 1.5") << "1.50"_ba
                                  << "1.5"_ba << true;
    QTest::newRow("1e2 and 100") << "1e2"_ba
                                 << "100"_ba << true;
    QTest::newRow("-0.0 and 0") << "-0.0"_ba
                                << "0"_ba << true;
    QTest::newRow("escaped and plain") << R"("\u0041")"_ba
                                       << R"("A")"_ba << true;
    QTest::newRow("same text") << "1.50"_ba
                               << "1.50"_ba << false;
    QTest::newRow("other value") << "1.5"_ba
                                 << "1.6"_ba << false;
    QTest::newRow("other type") << "1"_ba
                                << R"("1")"_ba << false;
    QTest::newRow("containers") << "[1.0]"_ba
                                << "[1]"_ba << false; // their members say it
}

void TestJsonDiff::writtenDifferently()
{
    const auto [l, r] = fetchDocuments();
    QFETCH(bool, writtenDifferently);
    QCOMPARE(JsonDiff::sameButWrittenDifferently(l, 0, r, 0), writtenDifferently);
}

void TestJsonDiff::entriesCarryBothValues()
{
    const JsonDocument left = parse(R"({"a":1,"b":"x","c":[1]})");
    const JsonDocument right = parse(R"({"a":2,"c":[1],"d":{"e":1}})");
    const QList<DiffEntry> entries = diffJson(left, right);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(left.raw(entries.at(0).leftNode), "1");
    QCOMPARE(right.raw(entries.at(0).rightNode), "2");
    QCOMPARE(entries.at(1).kind, DiffKind::Removed);
    QCOMPARE(left.raw(entries.at(1).leftNode), "\"x\"");
    QCOMPARE(entries.at(1).rightNode, -1);
    QCOMPARE(entries.at(2).kind, DiffKind::Added);
    QCOMPARE(entries.at(2).leftNode, -1);
    QCOMPARE(right.raw(entries.at(2).rightNode), R"({"e":1})");
}

void TestJsonDiff::undefinedSides()
{
    const JsonDocument absent;
    QVERIFY(diffJson(absent, absent).isEmpty());
    QCOMPARE(summary(diffJson(absent, parse("1"))), u"added:"_s);
    QCOMPARE(summary(diffJson(parse("{}"), absent)), u"removed:"_s);
}

void TestJsonDiff::scalarsAndContainersAtTheRoot()
{
    QVERIFY(diffJson(parse(R"("s")"), parse(R"("s")")).isEmpty());
    QCOMPARE(summary(diffJson(parse("1"), parse(R"("1")"))), u"type changed:"_s);
    QVERIFY(diffJson(parse("[]"), parse("[]")).isEmpty());
    QCOMPARE(summary(diffJson(parse("[]"), parse("[null]"))), u"added:/0"_s);
}

void TestJsonDiff::deepNestingDoesNotRecurse()
{
    constexpr int depth = 1000; // JsonParser refuses deeper documents, as Qt's parser does
    const JsonDocument left = nested(depth, "1");
    const JsonDocument right = nested(depth, "2");
    QVERIFY(left.isValid() && right.isValid());
    const QList<DiffEntry> entries = diffJson(left, right);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().kind, DiffKind::Changed);
    QCOMPARE(entries.first().pointer.size(), qsizetype(depth * 2 + 5)); // "/a" x depth, "/leaf"
    QVERIFY(entries.first().pointer.endsWith(u"/a/a/leaf"_s));
    QVERIFY(diffJson(left, left).isEmpty());
}

void TestJsonDiff::largeArraysAreComparedByIndex()
{
    QByteArrayList leftItems;
    QByteArrayList rightItems;
    for (int i = 0; i < 100000; ++i) {
        leftItems.append(QByteArray::number(i));
        rightItems.append(QByteArray::number(i % 10 == 0 ? i + 1 : i));
    }
    rightItems.append("\"extra\"");
    const JsonDocument left = parse('[' + leftItems.join(',') + ']');
    const JsonDocument right = parse('[' + rightItems.join(',') + ']');
    const QList<DiffEntry> entries = diffJson(left, right);
    QCOMPARE(entries.size(), 10001);
    QCOMPARE(entries.at(1).pointer, u"/10"_s);
    QCOMPARE(left.raw(entries.at(1).leftNode), "10");
    QCOMPARE(right.raw(entries.at(1).rightNode), "11");
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

// Pairs as (left key | right key); the shared order of diffJson and DiffTree.
void TestJsonDiff::memberPairsFollowBothOrders()
{
    const JsonDocument left = parse(R"({"b":1,"d":1,"é":1,"Z":1,"d":2})");
    const JsonDocument right = parse(R"({"a":1,"d":1,"z":1,"😀":1,"Z":1,"d":3,"d":4})");
    QStringList pairs;
    for (const auto &[l, r] : JsonDiff::memberPairs(left, 0, right, 0))
        pairs.append((l >= 0 ? left.key(l) : u"-"_s) + u'|' + (r >= 0 ? right.key(r) : u"-"_s));
    QCOMPARE(pairs,
             QStringList({ u"b|-"_s, u"-|a"_s, u"d|d"_s, u"é|-"_s, u"-|z"_s, u"-|😀"_s, u"Z|Z"_s,
                           u"d|d"_s, u"-|d"_s }));
    // Object against array: the left's members, then the right's.
    const JsonDocument array = parse("[7]");
    QCOMPARE(JsonDiff::memberPairs(left, 0, array, 0).size(), size_t(6));
    QCOMPARE(JsonDiff::memberPairs(left, 0, array, 0).back(), std::make_pair(-1, 1));
}

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
