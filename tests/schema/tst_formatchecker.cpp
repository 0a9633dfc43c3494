#include "schema/formatchecker.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestFormatChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void unknownFormatsAreAnnotations();
};

void TestFormatChecker::formats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    // Timestamps as Solaris sends them (solaris-webhooks.md §4).
    QTest::newRow("Z") << u"date-time"_s << u"2018-10-18T13:06:54.000Z"_s << true;
    QTest::newRow("offset") << u"date-time"_s << u"2025-04-01T13:59:52+00:00"_s << true;
    QTest::newRow("microseconds") << u"date-time"_s << u"2022-09-15T11:20:16.840208Z"_s << true;
    QTest::newRow("lower-case t and z") << u"date-time"_s << u"2022-09-15t11:20:16z"_s << true;
    QTest::newRow("no zone (lending)") << u"date-time"_s << u"2021-06-16T10:22:38"_s << false;
    QTest::newRow("31 February") << u"date-time"_s << u"2025-02-31T10:55:55Z"_s << false;
    QTest::newRow("30 February") << u"date-time"_s << u"2020-02-30T00:00:00Z"_s << false;
    QTest::newRow("29 February, leap year") << u"date-time"_s << u"2024-02-29T00:00:00Z"_s << true;
    QTest::newRow("29 February, 1900") << u"date-time"_s << u"1900-02-29T00:00:00Z"_s << false;
    QTest::newRow("29 February, 2000") << u"date-time"_s << u"2000-02-29T00:00:00Z"_s << true;
    QTest::newRow("31 April") << u"date-time"_s << u"2024-04-31T00:00:00Z"_s << false;
    QTest::newRow("hour 24") << u"date-time"_s << u"2024-04-01T24:00:00Z"_s << false;
    QTest::newRow("space separator") << u"date-time"_s << u"2024-04-01 12:00:00Z"_s << false;
    QTest::newRow("date") << u"date"_s << u"2022-12-31"_s << true;
    QTest::newRow("date, month 13") << u"date"_s << u"2022-13-01"_s << false;
    QTest::newRow("date, short") << u"date"_s << u"2022-1-01"_s << false;
    QTest::newRow("time") << u"time"_s << u"08:30:06.283185Z"_s << true;
    QTest::newRow("time without zone") << u"time"_s << u"08:30:06"_s << false;
    QTest::newRow("email") << u"email"_s << u"max.mustermann@example.de"_s << true;
    QTest::newRow("email without @") << u"email"_s << u"max.example.de"_s << false;
    QTest::newRow("email, double dot") << u"email"_s << u"max..m@example.de"_s << false;
    QTest::newRow("uuid") << u"uuid"_s << u"6f1c7a52-8f43-4a8e-9b43-3e1f0b6a9c11"_s << true;
    QTest::newRow("uuid, Solaris id")
        << u"uuid"_s << u"9dfe2f4edaa67138be0c0c1cd3a7d849cidt"_s << false;
    QTest::newRow("uri") << u"uri"_s << u"https://go.test.idnow.de/"_s << true;
    QTest::newRow("uri, relative") << u"uri"_s << u"/hooks"_s << false;
    QTest::newRow("ipv4") << u"ipv4"_s << u"127.0.0.1"_s << true;
    QTest::newRow("ipv4, 256") << u"ipv4"_s << u"256.0.0.1"_s << false;
    QTest::newRow("ipv6") << u"ipv6"_s << u"::1"_s << true;
    QTest::newRow("ipv6, mapped v4") << u"ipv6"_s << u"::ffff:192.168.0.1"_s << true;
    QTest::newRow("ipv6, two ::") << u"ipv6"_s << u"1::2::3"_s << false;
    QTest::newRow("hostname") << u"hostname"_s << u"docs.solarisgroup.com"_s << true;
    QTest::newRow("hostname, underscore") << u"hostname"_s << u"a_b.com"_s << false;
    QTest::newRow("json-pointer") << u"json-pointer"_s << u"/a~1b/0"_s << true;
    QTest::newRow("json-pointer, bad escape") << u"json-pointer"_s << u"/a~2"_s << false;
    QTest::newRow("regex") << u"regex"_s << u"^[a-z]+$"_s << true;
    QTest::newRow("regex, unbalanced") << u"regex"_s << u"^[a-z"_s << false;
}

void TestFormatChecker::formats()
{
    QFETCH(QString, format);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QVERIFY(FormatChecker::isKnown(format));
    QCOMPARE(FormatChecker::isValid(format, value), valid);
}

void TestFormatChecker::unknownFormatsAreAnnotations()
{
    for (const QString &format :
         { u"float"_s, u"int64"_s, u"datetime"_s, u"TopupStatusValues"_s }) {
        QVERIFY(!FormatChecker::isKnown(format));
        QVERIFY(FormatChecker::isValid(format, u"anything"_s));
    }
}

QTEST_GUILESS_MAIN(TestFormatChecker)
#include "tst_formatchecker.moc"
