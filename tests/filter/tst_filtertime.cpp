#include "filter/filtertime.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;

// Time literals: which interval each ISO-8601 form names.
class TestFilterTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
};

void TestFilterTime::initTestCase()
{
    qputenv("TZ", "Europe/Berlin"); // local literals: UTC+1 in November, UTC+2 in summer
    tzset();
}

void TestFilterTime::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("from"); // UTC, or empty when the literal is not a date
    QTest::addColumn<QString>("to");
    const auto row = [](const char *text, const char *from, const char *to) {
        QTest::newRow(text) << QString::fromLatin1(text) << QString::fromLatin1(from)
                            << QString::fromLatin1(to);
    };
    row("2026-11-22Z", "2026-11-22T00:00:00.000Z", "2026-11-23T00:00:00.000Z");
    row("2026-11-22", "2026-11-21T23:00:00.000Z", "2026-11-22T23:00:00.000Z");
    row("2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"); // 23-hour DST day
    row("2026-11-22T10:00Z", "2026-11-22T10:00:00.000Z", "2026-11-22T10:01:00.000Z");
    row("2026-11-22t10:00z", "2026-11-22T10:00:00.000Z", "2026-11-22T10:01:00.000Z");
    row("2026-11-22 10:00:05Z", "2026-11-22T10:00:05.000Z", "2026-11-22T10:00:06.000Z");
    row("2026-11-22T10:00:05.5Z", "2026-11-22T10:00:05.500Z", "2026-11-22T10:00:05.501Z");
    row("2026-11-22T10:00:05.123Z", "2026-11-22T10:00:05.123Z", "2026-11-22T10:00:05.124Z");
    row("2026-11-22T10:00+01:00", "2026-11-22T09:00:00.000Z", "2026-11-22T09:01:00.000Z");
    row("2026-11-22T10:00-0530", "2026-11-22T15:30:00.000Z", "2026-11-22T15:31:00.000Z");
    row("2026-07-01T10:00", "2026-07-01T08:00:00.000Z", "2026-07-01T08:01:00.000Z");
    row("2026-02-30", "", "");
    row("2026-11-22T24:00", "", "");
    row("2026-11-22T10", "", "");
    row("26-11-22", "", "");
    row("2026-11-22T10:00:05.1234Z", "", "");
    row("yesterday", "", "");
    row("", "", "");
    row("1700000000", "", "");
}

void TestFilterTime::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, from);
    QFETCH(QString, to);
    const std::optional<FilterTime::Interval> interval = FilterTime::parse(text);
    if (from.isEmpty()) {
        QVERIFY(!interval);
        return;
    }
    QVERIFY(interval);
    const auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    QCOMPARE(iso(interval->fromMs), from);
    QCOMPARE(iso(interval->toMs), to);
}

QTEST_GUILESS_MAIN(TestFilterTime)
#include "tst_filtertime.moc"
