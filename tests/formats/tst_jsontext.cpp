#include "formats/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quote_data();
    void quote();
    void pretty_data();
    void pretty();
    void arrayElements_data();
    void arrayElements();
    void lineAt();
};

void TestJsonText::quote_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << "abc"_ba
                           << "\"abc\""_ba;
    QTest::newRow("quote and backslash") << "a\"b\\c"_ba
                                         << "\"a\\\"b\\\\c\""_ba;
    QTest::newRow("controls") << "\n\r\t\b\f\x01\x1f"_ba
                              << "\"\\n\\r\\t\\b\\f\\u0001\\u001f\""_ba;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << "\"a\\u0000b\""_ba;
    QTest::newRow("utf-8 kept") << "M\xc3\xbcller"_ba
                                << "\"M\xc3\xbcller\""_ba;
}

void TestJsonText::quote()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::quote(input), expected);
    // Whatever we write, Qt's parser reads back as the same text.
    const QJsonDocument doc = QJsonDocument::fromJson('[' + expected + ']');
    QCOMPARE(doc.array().at(0).toString().toUtf8(), input);
}

void TestJsonText::pretty_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("object keeps key order and numbers")
        << R"({"b":1.50,"a":12345678901234567890})"_ba
        << "{\n  \"b\": 1.50,\n  \"a\": 12345678901234567890\n}\n"_ba;
    QTest::newRow("nested and empty")
        << R"( {"x":[1, {}, []],"y":{"z":"a,b:{"}} )"_ba
        << "{\n  \"x\": [\n    1,\n    {},\n    []\n  ],\n  \"y\": {\n"
           "    \"z\": \"a,b:{\"\n  }\n}\n"_ba;
    QTest::newRow("escaped quote in string") << R"(["a\"]"])"_ba
                                             << "[\n  \"a\\\"]\"\n]\n"_ba;
}

void TestJsonText::pretty()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::pretty(input), expected);
}

void TestJsonText::arrayElements_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QByteArray>>("elements");
    QTest::newRow("empty") << "[ ]"_ba << QList<QByteArray> {};
    QTest::newRow("scalars") << "[1, \"a,]\" ,true]"_ba
                             << QList<QByteArray> { "1"_ba, "\"a,]\""_ba, "true"_ba };
    QTest::newRow("objects exact") << "\xEF\xBB\xBF[\n  {\"a\": [1,2]},\n  {\"b\":\"}\"}\n]\n"_ba
                                   << QList<QByteArray> { "{\"a\": [1,2]}"_ba, "{\"b\":\"}\"}"_ba };
}

void TestJsonText::arrayElements()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QByteArray>, elements);
    QList<QByteArray> actual;
    for (const JsonText::Span &span : JsonText::arrayElements(input))
        actual.append(input.mid(span.offset, span.length));
    QCOMPARE(actual, elements);
}

void TestJsonText::lineAt()
{
    const QByteArray text = "a\nbc\n\nd"_ba;
    QCOMPARE(JsonText::lineAt(text, 0), 1);
    QCOMPARE(JsonText::lineAt(text, 2), 2);
    QCOMPARE(JsonText::lineAt(text, 6), 4);
    QCOMPARE(JsonText::lineAt(text, 100), 4);
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
