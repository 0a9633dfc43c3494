#include "filter/filter.h"
#include "filter/filtercompletion.h"
#include "filter/filterparser.h"
#include "filterfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// "Apply as filter", quoting and the completion lists: everything they produce must compile.
class TestFilterCompletion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonPointer_data();
    void jsonPointer();
    void everyLeafOfThePayloadRoundTrips();
    void header();
    void quote_data();
    void quote();
    void fieldNamesCompile();
    void valueNamesCompile();
    void completionsAt_data();
    void completionsAt();
    void completionResult_data();
    void completionResult();
    void soundBefore_data();
    void soundBefore();
};

namespace {
bool compiles(const QString &expression)
{
    return std::holds_alternative<Filter>(Filter::compile(expression));
}

// Every leaf of a JSON value with its RFC 6901 pointer.
void collectLeaves(const QJsonValue &value, const QString &pointer,
                   QList<QPair<QString, QJsonValue>> &out)
{
    const auto escape = [](QString key) {
        return key.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectLeaves(it.value(), pointer + u'/' + escape(it.key()), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            collectLeaves(array.at(i), pointer + u'/' + QString::number(i), out);
    } else {
        out.append({ pointer, value });
    }
}
} // namespace

void TestFilterCompletion::jsonPointer_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("array index") << u"/data/items/0/id"_s << QJsonValue(u"x"_s)
                                 << u"json.data.items[0].id == \"x\""_s;
    QTest::newRow("integer") << u"/amount/value"_s << QJsonValue(12500)
                             << u"json.amount.value == 12500"_s;
    QTest::newRow("negative") << u"/v"_s << QJsonValue(-160) << u"json.v == -160"_s;
    QTest::newRow("fraction") << u"/fee"_s << QJsonValue(0.25) << u"json.fee == 0.25"_s;
    QTest::newRow("bool") << u"/flags/instant"_s << QJsonValue(true)
                          << u"json.flags.instant == true"_s;
    QTest::newRow("null") << u"/flags/note"_s << QJsonValue(QJsonValue::Null)
                          << u"json.flags.note == null"_s;
    QTest::newRow("odd keys") << u"/weird key/a.b"_s << QJsonValue(u"dotted"_s)
                              << u"json[\"weird key\"][\"a.b\"] == \"dotted\""_s;
    QTest::newRow("escaped pointer")
        << u"/a~1b/c~0d/~01"_s << QJsonValue(1) << u"json[\"a/b\"][\"c~d\"][\"~1\"] == 1"_s;
    QTest::newRow("empty key") << u"/"_s << QJsonValue(1) << u"json[\"\"] == 1"_s;
    // .* is the wildcard, so a member named * must be quoted
    QTest::newRow("star key") << u"/*"_s << QJsonValue(1) << u"json[\"*\"] == 1"_s;
    QTest::newRow("unicode key") << u"/données"_s << QJsonValue(u"€"_s)
                                 << u"json.données == \"€\""_s;
    QTest::newRow("quotes in value")
        << u"/q"_s << QJsonValue(u"say \"hi\"\n"_s) << u"json.q == \"say \\\"hi\\\"\\n\""_s;
    QTest::newRow("array") << u"/data/items"_s << QJsonValue(QJsonArray { 1 })
                           << u"json.data.items"_s;
    QTest::newRow("object") << u"/amount"_s << QJsonValue(QJsonObject {}) << u"json.amount"_s;
    QTest::newRow("whole document") << QString() << QJsonValue(QJsonObject {}) << u"json"_s;
}

void TestFilterCompletion::jsonPointer()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    const QString filter = filterForJsonPointer(pointer, value);
    QCOMPARE(filter, expected);
    QVERIFY(compiles(filter));
}

void TestFilterCompletion::everyLeafOfThePayloadRoundTrips()
{
    const Event event = FilterFixture::eventA();
    const EventSummary summary = FilterFixture::summaryA(event);
    const QJsonDocument document = QJsonDocument::fromJson(event.body);
    QList<QPair<QString, QJsonValue>> leaves;
    collectLeaves(document.object(), QString(), leaves);
    QVERIFY(leaves.size() > 15);
    for (const auto &[pointer, value] : std::as_const(leaves)) {
        const QString expression = filterForJsonPointer(pointer, value);
        const auto result = Filter::compile(expression);
        QVERIFY2(std::holds_alternative<Filter>(result), qPrintable(expression));
        QVERIFY2(std::get<Filter>(result).matches(summary, &event), qPrintable(expression));
        // and a different value does not match
        const auto other =
            Filter::compile(expression + u" && "_s + expression.section(u" == "_s, 0, 0) + u" != "_s
                            + expression.section(u" == "_s, 1));
        QVERIFY2(!std::get<Filter>(other).matches(summary, &event), qPrintable(expression));
    }
}

void TestFilterCompletion::header()
{
    const QString expression = filterForHeader(u"X-Dup"_s, u"two"_s);
    QCOMPARE(expression, u"header[\"X-Dup\"] == \"two\""_s);
    const Event event = FilterFixture::eventA();
    const auto result = Filter::compile(expression);
    QVERIFY(std::get<Filter>(result).matches(FilterFixture::summaryA(event), &event));
}

void TestFilterCompletion::quote_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"plain"_s;
    QTest::newRow("quotes") << u"a \"b\" 'c'"_s;
    QTest::newRow("backslashes") << u"C:\\path\\n"_s;
    QTest::newRow("controls") << u"line\nnext\ttab\r\x01"_s;
    QTest::newRow("unicode") << u"Jürgen 𝄞"_s;
    QTest::newRow("operators") << u"a && b || !c == (d)"_s;
}

void TestFilterCompletion::quote()
{
    QFETCH(QString, text);
    FilterParser parser(filterQuote(text));
    const std::unique_ptr<FilterNode> root = parser.parse();
    QVERIFY(root);
    QCOMPARE(root->kind, FilterNode::Kind::Search);
    QCOMPARE(root->value.text, text);
}

void TestFilterCompletion::fieldNamesCompile()
{
    const QStringList names = filterFieldNames();
    QVERIFY(names.contains(u"event"_s));
    QVERIFY(names.contains(u"header["_s));
    QVERIFY(names.contains(u"json."_s));
    for (QString name : names) {
        if (name.endsWith(u'['))
            name += u"X]"_s;
        else if (name.endsWith(u'.'))
            name += u"a"_s;
        QVERIFY2(compiles(name), qPrintable(name));
        QVERIFY2(compiles(u"!"_s + name), qPrintable(name));
    }
    for (const QString &op : filterOperatorNames())
        QVERIFY(!op.isEmpty());
}

void TestFilterCompletion::valueNamesCompile()
{
    for (const QString &field : { u"signature"_s, u"kind"_s, u"origin"_s, u"method"_s }) {
        const QStringList values = filterValueNames(field);
        QVERIFY(!values.isEmpty());
        for (const QString &value : values)
            QVERIFY2(compiles(field + u" == "_s + value), qPrintable(value));
    }
    QVERIFY(filterValueNames(u"path"_s).isEmpty());
}

void TestFilterCompletion::completionsAt_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("replaceFrom");
    QTest::addColumn<QStringList>("candidates");
    const QStringList operators = { u"=="_s, u"!="_s,       u"<"_s,       u"<="_s, u">"_s,
                                    u">="_s, u"contains"_s, u"matches"_s, u"in"_s };
    const QStringList connectors = { u"&&"_s, u"||"_s, u"and"_s, u"or"_s };
    // the cursor is at the end of `text`
    QTest::newRow("empty") << QString() << qsizetype(0) << filterFieldNames();
    QTest::newRow("field prefix") << u"sig"_s << qsizetype(0) << QStringList { u"signature"_s };
    QTest::newRow("field prefix, any case")
        << u"valid && EV"_s << qsizetype(9) << QStringList { u"event"_s };
    QTest::newRow("several") << u"s"_s << qsizetype(0)
                             << QStringList { u"status"_s, u"signature"_s, u"size"_s, u"seq"_s };
    QTest::newRow("after (") << u"(st"_s << qsizetype(1) << QStringList { u"status"_s };
    QTest::newRow("after !") << u"!va"_s << qsizetype(1) << QStringList { u"valid"_s };
    QTest::newRow("after or") << u"valid or inv"_s << qsizetype(9) << QStringList { u"invalid"_s };
    QTest::newRow("after a field") << u"status "_s << qsizetype(7) << operators + connectors;
    QTest::newRow("operator prefix")
        << u"path con"_s << qsizetype(5) << QStringList { u"contains"_s };
    QTest::newRow("after header") << u"header[X] "_s << qsizetype(10) << operators + connectors;
    QTest::newRow("after json path")
        << u"json.a[0].b "_s << qsizetype(12) << operators + connectors;
    QTest::newRow("after valid") << u"valid "_s << qsizetype(6) << connectors;
    QTest::newRow("connector prefix") << u"valid a"_s << qsizetype(6) << QStringList { u"and"_s };
    QTest::newRow("after a value") << u"status >= 400 "_s << qsizetype(14) << connectors;
    QTest::newRow("after a string") << u"event == \"X\" "_s << qsizetype(13) << connectors;
    QTest::newRow("signature values")
        << u"signature == "_s << qsizetype(13) << filterValueNames(u"signature"_s);
    QTest::newRow("signature value prefix")
        << u"signature != in"_s << qsizetype(13) << QStringList { u"invalid"_s };
    QTest::newRow("method values")
        << u"method==P"_s << qsizetype(8) << QStringList { u"POST"_s, u"PUT"_s, u"PATCH"_s };
    QTest::newRow("free value") << u"path == "_s << qsizetype(8) << QStringList();
    QTest::newRow("after contains") << u"path contains "_s << qsizetype(14) << QStringList();
    QTest::newRow("in a json path") << u"json.da"_s << qsizetype(0) << QStringList();
    QTest::newRow("in a header name") << u"header[Sol"_s << qsizetype(0) << QStringList();
}

void TestFilterCompletion::completionsAt()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, replaceFrom);
    QFETCH(QStringList, candidates);
    const FilterCompletion completion = filterCompletionsAt(text, text.size());
    QCOMPARE(completion.candidates, candidates);
    QCOMPARE(completion.replaceFrom, replaceFrom);
    // and a cursor in the middle sees only the text before it
    const FilterCompletion middle = filterCompletionsAt(text + u" && valid"_s, text.size());
    QCOMPARE(middle.candidates, candidates);
}

void TestFilterCompletion::completionResult_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("replaceFrom");
    QTest::addColumn<qsizetype>("cursor");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<qsizetype>("newCursor");
    QTest::newRow("connective after a value")
        << u"event == \"ACCOUNT_SNAPSHOT\" "_s << qsizetype(28) << qsizetype(28) << u"&&"_s
        << u"event == \"ACCOUNT_SNAPSHOT\" && "_s << qsizetype(31);
    QTest::newRow("connective right after a value")
        << u"event == \"A\""_s << qsizetype(12) << qsizetype(12) << u"||"_s
        << u"event == \"A\" || "_s << qsizetype(16);
    QTest::newRow("operator after a field") << u"status "_s << qsizetype(7) << qsizetype(7)
                                            << u">="_s << u"status >= "_s << qsizetype(10);
    QTest::newRow("keyword operator") << u"path con"_s << qsizetype(5) << qsizetype(8)
                                      << u"contains"_s << u"path contains "_s << qsizetype(14);
    QTest::newRow("value after an operator")
        << u"event =="_s << qsizetype(8) << qsizetype(8) << u"\"IDENTIFICATION\""_s
        << u"event == \"IDENTIFICATION\""_s << qsizetype(25);
    QTest::newRow("field at the start")
        << u"ev"_s << qsizetype(0) << qsizetype(2) << u"event"_s << u"event"_s << qsizetype(5);
    QTest::newRow("field after a parenthesis")
        << u"(me"_s << qsizetype(1) << qsizetype(3) << u"method"_s << u"(method"_s << qsizetype(7);
    QTest::newRow("no second space before the rest")
        << u"a  b"_s << qsizetype(2) << qsizetype(2) << u"&&"_s << u"a && b"_s << qsizetype(4);
}

// What a chosen completion writes: spaced as a person writes it ("A" && , status >= ), with
// the cursor after it.
void TestFilterCompletion::completionResult()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, replaceFrom);
    QFETCH(qsizetype, cursor);
    QFETCH(QString, candidate);
    QFETCH(QString, expected);
    QFETCH(qsizetype, newCursor);
    qsizetype at = -1;
    QCOMPARE(filterCompletionResult(text, replaceFrom, cursor, candidate, &at), expected);
    QCOMPARE(at, newCursor);
}

void TestFilterCompletion::soundBefore_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<bool>("sound");
    QTest::newRow("valid") << u"event == \"A\" "_s << qsizetype(14) << true;
    QTest::newRow("unfinished at the end") << u"event == \"A\" && "_s << qsizetype(16) << true;
    QTest::newRow("an open string being typed") << u"event == \"AC"_s << qsizetype(8) << true;
    QTest::newRow("a misspelt field before") << u"evnt == \"A\" "_s << qsizetype(13) << false;
    QTest::newRow("two operators before") << u"status == == 1 "_s << qsizetype(15) << false;
}

void TestFilterCompletion::soundBefore()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, position);
    QFETCH(bool, sound);
    QCOMPARE(filterSoundBefore(text, position), sound);
}

QTEST_GUILESS_MAIN(TestFilterCompletion)
#include "tst_filtercompletion.moc"
