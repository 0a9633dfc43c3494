#include "filter/filtercontext.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The per-evaluation cache: the body is parsed and decoded at most once, and only on demand.
class TestFilterContext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesJsonOnce();
    void noEventNoJson();
    void invalidJson_data();
    void invalidJson();
    void bodyTextDecodedOnce();
};

void TestFilterContext::parsesJsonOnce()
{
    Event event;
    event.body = R"({"a":[1,2]})"_ba;
    const EventSummary summary;
    FilterContext context(summary, &event);
    const JsonDocument *first = context.document();
    QVERIFY(first);
    QCOMPARE(first->type(0), JsonDocument::Type::Object);
    QCOMPARE(context.document(), first); // the same cached document, not a second parse
}

void TestFilterContext::noEventNoJson()
{
    const EventSummary summary;
    FilterContext context(summary, nullptr);
    QCOMPARE(context.document(), nullptr);
    QVERIFY(context.bodyText().isEmpty());
}

void TestFilterContext::invalidJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << R"({"a":)"_ba;
    QTest::newRow("text") << "hello"_ba;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe", 3);
}

void TestFilterContext::invalidJson()
{
    QFETCH(QByteArray, body);
    Event event;
    event.body = body;
    const EventSummary summary;
    FilterContext context(summary, &event);
    QCOMPARE(context.document(), nullptr);
    QCOMPARE(context.document(), nullptr);
}

void TestFilterContext::bodyTextDecodedOnce()
{
    Event event;
    event.body = "J\xc3\xbcrgen"_ba;
    const EventSummary summary;
    FilterContext context(summary, &event);
    const QStringView first = context.bodyText();
    QCOMPARE(first, u"Jürgen");
    QCOMPARE(context.bodyText().data(), first.data());
}

QTEST_GUILESS_MAIN(TestFilterContext)
#include "tst_filtercontext.moc"
