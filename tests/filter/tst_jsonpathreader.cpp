#include "filter/jsonpathreader.h"
#include "jsonpathcheck.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// JsonPathReader must give what QJsonDocument + FilterJsonPath::resolve give, or nothing (and
// the caller parses): checked on hand-written cases, on bodies it must leave to QJsonDocument,
// and on every path of every JSON file the tests carry.
class TestJsonPathReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void leavesToQJsonDocument_data();
    void leavesToQJsonDocument();
    void contextAgreesEitherWay_data();
    void contextAgreesEitherWay();
    void agreesOnEveryPathOfTestData();

private:
    static void addPaths(const QJsonValue &value, const QString &prefix, QStringList &out,
                         int depth = 0);
};

void TestJsonPathReader::reads_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("expected"); // canonical: type:text

    const auto row = [](const char *name, const QByteArray &body, const QString &path,
                        const QList<QJsonValue> &values) {
        QTest::newRow(name) << body << path << JsonPathCheck::canonical(values);
    };
    row("string", R"({"a":"x"})", u"a"_s, { u"x"_s });
    row("nested number", R"({"a":{"b":1}})", u"a.b"_s, { 1 });
    row("spaces everywhere", " \r\n\t{ \"a\" :\n[ 1 , { \"b\" : true } ] }\n ", u"a[1].b"_s,
        { true });
    row("index", R"({"a":[1,2,3]})", u"a[1]"_s, { 2 });
    row("index from the end", R"({"a":[1,2,3]})", u"a[-1]"_s, { 3 });
    row("index past the end", R"({"a":[1,2,3]})", u"a[3]"_s, {});
    row("numeric name on an array", R"({"a":[1,2,3]})", u"a.0"_s, { 1 });
    row("index on an object", R"({"0":"zero"})", u"[0]"_s, { u"zero"_s });
    row("every element", R"({"a":[1,"two",null]})", u"a[*]"_s,
        { 1, u"two"_s, QJsonValue(QJsonValue::Null) });
    row("every member", R"({"o":{"y":2,"x":1}})", u"o[*]"_s, { 1, 2 });
    row("through every element", R"([{"id":"a"},{"no":1},{"id":"b"}])", u"[*].id"_s,
        { u"a"_s, u"b"_s });
    row("missing", R"({"a":1})", u"b"_s, {});
    row("through a scalar", R"({"a":1})", u"a.b"_s, {});
    row("object at the end", R"({"a":{"b":[1,{"c":null}]}})", u"a"_s,
        { QJsonObject { { u"b"_s, QJsonArray { 1, QJsonObject { { u"c"_s, QJsonValue() } } } } } });
    row("array at the end", R"({"a":[ 1, [] ]})", u"a"_s, { QJsonArray { 1, QJsonArray() } });
    row("empty path", R"([1])", QString(), { QJsonArray { 1 } });
    row("escapes", R"({"a":"tab\tquote\" slash\/ \u00fc \ud83d\ude00"})", u"a"_s,
        { u"tab\tquote\" slash/ ü 😀"_s });
    row("escaped name", R"({"\u0061":5})", u"a"_s, { 5 });
    row("UTF-8 text", "{\"name\":\"M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x98\x80\"}", u"name"_s,
        { u"Müller € 😀"_s });
    row("UTF-8 name", "{\"gr\xc3\xb6\xc3\x9f\x65\":1}", u"größe"_s, { 1 });
    row("literals", R"({"t":true,"f":false,"n":null})", u"f"_s, { false });
    row("null", R"({"t":true,"f":false,"n":null})", u"n"_s, { QJsonValue(QJsonValue::Null) });
    row("exponent", R"({"v":1.5e3})", u"v"_s, { 1500.0 });
    row("negative fraction", R"({"v":-2.25})", u"v"_s, { -2.25 });
    row("zero", R"({"v":0})", u"v"_s, { 0 });
    row("integer below 2^53", R"({"v":9007199254740991})", u"v"_s, { 9007199254740991.0 });
    row("15 significant digits", R"({"v":0.00123456789012345})", u"v"_s, { 0.00123456789012345 });
    row("duplicates off the path are fine", R"({"a":1,"a":2,"b":3})", u"b"_s, { 3 });
    row("deep", QByteArray(200, '[') + "7" + QByteArray(200, ']'), QString(u"[0]"_s).repeated(200),
        { 7 });
}

void TestJsonPathReader::reads()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    QFETCH(QStringList, expected);
    const JsonPathReader reader(JsonPathCheck::path(path));
    const std::optional<QList<QJsonValue>> values = reader.read(body);
    QVERIFY2(values, "read from the bytes");
    QCOMPARE(JsonPathCheck::canonical(*values), expected);
    QCOMPARE(JsonPathCheck::canonical(JsonPathCheck::reference(body, reader.path())), expected);
}

void TestJsonPathReader::leavesToQJsonDocument_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");

    QTest::newRow("empty") << QByteArray() << u"a"_s;
    QTest::newRow("only spaces") << " \n"_ba << u"a"_s;
    QTest::newRow("bare number") << "42"_ba << QString();
    QTest::newRow("bare string") << R"("text")"_ba << QString();
    QTest::newRow("byte order mark") << "\xef\xbb\xbf{\"a\":1}"_ba << u"a"_s;
    QTest::newRow("trailing comma") << R"({"a":1,})"_ba << u"a"_s;
    QTest::newRow("cut short") << R"({"a":1)"_ba << u"a"_s;
    QTest::newRow("garbage after") << R"({"a":1} x)"_ba << u"a"_s;
    QTest::newRow("NUL after") << QByteArray("{\"a\":1}\0", 8) << u"a"_s;
    QTest::newRow("single quotes") << R"({'a':1})"_ba << u"a"_s;
    QTest::newRow("leading zero") << R"({"a":01})"_ba << u"a"_s;
    QTest::newRow("bare fraction") << R"({"a":.5})"_ba << u"a"_s;
    QTest::newRow("plus sign") << R"({"a":+1})"_ba << u"a"_s;
    QTest::newRow("duplicate name on the path") << R"({"a":1,"a":2})"_ba << u"a"_s;
    QTest::newRow("duplicate name under [*]") << R"({"a":1,"a":2})"_ba << u"[*]"_s;
    QTest::newRow("same name, escaped") << R"({"a":1,"\u0061":2})"_ba << u"[*]"_s;
    QTest::newRow("minus zero") << R"({"a":-0})"_ba << u"a"_s;
    QTest::newRow("beyond double") << R"({"a":1e400})"_ba << u"a"_s;
    QTest::newRow("19 digits") << R"({"a":1234567890123456789})"_ba << u"a"_s;
    // Filters compare numbers exactly: what a double cannot tell apart goes to JsonDocument.
    QTest::newRow("large integer") << R"({"a":123456789012345678})"_ba << u"a"_s;
    QTest::newRow("2^53 + 1") << R"({"a":9007199254740993})"_ba << u"a"_s;
    QTest::newRow("16 significant digits") << R"({"a":0.1000000000000001})"_ba << u"a"_s;
    QTest::newRow("lone high surrogate") << R"({"a":"\ud800"})"_ba << u"a"_s;
    QTest::newRow("lone low surrogate") << R"({"a":"\udc00"})"_ba << u"a"_s;
    QTest::newRow("escaped NUL") << R"({"a":"\u0000"})"_ba << u"a"_s;
    QTest::newRow("noncharacter") << R"({"a":"\uffff"})"_ba << u"a"_s;
    QTest::newRow("raw tab in a string") << "{\"a\":\"x\ty\"}"_ba << u"a"_s;
    QTest::newRow("bad escape") << R"({"a":"\x"})"_ba << u"a"_s;
    QTest::newRow("invalid UTF-8") << "{\"a\":\"\xff\"}"_ba << u"a"_s;
    QTest::newRow("overlong UTF-8") << "{\"a\":\"\xc0\xaf\"}"_ba << u"a"_s;
    QTest::newRow("encoded surrogate") << "{\"a\":\"\xed\xa0\x80\"}"_ba << u"a"_s;
    QTest::newRow("too deep") << QByteArray(300, '[') + QByteArray(300, ']') << QString();
    QTest::newRow("true misspelt") << R"({"a":tru})"_ba << u"a"_s;
}

void TestJsonPathReader::leavesToQJsonDocument()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    const JsonPathReader reader(JsonPathCheck::path(path));
    QVERIFY(!reader.read(body));
}

void TestJsonPathReader::contextAgreesEitherWay_data()
{
    leavesToQJsonDocument_data();
}

// Whichever way FilterContext gets there, a filter sees the reference values.
void TestJsonPathReader::contextAgreesEitherWay()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    const JsonPathReader reader(JsonPathCheck::path(path));
    Event event;
    event.body = body;
    const EventSummary summary;
    FilterContext context(summary, &event);
    QCOMPARE(JsonPathCheck::canonical(JsonPathCheck::contextValues(context, reader)),
             JsonPathCheck::canonical(JsonPathCheck::reference(body, reader.path())));
}

// Every member path, every [n] and [-1] and [*] of a document (bounded).
void TestJsonPathReader::addPaths(const QJsonValue &value, const QString &prefix, QStringList &out,
                                  int depth)
{
    if (out.size() > 400 || depth > 8)
        return;
    out.append(prefix);
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        out.append(prefix + u"[*]"_s);
        out.append(prefix + u".absent"_s);
        for (auto it = object.begin(); it != object.end(); ++it) {
            const bool plain = !it.key().contains(u'.') && !it.key().contains(u'[')
                && !it.key().contains(u'"') && !it.key().isEmpty();
            if (plain)
                addPaths(it.value(), prefix + u'.' + it.key(), out, depth + 1);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        out.append(prefix + u"[*]"_s);
        out.append(prefix + u"[-1]"_s);
        out.append(prefix + u"[999]"_s);
        for (qsizetype i = 0; i < array.size() && i < 3; ++i)
            addPaths(array.at(i), prefix + u"[%1]"_s.arg(i), out, depth + 1);
    }
}

void TestJsonPathReader::agreesOnEveryPathOfTestData()
{
    int files = 0;
    int paths = 0;
    int readDirectly = 0;
    QDirIterator it(QStringLiteral(HOOKSCOPE_TEST_DATA), { u"*.json"_s }, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray body = in.readAll();
        const QJsonDocument document = QJsonDocument::fromJson(body);
        QStringList list;
        if (!document.isNull())
            addPaths(document.isObject() ? QJsonValue(document.object())
                                         : QJsonValue(document.array()),
                     QString(), list);
        list.append({ u"a"_s, u"[0]"_s, u"[*]"_s });
        ++files;
        for (const QString &path : std::as_const(list)) {
            const JsonPathReader reader(JsonPathCheck::path(path));
            const std::optional<QList<QJsonValue>> values = reader.read(body);
            const QList<QJsonValue> expected = JsonPathCheck::reference(body, reader.path());
            ++paths;
            if (!values)
                continue;
            ++readDirectly;
            QVERIFY2(JsonPathCheck::canonical(*values) == JsonPathCheck::canonical(expected),
                     qPrintable(file + u" at "_s + path));
        }
        // The Solaris seeds are what the reader is for: it must read them all itself.
        if (file.contains(u"/seeds/"_s))
            QVERIFY2(JsonPathReader(JsonPathCheck::path(u"[*]"_s)).read(body), qPrintable(file));
    }
    qInfo("%d files, %d paths, %d read from the bytes", files, paths, readDirectly);
    QVERIFY(files >= 15);
    QVERIFY(readDirectly > paths / 2);
}

QTEST_GUILESS_MAIN(TestJsonPathReader)
#include "tst_jsonpathreader.moc"
