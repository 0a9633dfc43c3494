#include "schema/schemaregistry.h"
#include "schema/stdregexcost.h"
#include "json/jsondocument.h"

#include "timebound.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// Schemas a hostile author writes, and bodies a hostile sender pairs with them: every load ends
// with the bad part reported by its JSON Pointer and the rest working; every validation ends in
// bounded time, with an "undecided" violation that says why when it cannot be decided.
class TestHostileSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badRegexes_data();
    void badRegexes();
    void boundedValidation_data();
    void boundedValidation();
    void fanOutRefusedAtLoad_data();
    void fanOutRefusedAtLoad();
    void regexDegree_data();
    void regexDegree();
};

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonValue parse(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QStringList keywords(const Violations &violations)
{
    QStringList out;
    for (const Violation &v : violations) {
        out.append(v.pointer + u' ' + v.keyword);
    }
    return out;
}

// n levels of {"c": ...} around a leaf.
QJsonValue nested(int levels)
{
    QJsonValue value = QJsonObject { { u"leaf"_s, 1 } };
    for (int i = 0; i < levels; ++i) {
        value = QJsonObject { { u"c"_s, value } };
    }
    return value;
}

// L0 is a string; L(k) is allOf [$ref L(k-1), $ref L(k-1)]: 2^k paths for one value.
QJsonObject doublingLevels(int levels)
{
    QJsonObject definitions { { u"L0"_s, QJsonObject { { u"type"_s, u"string"_s } } } };
    for (int k = 1; k <= levels; ++k) {
        const QJsonObject ref { { u"$ref"_s, u"#/definitions/L%1"_s.arg(k - 1) } };
        definitions.insert(u"L%1"_s.arg(k),
                           QJsonObject { { u"allOf"_s, QJsonArray { ref, ref } } });
    }
    return { { u"title"_s, u"T"_s },
             { u"$ref"_s, u"#/definitions/L%1"_s.arg(levels) },
             { u"definitions"_s, definitions } };
}

} // namespace

void TestHostileSchema::badRegexes_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("why");
    // PCRE accepts the first three, std::regex (valijson) does not: today exit 134.
    QTest::newRow("inline flag") << u"(?i)abc"_s << u"std::regex"_s;
    QTest::newRow("unicode property") << u"\\p{L}+"_s << u"std::regex"_s;
    QTest::newRow("named group") << u"(?<n>a)"_s << u"std::regex"_s;
    QTest::newRow("reversed range") << u"a{2,1}"_s << u"not a valid regular expression"_s;
    QTest::newRow("open class") << u"["_s << u"not a valid regular expression"_s;
}

void TestHostileSchema::badRegexes()
{
    QFETCH(QString, pattern);
    QFETCH(QString, why);
    const QJsonObject schema {
        { u"title"_s, u"T"_s },
        { u"type"_s, u"object"_s },
        { u"properties"_s,
          QJsonObject { { u"n"_s, QJsonObject { { u"type"_s, u"integer"_s } } },
                        { u"s"_s, QJsonObject { { u"pattern"_s, pattern } } } } },
        { u"patternProperties"_s,
          QJsonObject { { pattern, QJsonObject { { u"type"_s, u"integer"_s } } },
                        { u"^x-"_s, QJsonObject { { u"type"_s, u"string"_s } } } } },
        { u"propertyNames"_s, QJsonObject { { u"pattern"_s, pattern } } },
    };
    SchemaRegistry registry;
    const ImportReport report = registry.importDocument(compact(schema), u"hostile.json"_s);
    QCOMPARE(report.importedEvents, QStringList { u"T"_s });
    // Each regex is named by its pointer; patternProperties is reported for std::regex too.
    const QString key = u"hostile.json: /patternProperties/%1: "_s.arg(pattern);
    const auto named = [&](const QString &prefix) {
        return std::any_of(report.errors.begin(), report.errors.end(),
                           [&](const QString &e) { return e.startsWith(prefix); });
    };
    QVERIFY2(named(key), qPrintable(report.errors.join(u'\n')));
    QVERIFY2(report.errors.join(u'\n').contains(why), qPrintable(report.errors.join(u'\n')));
    // The rest keeps working, and no key can make valijson compile the bad pattern.
    const QJsonObject body { { u"n"_s, u"x"_s },  { u"abc"_s, u"y"_s }, { u"AbC"_s, 1 },
                             { u"é"_s, 1 },       { u"aa"_s, 1 },       { u"x-k"_s, 2 },
                             { u"s"_s, u"abc"_s } };
    const Violations violations = registry.validate(u"T"_s, body);
    QVERIFY2(keywords(violations).contains(u"/n type"_s),
             qPrintable(keywords(violations).join(u", "_s)));
    QVERIFY2(keywords(violations).contains(u"/x-k type"_s),
             qPrintable(keywords(violations).join(u", "_s)));
}

void TestHostileSchema::boundedValidation_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QJsonValue>("body");
    QTest::addColumn<QStringList>("expected"); // "pointer keyword" of every violation

    const QByteArray catastrophicKeys =
        R"({"title":"T","type":"object","patternProperties":{"^(a|a)+$":{"type":"integer"}}})";
    QTest::newRow("patternProperties ^(a|a)+$, 28-character key")
        << catastrophicKeys << QJsonValue(QJsonObject { { QString(QString(27, u'a') + u'!'), 1 } })
        << QStringList { u" undecided"_s };
    QTest::newRow("patternProperties ^(a|a)+$, short keys still validated")
        << catastrophicKeys << QJsonValue(QJsonObject { { u"aaaa"_s, u"x"_s }, { u"aa!"_s, 1 } })
        << QStringList { u"/aa! undocumented"_s, u"/aaaa type"_s };

    const QByteArray polynomialKeys =
        R"({"title":"T","type":"object","patternProperties":{"a*a*a*!":{"type":"integer"}}})";
    QTest::newRow("patternProperties a*a*a*!, 400-character key")
        << polynomialKeys << QJsonValue(QJsonObject { { QString(400, u'a'), 1 } })
        << QStringList { u" undecided"_s };

    // Recursion through a member, doubling per level: 2^40 paths for the innermost value.
    const QByteArray recursive = R"({"title":"T","$ref":"#/definitions/m","definitions":{
        "n":{"type":"object","properties":{"c":{"$ref":"#/definitions/m"}}},
        "m":{"allOf":[{"$ref":"#/definitions/n"},{"$ref":"#/definitions/n"}]}}})";
    QTest::newRow("recursive fan-out, 40 levels")
        << recursive << nested(40) << QStringList { u"* undecided"_s };
    QTest::newRow("recursive fan-out, 4 levels, validated")
        << recursive << nested(4) << QStringList { u"/c/c/c/c/leaf undocumented"_s };

    QJsonArray many;
    for (int i = 0; i < 20000; ++i) {
        many.append(i);
    }
    const QByteArray unique = R"({"title":"T","type":"array","uniqueItems":true})";
    QTest::newRow("uniqueItems, 20 000 items")
        << unique << QJsonValue(many) << QStringList { u" undecided"_s };
    QTest::newRow("uniqueItems, 3 items")
        << unique << parse("[1,2,1]") << QStringList { u" uniqueItems"_s };

    // Every body value compared with every member of a long enum: 2*10^4 x 2*10^4.
    QJsonArray members;
    for (int i = 0; i < 20000; ++i) {
        members.append(i);
    }
    const QByteArray longEnum =
        compact(QJsonObject { { u"title"_s, u"T"_s },
                              { u"type"_s, u"array"_s },
                              { u"items"_s, QJsonObject { { u"enum"_s, members } } } });
    QTest::newRow("enum of 20 000, 20 000 items")
        << longEnum << QJsonValue(QJsonArray::fromStringList(QStringList(20000, u"x"_s)))
        << QStringList { u"* undecided"_s };
    QTest::newRow("enum of 20 000, 3 items")
        << longEnum << parse("[1,\"x\",19999]") << QStringList { u"/1 enum"_s };

    const QByteArray pattern =
        R"({"title":"T","type":"object","properties":{"k":{"pattern":"^(a|a)+$"}}})";
    QTest::newRow("pattern ^(a|a)+$ (Hookscope's PCRE check)")
        << pattern << QJsonValue(QJsonObject { { u"k"_s, QString(QString(40, u'a') + u'!') } })
        << QStringList { u"/k undecided"_s };
    QTest::newRow("pattern ^(a|a)+$, short value")
        << pattern << QJsonValue(QJsonObject { { u"k"_s, u"aa!"_s } })
        << QStringList { u"/k pattern"_s };
}

void TestHostileSchema::boundedValidation()
{
    QFETCH(QByteArray, schema);
    QFETCH(QJsonValue, body);
    QFETCH(QStringList, expected);
    SchemaRegistry registry;
    const ImportReport report = registry.importDocument(schema, u"hostile.json"_s);
    QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
    QElapsedTimer timer;
    timer.start();
    const Violations violations = registry.validate(u"T"_s, body);
    qInfo("validated in %lld ms", static_cast<long long>(timer.elapsed())); // for the record
    // Generous: unbounded, these take from 5.7 s (a 28-character key) to forever.
    QCOMPARE_LT(timer.elapsed(), timeBound(5000));
    // Capture validates the parsed bytes (JsonDocument), not a QJsonValue: the same budget.
    const QByteArray bytes = body.isArray()
        ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
        : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    timer.start();
    const Violations fromBytes = registry.validate(u"T"_s, JsonDocument::parse(bytes));
    QCOMPARE_LT(timer.elapsed(), timeBound(5000));
    QCOMPARE(keywords(fromBytes).size(), keywords(violations).size());
    if (!violations.isEmpty())
        QCOMPARE(fromBytes.constFirst().keyword, violations.constFirst().keyword);
    QStringList actual = keywords(violations);
    for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        if (expected.at(i).startsWith(u"* "_s)) { // somewhere down the body
            actual[i] = u"* "_s + violations.at(i).keyword;
        }
    }
    QCOMPARE(actual, expected);
    for (const Violation &v : violations) {
        if (v.keyword == u"undecided"_s) {
            QCOMPARE(v.severity, Severity::Error);
            QVERIFY2(v.message.contains(u"not validated"_s), qPrintable(v.message));
        }
    }
}

void TestHostileSchema::fanOutRefusedAtLoad_data()
{
    QTest::addColumn<int>("levels");
    QTest::addColumn<QString>("error"); // empty: loads
    QTest::newRow("8 levels load") << 8 << QString();
    QTest::newRow("24 levels") << 24 << u"hostile.json: /definitions/L12: "_s;
    QTest::newRow("40 levels") << 40 << u"hostile.json: /definitions/L12: "_s;
}

void TestHostileSchema::fanOutRefusedAtLoad()
{
    QFETCH(int, levels);
    QFETCH(QString, error);
    SchemaRegistry registry;
    QElapsedTimer timer;
    timer.start();
    const ImportReport report =
        registry.importDocument(compact(doublingLevels(levels)), u"hostile.json"_s);
    QCOMPARE_LT(timer.elapsed(), timeBound(5000));
    if (error.isEmpty()) {
        QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
        const Violations violations = registry.validate(u"T"_s, QJsonValue(1));
        QVERIFY(!violations.isEmpty());
        QCOMPARE(violations.first().keyword, u"type"_s);
        return;
    }
    QCOMPARE(report.importedEvents, QStringList());
    QCOMPARE(report.errors.size(), 1);
    QVERIFY2(report.errors.first().startsWith(error), qPrintable(report.errors.first()));
    QVERIFY2(report.errors.first().contains(u"the T schema is not loaded"_s),
             qPrintable(report.errors.first()));
    QVERIFY(!registry.contains(u"T"_s));
}

void TestHostileSchema::regexDegree_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("degree");
    QTest::newRow("literal") << u"^x-"_s << 0;
    QTest::newRow("fixed count") << u"^[0-9]{3}$"_s << 0;
    QTest::newRow("one class repeat") << u"^[a-z0-9_]+$"_s << 1;
    QTest::newRow("two") << u"^[a-z]+_[a-z]*$"_s << 2;
    QTest::newRow("lazy marker is not another") << u"a+?b"_s << 1;
    QTest::newRow("escaped plus") << u"a\\+b"_s << 0;
    QTest::newRow("plus in a class") << u"[+*?]"_s << 0;
    QTest::newRow("group without repeat inside") << u"^(ab)+$"_s << 1;
    QTest::newRow("alternation not repeated") << u"^(get|put)$"_s << 0;
    QTest::newRow("non-capturing group") << u"(?:ab)?c"_s << 1;
    QTest::newRow("alternation repeated") << u"^(a|a)+$"_s << StdRegexCost::exponential;
    QTest::newRow("repeat repeated") << u"(a+)*"_s << StdRegexCost::exponential;
    QTest::newRow("fixed repeat of a repeat") << u"(a+){3}"_s << 3;
}

void TestHostileSchema::regexDegree()
{
    QFETCH(QString, pattern);
    QFETCH(int, degree);
    QCOMPARE(StdRegexCost::degree(pattern), degree);
}

QTEST_GUILESS_MAIN(TestHostileSchema)
#include "tst_hostileschema.moc"
