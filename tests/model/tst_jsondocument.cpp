#include "json/jsondocument.h"
#include "json/jsonprettyprinter.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void order_data();
    void order();
    void duplicates_data();
    void duplicates();
    void numbers_data();
    void numbers();
    void roots_data();
    void roots();
    void strings_data();
    void strings();
    void invalid_data();
    void invalid();
    void pointers();
    void pretty_data();
    void pretty();
    void deepNesting();
};

namespace {
// Every node as "pointer=raw" (containers as their type), in document order.
QStringList rows(const JsonDocument &document)
{
    QStringList out;
    for (int id = 0; id < document.nodeCount(); ++id) {
        const QString value =
            document.isContainer(id) ? document.typeName(id) : QString::fromUtf8(document.raw(id));
        out.append(document.pointer(id) + u'=' + value);
    }
    return out;
}
} // namespace

void TestJsonDocument::order_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("as sent, not sorted")
        << QByteArray(R"({"id":"n1","reference":"r","url":"u","status":"s","completed_at":null})")
        << QStringList { u"=object"_s,    u"/id=\"n1\""_s,    u"/reference=\"r\""_s,
                         u"/url=\"u\""_s, u"/status=\"s\""_s, u"/completed_at=null"_s };
    QTest::newRow("reversed stays reversed")
        << QByteArray(R"({"z":1,"y":2,"x":3})")
        << QStringList { u"=object"_s, u"/z=1"_s, u"/y=2"_s, u"/x=3"_s };
    QTest::newRow("nested") << QByteArray(R"({"b":{"d":true,"c":[false,{"f":1,"e":2}]},"a":0})")
                            << QStringList { u"=object"_s,    u"/b=object"_s,    u"/b/d=true"_s,
                                             u"/b/c=array"_s, u"/b/c/0=false"_s, u"/b/c/1=object"_s,
                                             u"/b/c/1/f=1"_s, u"/b/c/1/e=2"_s,   u"/a=0"_s };
}

void TestJsonDocument::order()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, rows);
    const JsonDocument document = JsonDocument::parse(json);
    QVERIFY2(document.isValid(), qPrintable(document.error().message));
    QCOMPARE(::rows(document), rows);
}

void TestJsonDocument::duplicates_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("duplicates"); // pointer=raw of every flagged member
    QTest::addColumn<QString>("resolved"); // raw of what "/a"-style lookups find: the last
    QTest::newRow("root") << QByteArray(R"({"a":1,"a":2})") << QStringList { u"/a=2"_s } << u"2"_s;
    QTest::newRow("three times") << QByteArray(R"({"a":1,"b":0,"a":2,"a":3})")
                                 << QStringList { u"/a=2"_s, u"/a=3"_s } << u"3"_s;
    QTest::newRow("nested") << QByteArray(R"({"x":{"a":"p","a":"q"}})")
                            << QStringList { u"/x/a=\"q\""_s } << u"\"q\""_s;
    QTest::newRow("in an array") << QByteArray(R"([{"a":1},{"a":1,"a":{}}])")
                                 << QStringList { u"/1/a=object"_s } << u"{}"_s;
    QTest::newRow("same name, other objects")
        << QByteArray(R"({"a":{"a":1},"b":{"a":2}})") << QStringList {} << u"{\"a\":1}"_s;
    QTest::newRow("escaped spelling of the same name")
        << QByteArray(R"({"a":1,"\u0061":2})") << QStringList { u"/a=2"_s } << u"2"_s;
    QByteArray large = "{";
    for (int i = 0; i < 40; ++i)
        large += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ',';
    large += "\"k7\":true}";
    QTest::newRow("large object (hashed)") << large << QStringList { u"/k7=true"_s } << u"true"_s;
}

void TestJsonDocument::duplicates()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, duplicates);
    QFETCH(QString, resolved);
    const JsonDocument document = JsonDocument::parse(json);
    QVERIFY(document.isValid());
    QStringList flagged;
    for (int id = 0; id < document.nodeCount(); ++id) {
        if (document.has(id, JsonDocument::Duplicate)) {
            const QString value = document.isContainer(id) ? document.typeName(id)
                                                           : QString::fromUtf8(document.raw(id));
            flagged.append(document.pointer(id) + u'=' + value);
        }
    }
    QCOMPARE(flagged, duplicates);
    QCOMPARE(document.hasDuplicates(), !duplicates.isEmpty());
    // Every duplicate is still a node of its own: the object counts all its members.
    const QString first = duplicates.value(0, u"/a"_s).section(u'=', 0, 0);
    const int found = document.resolve(first);
    QVERIFY(found >= 0);
    QCOMPARE(QString::fromUtf8(document.raw(found)), resolved);
}

void TestJsonDocument::numbers_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<QString>("type");
    // RFC 8259 section 6, every form: each keeps its source text.
    const QList<QPair<const char *, const char *>> forms {
        { "0", "integer" },
        { "-0", "integer" },
        { "-0.0", "integer" },
        { "1.0", "integer" },
        { "1.50", "number" },
        { "1e2", "integer" },
        { "1E+2", "integer" },
        { "1e-2", "number" },
        { "-12.5e-3", "number" },
        { "12345678901234567890", "integer" },
        { "123456789012345678901234567890", "integer" },
        { "2147483648", "integer" },
        { "9007199254740993", "integer" },
        { "1e400", "integer" },
        { "1.5e-400", "number" },
        { "0.1", "number" },
    };
    for (const auto &[text, type] : forms)
        QTest::addRow("%s", text) << QByteArray(text) << QString::fromLatin1(type);
}

void TestJsonDocument::numbers()
{
    QFETCH(QByteArray, number);
    QFETCH(QString, type);
    const QByteArray json = "{\"n\": " + number + ", \"a\": [" + number + "]}";
    const JsonDocument document = JsonDocument::parse(json);
    QVERIFY2(document.isValid(), qPrintable(document.error().message));
    for (const QString &pointer : { u"/n"_s, u"/a/0"_s }) {
        const int id = document.resolve(pointer);
        QCOMPARE(document.type(id), JsonDocument::Type::Number);
        QCOMPARE(document.raw(id), QByteArrayView(number));
        QCOMPARE(document.typeName(id), type);
    }
    QCOMPARE(JsonPrettyPrinter::print(document, 0, 0),
             "{\"n\":" + number + ",\"a\":[" + number + "]}");
    // A member printed alone is its value, without its name (Copy Value, json. filters).
    QCOMPARE(JsonPrettyPrinter::print(document, document.resolve(u"/a"_s), 0), "[" + number + "]");
}

void TestJsonDocument::roots_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("number") << QByteArray(" 42 ") << u"integer"_s << QByteArray("42");
    QTest::newRow("big number") << QByteArray("12345678901234567891") << u"integer"_s
                                << QByteArray("12345678901234567891");
    QTest::newRow("string") << QByteArray("\"x\"\n") << u"string"_s << QByteArray("\"x\"");
    QTest::newRow("true") << QByteArray("true") << u"boolean"_s << QByteArray("true");
    QTest::newRow("null") << QByteArray("\tnull") << u"null"_s << QByteArray("null");
    QTest::newRow("empty array") << QByteArray("[]") << u"array"_s << QByteArray("[]");
    QTest::newRow("array") << QByteArray("[1, \"a\"]") << u"array"_s << QByteArray("[1, \"a\"]");
    QTest::newRow("after a BOM") << QByteArray("\xef\xbb\xbf{}") << u"object"_s << QByteArray("{}");
}

void TestJsonDocument::roots()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, type);
    QFETCH(QByteArray, raw);
    const JsonDocument document = JsonDocument::parse(json);
    QVERIFY2(document.isValid(), qPrintable(document.error().message));
    QCOMPARE(document.typeName(0), type);
    QCOMPARE(document.raw(0), QByteArrayView(raw));
    QCOMPARE(document.pointer(0), QString());
    QCOMPARE(document.resolve(u""), 0);
}

void TestJsonDocument::strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("loneSurrogate");
    QTest::newRow("plain") << QByteArray(R"("abc")") << u"abc"_s << false;
    QTest::newRow("escapes") << QByteArray(R"("a\"b\\c\/d\n\t")") << u"a\"b\\c/d\n\t"_s << false;
    QTest::newRow("utf-8") << QByteArray("\"Gr\xc3\xbc\xc3\x9f \xf0\x9f\x98\x80\"") << u"Grüß 😀"_s
                           << false;
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\ude00")") << u"😀"_s << false;
    QTest::newRow("lone high") << QByteArray(R"("a\ud83db")") << u"a\ufffdb"_s << true;
    QTest::newRow("lone low") << QByteArray(R"("\ude00")") << u"\ufffd"_s << true;
    QTest::newRow("high then non-low") << QByteArray(R"("\ud83d\u0041")") << u"\ufffdA"_s << true;
    // QString::fromUtf8 alone would drop a byte order mark that starts the text.
    QTest::newRow("byte order mark first") << QByteArray("\"\xef\xbb\xbf"
                                                         "b\"")
                                           << u"\ufeffb"_s << false;
    QTest::newRow("two byte order marks")
        << QByteArray("\"\xef\xbb\xbf\xef\xbb\xbf\"") << u"\ufeff\ufeff"_s << false;
    QTest::newRow("escaped byte order mark") << QByteArray(R"("\ufeffb")") << u"\ufeffb"_s << false;
}

void TestJsonDocument::strings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, value);
    QFETCH(bool, loneSurrogate);
    const JsonDocument document = JsonDocument::parse("{" + json + ": " + json + "}");
    QVERIFY2(document.isValid(), qPrintable(document.error().message));
    QCOMPARE(document.key(1), value);
    QCOMPARE(document.string(1), value);
    QCOMPARE(document.raw(1), QByteArrayView(json));
    QCOMPARE(document.rawKey(1), QByteArrayView(json));
    QCOMPARE(document.has(1, JsonDocument::LoneSurrogate), loneSurrogate);
}

void TestJsonDocument::invalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("offset");
    QTest::newRow("empty") << QByteArray("") << qint64(0);
    QTest::newRow("trailing comma") << QByteArray("[1,]") << qint64(3);
    QTest::newRow("two values") << QByteArray("1 2") << qint64(2);
    QTest::newRow("unterminated") << QByteArray("{\"a\":\"x") << qint64(7);
    QTest::newRow("invalid UTF-8 byte") << QByteArray("[\"a\xff\"]") << qint64(3);
    QTest::newRow("overlong UTF-8") << QByteArray("\"\xc0\xaf\"") << qint64(1);
    QTest::newRow("UTF-8 surrogate") << QByteArray("\"\xed\xa0\x80\"") << qint64(1);
    QTest::newRow("truncated UTF-8") << QByteArray("\"\xe2\x82\"") << qint64(1);
    QTest::newRow("raw control") << QByteArray("\"a\nb\"") << qint64(2);
    QTest::newRow("bad escape") << QByteArray(R"("\x")") << qint64(1);
    QTest::newRow("short \\u") << QByteArray(R"("\u12")") << qint64(1);
    QTest::newRow("leading zero") << QByteArray("012") << qint64(1);
    QTest::newRow("NaN") << QByteArray("NaN") << qint64(0);
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << qint64(1);
    QTest::newRow("BOM, then nothing") << QByteArray("\xef\xbb\xbf") << qint64(3);
}

void TestJsonDocument::invalid()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, offset);
    const JsonDocument document = JsonDocument::parse(json);
    QVERIFY(!document.isValid());
    QVERIFY(!document.error().message.isEmpty());
    QCOMPARE(document.error().offset, offset);
}

void TestJsonDocument::pointers()
{
    const JsonDocument document = JsonDocument::parse(R"({"a/b":{"c~d":[10,20]},"":1})");
    const int id = document.resolve(u"/a~1b/c~0d/1");
    QCOMPARE(document.raw(id), "20");
    QCOMPARE(document.pointer(id), u"/a~1b/c~0d/1"_s);
    QCOMPARE(document.raw(document.resolve(u"/")), "1");
    QCOMPARE(document.resolve(u"/a~1b/c~0d/2"), -1);
    QCOMPARE(document.resolve(u"/a~1b/c~0d/+1"), -1);
    QCOMPARE(document.resolve(u"/missing"), -1);
}

void TestJsonDocument::pretty_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("pretty");
    QTest::newRow("order, numbers and escapes as sent")
        << QByteArray(
               R"({"id":"n\u0031","big":12345678901234567890,"price":1.50,"exp":1e2,"neg":-0.0})")
        << QByteArray("{\n    \"id\": \"n\\u0031\",\n    \"big\": 12345678901234567890,\n"
                      "    \"price\": 1.50,\n    \"exp\": 1e2,\n    \"neg\": -0.0\n}");
    QTest::newRow("duplicates and nesting")
        << QByteArray(R"({"a":1,"a":[ ],"o":{"x":[1,{}]}})")
        << QByteArray("{\n    \"a\": 1,\n    \"a\": [],\n    \"o\": {\n        \"x\": [\n"
                      "            1,\n            {}\n        ]\n    }\n}");
    QTest::newRow("scalar root") << QByteArray(" 1.0 ") << QByteArray("1.0");
}

void TestJsonDocument::pretty()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, pretty);
    const JsonDocument document = JsonDocument::parse(json);
    QCOMPARE(JsonPrettyPrinter::print(document), pretty);
    // Printing what was printed changes nothing more.
    QCOMPARE(JsonPrettyPrinter::print(JsonDocument::parse(pretty)), pretty);
}

void TestJsonDocument::deepNesting()
{
    const int depth = 1024; // JsonParser::kMaxDepth, as Qt's parser
    const QByteArray json = QByteArray(depth, '[') + QByteArray(depth, ']');
    const JsonDocument document = JsonDocument::parse(json);
    QVERIFY(document.isValid());
    QCOMPARE(document.nodeCount(), depth);
    QCOMPARE(JsonPrettyPrinter::print(document, 0, 0), json);
    const JsonDocument deeper = JsonDocument::parse('[' + json + ']');
    QVERIFY(!deeper.isValid());
    QCOMPARE(deeper.error().offset, depth);
}

QTEST_APPLESS_MAIN(TestJsonDocument)
#include "tst_jsondocument.moc"
