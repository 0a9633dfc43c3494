#include "schema/documentreader.h"

#include "timebound.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDocumentReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void yamlScalars_data();
    void yamlScalars();
    void yamlStructures();
    void errorsSayWhere_data();
    void errorsSayWhere();
    void aliasBombIsBounded();
    void deepNestingIsBounded();
    void expandedBytesAreBounded_data();
    void expandedBytesAreBounded();
    void largeFileIsRefused();
};

void TestDocumentReader::yamlScalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("string") << "v: hello"_ba << QJsonValue(u"hello"_s);
    QTest::newRow("integer") << "v: 42"_ba << QJsonValue(42);
    QTest::newRow("negative") << "v: -7"_ba << QJsonValue(-7);
    QTest::newRow("float") << "v: 0.04"_ba << QJsonValue(0.04);
    QTest::newRow("exponent") << "v: 1e3"_ba << QJsonValue(1000.0);
    QTest::newRow("true") << "v: true"_ba << QJsonValue(true);
    QTest::newRow("False") << "v: False"_ba << QJsonValue(false);
    QTest::newRow("null") << "v: null"_ba << QJsonValue(QJsonValue::Null);
    QTest::newRow("tilde") << "v: ~"_ba << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty") << "v:"_ba << QJsonValue(QJsonValue::Null);
    QTest::newRow("quoted number") << "v: '42'"_ba << QJsonValue(u"42"_s);
    QTest::newRow("quoted null") << "v: \"null\""_ba << QJsonValue(u"null"_s);
    QTest::newRow("version") << "v: 3.1.0"_ba << QJsonValue(u"3.1.0"_s);
    QTest::newRow("yes is a string (YAML 1.2)") << "v: yes"_ba << QJsonValue(u"yes"_s);
    QTest::newRow("enum literal 3DS") << "v: 3DS_FAILED"_ba << QJsonValue(u"3DS_FAILED"_s);
    QTest::newRow("explicit str tag") << "v: !!str 12"_ba << QJsonValue(u"12"_s);
    QTest::newRow("unicode") << "v: Müller"_ba << QJsonValue(u"Müller"_s);
}

void TestDocumentReader::yamlScalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonValue, value);
    const ParsedDocument parsed = DocumentReader::read(yaml);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.root[u"v"_s], value);
}

void TestDocumentReader::yamlStructures()
{
    const ParsedDocument parsed = DocumentReader::read(
        "a: &base {x: 1}\nb: *base\nlist:\n  - 1\n  - [two, {three: 3}]\n'quoted key': {}\n"_ba);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.root[u"b"_s][u"x"_s], QJsonValue(1));
    QCOMPARE(parsed.root[u"list"_s][1][1][u"three"_s], QJsonValue(3));
    QVERIFY(parsed.root[u"quoted key"_s].isObject());
    const ParsedDocument json = DocumentReader::read("  [1, {\"a\": null}]"_ba);
    QVERIFY(json.ok());
    QCOMPARE(json.root.toArray().size(), 2);
}

void TestDocumentReader::errorsSayWhere_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("json offset") << "{\"a\": tru}"_ba
                                 << u"invalid JSON at byte offset 7: illegal value"_s;
    QTest::newRow("yaml line")
        << "a: 1\nb: [1, 2\nc: 3\n"_ba
        << u"invalid YAML at line 3, column 2: end of sequence flow not found"_s;
    QTest::newRow("yaml complex key")
        << "? [a]\n: 1\n"_ba << u"a mapping key that is not a scalar at /"_s;
    QTest::newRow("empty") << QByteArray() << u"the file is empty"_s;
}

void TestDocumentReader::errorsSayWhere()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QCOMPARE(DocumentReader::read(bytes).error, error);
}

// Each level doubles the nodes behind the aliases: 2^40 if expanded naively.
void TestDocumentReader::aliasBombIsBounded()
{
    QByteArray yaml = "l0: &l0 [x, x]\n"_ba;
    for (int i = 1; i <= 40; ++i) {
        yaml += "l" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " [*l"
            + QByteArray::number(i - 1) + ", *l" + QByteArray::number(i - 1) + "]\n";
    }
    const ParsedDocument parsed = DocumentReader::read(yaml);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error.startsWith(u"more than 2000000 nodes"_s), qPrintable(parsed.error));
}

void TestDocumentReader::deepNestingIsBounded()
{
    const QByteArray yaml = "v: " + QByteArray(300, '[') + QByteArray(300, ']');
    const ParsedDocument parsed = DocumentReader::read(yaml);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error.startsWith(u"nesting deeper than 256 levels at /v/0/0/0"_s),
             qPrintable(parsed.error));
}

// Few nodes, many bytes: the 66 KB file aliases one 64 KiB scalar 10^5 times (five
// levels of ten), 6.4 GB expanded; the node cap never sees it coming.
void TestDocumentReader::expandedBytesAreBounded_data()
{
    QTest::addColumn<int>("scalarBytes");
    QTest::addColumn<int>("levels");
    QTest::addColumn<bool>("ok");
    QTest::newRow("the issue's bomb: 64 KiB x 10^5") << 64 * 1024 << 5 << false;
    QTest::newRow("just over: 64 KiB x 1 100") << 64 * 1024 << 3 << false;
    QTest::newRow("1 KiB x 10^4: 10 MiB, fine") << 1024 << 4 << true;
}

void TestDocumentReader::expandedBytesAreBounded()
{
    QFETCH(int, scalarBytes);
    QFETCH(int, levels);
    QFETCH(bool, ok);
    QByteArray yaml = "s: &s " + QByteArray(scalarBytes, 'x') + '\n';
    QByteArray previous = "s";
    for (int level = 1; level <= levels; ++level) {
        const QByteArray name = 'l' + QByteArray::number(level);
        QByteArrayList aliases(10, '*' + previous);
        yaml += name + ": &" + name + " [" + aliases.join(", ") + "]\n";
        previous = name;
    }
    if (levels == 3) { // 1 000 aliases plus 100 more: 70 MiB
        QByteArrayList more(100, "*s");
        yaml += "more: [" + more.join(", ") + "]\n";
    }
    QElapsedTimer timer;
    timer.start();
    const ParsedDocument parsed = DocumentReader::read(yaml);
    QCOMPARE_LT(timer.elapsed(), timeBound(5000));
    QCOMPARE(parsed.ok(), ok);
    if (!parsed.ok()) {
        QVERIFY2(parsed.error.startsWith(u"more than 64 MiB of keys and values (after expanding "
                                         "aliases) at /"_s),
                 qPrintable(parsed.error));
        QVERIFY2(parsed.error.endsWith(u"; refused to bound memory"_s), qPrintable(parsed.error));
    }
}

void TestDocumentReader::largeFileIsRefused()
{
    const QByteArray json = "{\"a\": \"" + QByteArray(DocumentReader::maxFileBytes, 'x') + "\"}";
    const ParsedDocument parsed = DocumentReader::read(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(
        parsed.error,
        u"%1 bytes; schema files are read up to 16 MiB (the memory budget)"_s.arg(json.size()));
}

QTEST_GUILESS_MAIN(TestDocumentReader)
#include "tst_documentreader.moc"
