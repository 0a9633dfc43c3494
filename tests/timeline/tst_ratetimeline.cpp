#include "timeline/ratetimeline.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSec = RateTimeline::kSecondMs;
constexpr qint64 kMin = RateTimeline::kMinuteMs;
constexpr qint64 kHour = RateTimeline::kHourMs;
// 2026-11-22T10:00:00Z
constexpr qint64 kBase = 1'795'341'600'000;

QString describe(const std::vector<RateCount> &bins)
{
    QStringList parts;
    for (const RateCount &bin : bins)
        parts.append(u"%1/%2"_s.arg(bin.valid).arg(bin.invalid));
    return parts.join(u' ');
}
} // namespace

class TestRateTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void binWidthFor_data();
    void binWidthFor();
    void alignDownFloorsBefore1970();
    void emptyTimeline();
    void countsPerSecondSplitByValidity();
    void uncheckedEventsAreNeitherValidNorInvalid();
    void coarseBinsReadEveryLevel_data();
    void coarseBinsReadEveryLevel();
    void outOfOrderEventsLandInTheirBuckets();
    void eventsOutsideTheRangeAreNotCounted();
    void splitByTypeOnDemand();
    void clearKeepsTheSplitSetting();
    void manyEventsStayCheap();
};

void TestRateTimeline::binWidthFor_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<int>("maxBins");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("nothing") << qint64(0) << 100 << kSec;
    QTest::newRow("100 s in 100 bins") << 100 * kSec << 100 << kSec;
    QTest::newRow("101 s in 100 bins") << 101 * kSec << 100 << 2 * kSec;
    QTest::newRow("10 min in 60 bins") << 10 * kMin << 60 << 10 * kSec;
    QTest::newRow("1 h in 100 bins") << kHour << 100 << kMin;
    QTest::newRow("1 day in 300 bins") << 24 * kHour << 300 << 5 * kMin;
    QTest::newRow("30 days in 200 bins") << 30 * 24 * kHour << 200 << 6 * kHour;
    QTest::newRow("zero bins counts as one") << 5 * kSec << 0 << 5 * kSec;
    QTest::newRow("centuries") << 300 * 365 * 24 * kHour << 10 << 31 * 365 * 24 * kHour;
}

void TestRateTimeline::binWidthFor()
{
    QFETCH(qint64, span);
    QFETCH(int, maxBins);
    QFETCH(qint64, expected);
    QCOMPARE(RateTimeline::binWidthFor(span, maxBins), expected);
}

void TestRateTimeline::alignDownFloorsBefore1970()
{
    QCOMPARE(RateTimeline::alignDown(kBase + 1500, kSec), kBase + 1000);
    QCOMPARE(RateTimeline::alignDown(-1, kSec), -kSec);
    QCOMPARE(RateTimeline::alignDown(-kSec, kSec), -kSec);
    QCOMPARE(RateTimeline::alignDown(0, kHour), qint64(0));
}

void TestRateTimeline::emptyTimeline()
{
    RateTimeline timeline;
    QVERIFY(timeline.isEmpty());
    QCOMPARE(describe(timeline.bins(kBase, kSec, 3)), u"0/0 0/0 0/0"_s);
    QCOMPARE(timeline.bins(kBase, kSec, 0).size(), size_t(0));
    QCOMPARE(timeline.bins(kBase, kSec, -4).size(), size_t(0));
    QVERIFY(timeline.types().isEmpty());
}

void TestRateTimeline::countsPerSecondSplitByValidity()
{
    RateTimeline timeline;
    timeline.add(kBase + 10, Verdict::Valid, u"A"_s);
    timeline.add(kBase + 999, Verdict::Invalid, u"A"_s);
    timeline.add(kBase + 1000, Verdict::Valid, u"B"_s);
    timeline.add(kBase + 3999, Verdict::Valid, u""_s);
    QCOMPARE(describe(timeline.bins(kBase, kSec, 5)), u"1/1 1/0 0/0 1/0 0/0"_s);
    QCOMPARE(describe(timeline.bins(kBase - 2 * kSec, 2 * kSec, 4)), u"0/0 2/1 1/0 0/0"_s);
    QCOMPARE(timeline.eventCount(), qint64(4));
    QCOMPARE(timeline.firstMs(), kBase + 10);
    QCOMPARE(timeline.lastMs(), kBase + 3999);
    QCOMPARE(timeline.total(), (RateCount { 3, 1 }));
    QCOMPARE(timeline.types(), (QStringList { u"A"_s, u"B"_s, u""_s }));
    QCOMPARE(timeline.typeTotal(0), (RateCount { 1, 1 }));
    QCOMPARE(timeline.typeTotal(2), (RateCount { 1, 0 }));
    QCOMPARE(timeline.typeTotal(7), RateCount());
}

// An event without a schema is neither valid nor invalid: its own count, in the total.
void TestRateTimeline::uncheckedEventsAreNeitherValidNorInvalid()
{
    RateTimeline timeline;
    timeline.add(kBase, Verdict::None, u"A"_s);
    timeline.add(kBase + 10, Verdict::Valid, u"A"_s);
    timeline.add(kBase + kSec, Verdict::None, u""_s);
    QCOMPARE(timeline.total(), (RateCount { 1, 0, 2 }));
    QCOMPARE(timeline.bins(kBase, kSec, 2).front(), (RateCount { 1, 0, 1 }));
    QCOMPARE(timeline.bins(kBase, kSec, 2).front().total(), 2u);
    QCOMPARE(timeline.typeTotal(1), (RateCount { 0, 0, 1 }));
}

// The same events read through seconds, minutes and hours.
void TestRateTimeline::coarseBinsReadEveryLevel_data()
{
    QTest::addColumn<qint64>("binMs");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("30 s, second level") << 30 * kSec << 4 << u"2/0 0/1 0/0 0/0"_s;
    QTest::newRow("1 min, minute level") << kMin << 3 << u"2/1 0/0 0/0"_s;
    QTest::newRow("5 min, minute level")
        << 5 * kMin << 14 << u"2/1 0/0 0/0 0/0 0/0 0/0 0/0 0/0 0/0 0/0 0/0 1/0 1/1 0/0"_s;
    QTest::newRow("1 h, hour level") << kHour << 3 << u"3/1 1/1 0/0"_s;
    QTest::newRow("1 day, hour level") << 24 * kHour << 1 << u"4/2"_s;
}

void TestRateTimeline::coarseBinsReadEveryLevel()
{
    QFETCH(qint64, binMs);
    QFETCH(int, count);
    QFETCH(QString, expected);
    RateTimeline timeline;
    timeline.add(kBase, Verdict::Valid, u"A"_s); // 10:00:00
    timeline.add(kBase + 29 * kSec, Verdict::Valid, u"A"_s);
    timeline.add(kBase + 45 * kSec, Verdict::Invalid, u"A"_s);
    timeline.add(kBase + 62 * kMin, Verdict::Valid, u"A"_s); // 11:02, after 10:59:59: out of order
    timeline.add(kBase + 59 * kMin + 59 * kSec, Verdict::Valid, u"A"_s);
    timeline.add(kBase + 61 * kMin, Verdict::Invalid, u"A"_s);
    // A day bin starts at 00:00 UTC, ten hours before kBase.
    QCOMPARE(describe(timeline.bins(RateTimeline::alignDown(kBase, binMs), binMs, count)),
             expected);
}

void TestRateTimeline::outOfOrderEventsLandInTheirBuckets()
{
    RateTimeline timeline;
    timeline.add(kBase + 5 * kSec, Verdict::Valid, u"A"_s);
    timeline.add(kBase + 1 * kSec, Verdict::Invalid, u"A"_s); // a loaded payload with an older time
    timeline.add(kBase + 3 * kSec, Verdict::Valid, u"A"_s);
    timeline.add(kBase + 1 * kSec, Verdict::Valid, u"A"_s);
    timeline.add(kBase - 2 * kHour, Verdict::Valid, u"A"_s);
    QCOMPARE(describe(timeline.bins(kBase, kSec, 6)), u"0/0 1/1 0/0 1/0 0/0 1/0"_s);
    QCOMPARE(describe(timeline.bins(kBase - 2 * kHour, kHour, 3)), u"1/0 0/0 3/1"_s);
    QCOMPARE(describe(timeline.bins(kBase, kMin, 1)), u"3/1"_s);
    QCOMPARE(timeline.firstMs(), kBase - 2 * kHour);
    QCOMPARE(timeline.lastMs(), kBase + 5 * kSec);
}

void TestRateTimeline::eventsOutsideTheRangeAreNotCounted()
{
    RateTimeline timeline;
    for (int s = 0; s < 10; ++s)
        timeline.add(kBase + s * kSec, s % 2 == 0 ? Verdict::Valid : Verdict::Invalid, u"A"_s);
    QCOMPARE(describe(timeline.bins(kBase + 3 * kSec, kSec, 3)), u"0/1 1/0 0/1"_s);
    QCOMPARE(describe(timeline.bins(kBase + 4 * kSec, 2 * kSec, 2)), u"1/1 1/1"_s);
}

void TestRateTimeline::splitByTypeOnDemand()
{
    RateTimeline timeline;
    timeline.add(kBase, Verdict::Valid, u"A"_s);
    timeline.add(kBase, Verdict::Invalid, u"B"_s);
    // Off: per-type bins are empty, totals are kept.
    QCOMPARE(describe(timeline.typeBins(0, kBase, kSec, 1)), u"0/0"_s);
    QCOMPARE(timeline.typeTotal(1), (RateCount { 0, 1 }));

    timeline.setSplitByType(true);
    timeline.clear();
    QVERIFY(timeline.splitByType());
    timeline.add(kBase, Verdict::Valid, u"A"_s);
    timeline.add(kBase, Verdict::Invalid, u"B"_s);
    timeline.add(kBase + kSec, Verdict::Valid, u"B"_s);
    QCOMPARE(describe(timeline.typeBins(0, kBase, kSec, 2)), u"1/0 0/0"_s);
    QCOMPARE(describe(timeline.typeBins(1, kBase, kSec, 2)), u"0/1 1/0"_s);
    QCOMPARE(describe(timeline.typeBins(5, kBase, kSec, 2)), u"0/0 0/0"_s);
    QCOMPARE(describe(timeline.bins(kBase, kSec, 2)), u"1/1 1/0"_s);

    timeline.setSplitByType(false);
    QCOMPARE(describe(timeline.typeBins(1, kBase, kSec, 2)), u"0/0 0/0"_s);
    QCOMPARE(describe(timeline.bins(kBase, kSec, 2)), u"1/1 1/0"_s);
}

void TestRateTimeline::clearKeepsTheSplitSetting()
{
    RateTimeline timeline;
    timeline.setSplitByType(true);
    timeline.add(kBase, Verdict::Valid, u"A"_s);
    timeline.clear();
    QVERIFY(timeline.isEmpty());
    QVERIFY(timeline.splitByType());
    QVERIFY(timeline.types().isEmpty());
    QCOMPARE(describe(timeline.bins(kBase, kSec, 1)), u"0/0"_s);
    timeline.add(kBase, Verdict::Valid, u"C"_s);
    QCOMPARE(describe(timeline.typeBins(0, kBase, kSec, 1)), u"1/0"_s);
}

// A day of one event per 100 ms: the whole day in 400 bins reads the hour level, and the totals
// agree at every level.
void TestRateTimeline::manyEventsStayCheap()
{
    RateTimeline timeline;
    const qint64 from = RateTimeline::alignDown(kBase, 24 * kHour);
    const int events = 864'000;
    const QString type = u"A"_s;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < events; ++i)
        timeline.add(from + qint64(i) * 100, i % 10 != 0 ? Verdict::Valid : Verdict::Invalid, type);
    qInfo("counted %d events in %lld ms", events, timer.elapsed()); // a figure, not a check
    const qint64 width = RateTimeline::binWidthFor(24 * kHour, 400);
    QCOMPARE(width, 5 * kMin);
    const std::vector<RateCount> bins = timeline.bins(from, width, 288);
    quint64 valid = 0;
    quint64 invalid = 0;
    for (const RateCount &bin : bins) {
        QCOMPARE(bin.total(), quint32(3000));
        valid += bin.valid;
        invalid += bin.invalid;
    }
    QCOMPARE(valid, quint64(events - events / 10));
    QCOMPARE(invalid, quint64(events / 10));
    QCOMPARE(timeline.bins(from + 7 * kSec, kSec, 1).front(), (RateCount { 9, 1 }));
}

QTEST_GUILESS_MAIN(TestRateTimeline)
#include "tst_ratetimeline.moc"
