#include "schema/jsonpointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonPointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escaping_data();
    void escaping();
    void resolveRfc6901Examples_data();
    void resolveRfc6901Examples();
    void unresolvable();
    void fromUriFragment_data();
    void fromUriFragment();
};

void TestJsonPointer::escaping_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << u"status"_s << u"status"_s;
    QTest::newRow("slash") << u"a/b"_s << u"a~1b"_s;
    QTest::newRow("tilde") << u"m~n"_s << u"m~0n"_s;
    QTest::newRow("tilde then one") << u"~1"_s << u"~01"_s; // must not unescape to "/"
    QTest::newRow("empty") << QString() << QString();
}

void TestJsonPointer::escaping()
{
    QFETCH(QString, token);
    QFETCH(QString, escaped);
    QCOMPARE(JsonPointer::escape(token), escaped);
    QCOMPARE(JsonPointer::unescape(escaped), token);
    QCOMPARE(JsonPointer::append(u"/x"_s, token), u"/x/"_s + escaped);
}

// RFC 6901 §5.
void TestJsonPointer::resolveRfc6901Examples_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("whole") << QString() << QJsonValue();
    QTest::newRow("/foo") << u"/foo"_s << QJsonValue(QJsonArray { u"bar"_s, u"baz"_s });
    QTest::newRow("/foo/0") << u"/foo/0"_s << QJsonValue(u"bar"_s);
    QTest::newRow("/") << u"/"_s << QJsonValue(0);
    QTest::newRow("/a~1b") << u"/a~1b"_s << QJsonValue(1);
    QTest::newRow("/c%d") << u"/c%d"_s << QJsonValue(2);
    QTest::newRow("/e^f") << u"/e^f"_s << QJsonValue(3);
    QTest::newRow("/i\\j") << u"/i\\j"_s << QJsonValue(5);
    QTest::newRow("/ ") << u"/ "_s << QJsonValue(7);
    QTest::newRow("/m~0n") << u"/m~0n"_s << QJsonValue(8);
}

void TestJsonPointer::resolveRfc6901Examples()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, expected);
    const QJsonObject document =
        QJsonDocument::fromJson(
            R"({"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8})"_ba)
            .object();
    const std::optional<QJsonValue> found = JsonPointer::resolve(document, pointer);
    QVERIFY(found.has_value());
    QCOMPARE(*found, pointer.isEmpty() ? QJsonValue(document) : expected);
}

void TestJsonPointer::unresolvable()
{
    const QJsonObject document { { u"a"_s, QJsonArray { 1 } } };
    QVERIFY(!JsonPointer::resolve(document, u"/b"_s));
    QVERIFY(!JsonPointer::resolve(document, u"/a/1"_s));
    QVERIFY(!JsonPointer::resolve(document, u"/a/-"_s));
    QVERIFY(!JsonPointer::resolve(document, u"a"_s));
    QVERIFY(!JsonPointer::split(u"a"_s));
    QCOMPARE(*JsonPointer::split(u"/a~1b/c"_s), (QStringList { u"a/b"_s, u"c"_s }));
}

void TestJsonPointer::fromUriFragment_data()
{
    QTest::addColumn<QString>("ref");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<bool>("local");
    QTest::newRow("root") << u"#"_s << QString() << true;
    QTest::newRow("components") << u"#/components/schemas/Money"_s << u"/components/schemas/Money"_s
                                << true;
    QTest::newRow("percent-encoded")
        << u"#/definitions/percent%25field"_s << u"/definitions/percent%field"_s << true;
    QTest::newRow("other file") << u"other.json#/a"_s << QString() << false;
    QTest::newRow("anchor name") << u"#foo"_s << QString() << false;
}

void TestJsonPointer::fromUriFragment()
{
    QFETCH(QString, ref);
    QFETCH(QString, pointer);
    QFETCH(bool, local);
    const std::optional<QString> result = JsonPointer::fromUriFragment(ref);
    QCOMPARE(result.has_value(), local);
    if (local) {
        QCOMPARE(*result, pointer);
    }
}

QTEST_GUILESS_MAIN(TestJsonPointer)
#include "tst_jsonpointer.moc"
