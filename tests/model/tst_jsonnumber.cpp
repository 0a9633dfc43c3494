#include "json/jsonnumber.h"

#include <QTest>

class TestJsonNumber : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void grammar_data();
    void grammar();
    void compare_data();
    void compare();
    void integer_data();
    void integer();
    void multipleOf_data();
    void multipleOf();
};

void TestJsonNumber::grammar_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    // RFC 8259 section 6: every form, and the near misses it forbids.
    for (const char *ok : { "0", "-0", "1", "-1", "0.0", "-0.0", "1.50", "1e2", "1E2", "1e+2",
                            "1e-2", "-1.5E-10", "12345678901234567890123", "0e0", "1.0" })
        QTest::addRow("ok %s", ok) << QByteArray(ok) << true;
    for (const char *bad : { "", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "0x10", "1 ",
                             "NaN", "Infinity", "--1", "1.2.3" })
        QTest::addRow("bad '%s'", bad) << QByteArray(bad) << false;
}

void TestJsonNumber::grammar()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(JsonNumber::fromText(text).has_value(), valid);
}

void TestJsonNumber::compare_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<int>("order");
    QTest::newRow("1.50 == 1.5") << QByteArray("1.50") << QByteArray("1.5") << 0;
    QTest::newRow("1e2 == 100") << QByteArray("1e2") << QByteArray("100") << 0;
    QTest::newRow("-0.0 == 0") << QByteArray("-0.0") << QByteArray("0") << 0;
    QTest::newRow("15e-1 == 1.5") << QByteArray("15e-1") << QByteArray("1.5") << 0;
    QTest::newRow("big differs in the last digit")
        << QByteArray("12345678901234567891") << QByteArray("12345678901234567890") << 1;
    QTest::newRow("doubles cannot tell these apart")
        << QByteArray("9007199254740993") << QByteArray("9007199254740992") << 1;
    QTest::newRow("negative big") << QByteArray("-12345678901234567891")
                                  << QByteArray("-12345678901234567890") << -1;
    QTest::newRow("sign") << QByteArray("-1") << QByteArray("0.5") << -1;
    QTest::newRow("magnitude") << QByteArray("0.001") << QByteArray("0.01") << -1;
    QTest::newRow("huge exponent") << QByteArray("1e999999") << QByteArray("9e999998") << 1;
    QTest::newRow("tiny") << QByteArray("1e-999999") << QByteArray("0") << 1;
    // Exponents past any bound saturate (they once overflowed a qint64 on the way).
    QTest::newRow("exponent of 40 digits")
        << QByteArray("1e3333333333333333333333333333333333333333") << QByteArray("1e999999") << 1;
    QTest::newRow("negative exponent of 40 digits")
        << QByteArray("1e-3333333333333333333333333333333333333333") << QByteArray("0") << 1;
}

void TestJsonNumber::compare()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(int, order);
    const auto x = JsonNumber::fromText(a);
    const auto y = JsonNumber::fromText(b);
    QVERIFY(x && y);
    QCOMPARE(x->compare(*y), order);
    QCOMPARE(y->compare(*x), -order);
    QCOMPARE(*x == *y, order == 0);
}

void TestJsonNumber::integer_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("integer");
    QTest::addColumn<bool>("fitsInt64");
    QTest::addColumn<qint64>("value");
    QTest::newRow("2147483648") << QByteArray("2147483648") << true << true << qint64(2147483648LL);
    QTest::newRow("1.0") << QByteArray("1.0") << true << true << qint64(1);
    QTest::newRow("1e2") << QByteArray("1e2") << true << true << qint64(100);
    QTest::newRow("-0.0") << QByteArray("-0.0") << true << true << qint64(0);
    QTest::newRow("1.5") << QByteArray("1.5") << false << false << qint64(0);
    QTest::newRow("1e-2") << QByteArray("1e-2") << false << false << qint64(0);
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true << true
                               << std::numeric_limits<qint64>::max();
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << true << true
                               << std::numeric_limits<qint64>::min();
    QTest::newRow("past int64") << QByteArray("9223372036854775808") << true << false << qint64(0);
    QTest::newRow("20 digits") << QByteArray("12345678901234567890") << true << false << qint64(0);
    QTest::newRow("1e400") << QByteArray("1e400") << true << false << qint64(0);
}

void TestJsonNumber::integer()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, integer);
    QFETCH(bool, fitsInt64);
    QFETCH(qint64, value);
    const auto n = JsonNumber::fromText(text);
    QVERIFY(n);
    QCOMPARE(n->isInteger(), integer);
    QCOMPARE(n->toInt64().has_value(), fitsInt64);
    if (fitsInt64)
        QCOMPARE(*n->toInt64(), value);
}

void TestJsonNumber::multipleOf_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("divisor");
    QTest::addColumn<bool>("multiple");
    QTest::newRow("0.3 of 0.1") << QByteArray("0.3") << QByteArray("0.1") << true; // doubles say no
    QTest::newRow("0.35 of 0.1") << QByteArray("0.35") << QByteArray("0.1") << false;
    QTest::newRow("big of 10") << QByteArray("12345678901234567890") << QByteArray("10") << true;
    QTest::newRow("big+1 of 10") << QByteArray("12345678901234567891") << QByteArray("10") << false;
    QTest::newRow("1e30 of 7") << QByteArray("1e30") << QByteArray("7") << false;
    QTest::newRow("7e30 of 7") << QByteArray("7e30") << QByteArray("7") << true;
    QTest::newRow("zero") << QByteArray("0") << QByteArray("3") << true;
    QTest::newRow("19.99 of 0.01") << QByteArray("19.99") << QByteArray("0.01") << true;
}

void TestJsonNumber::multipleOf()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, divisor);
    QFETCH(bool, multiple);
    QCOMPARE(JsonNumber::fromText(value)->isMultipleOf(*JsonNumber::fromText(divisor)), multiple);
}

QTEST_APPLESS_MAIN(TestJsonNumber)
#include "tst_jsonnumber.moc"
