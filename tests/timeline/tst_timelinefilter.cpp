#include "filter/filter.h"
#include "timeline/timelinefilter.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
EventSummary at(qint64 ms, const QString &type = u"A"_s)
{
    EventSummary s;
    s.receivedAtMs = ms;
    s.eventType = type;
    return s;
}

Filter compiled(const QString &text)
{
    auto result = Filter::compile(text);
    if (auto *filter = std::get_if<Filter>(&result))
        return *filter;
    qWarning() << "does not compile:" << text << std::get<FilterError>(result).message;
    return {};
}
} // namespace

class TestTimelineFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeRangeMatchesExactlyItsInterval_data();
    void timeRangeMatchesExactlyItsInterval();
    void timeRangeReadsAsLocalTimeWithOffset();
    void eventTypeTerms_data();
    void eventTypeTerms();
    void eventTypeWithInferred();
    void combine_data();
    void combine();
    void withEventType_data();
    void withEventType();
    void without_data();
    void without();
};

void TestTimelineFilter::timeRangeMatchesExactlyItsInterval_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    const qint64 base =
        QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    QTest::newRow("ten seconds") << base << base + 10'000;
    QTest::newRow("one second") << base + 5000 << base + 6000;
    QTest::newRow("milliseconds") << base + 250 << base + 1750;
    QTest::newRow("a day") << base << base + 86'400'000;
    // 2026-03-29: Europe's clocks go forward at 01:00 UTC; a range across it stays exact.
    const qint64 dst =
        QDateTime(QDate(2026, 3, 29), QTime(0, 30), QTimeZone::utc()).toMSecsSinceEpoch();
    QTest::newRow("across a DST change") << dst << dst + 3'600'000;
}

void TestTimelineFilter::timeRangeMatchesExactlyItsInterval()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    const QString text = TimelineFilter::timeRange(from, to);
    const Filter filter = compiled(text);
    QVERIFY2(!filter.isEmpty(), qPrintable(text));
    QVERIFY(!filter.needsEvent());
    QVERIFY2(!filter.matches(at(from - 1)), qPrintable(text));
    QVERIFY2(filter.matches(at(from)), qPrintable(text));
    QVERIFY2(filter.matches(at((from + to) / 2)), qPrintable(text));
    QVERIFY2(filter.matches(at(to - 1)), qPrintable(text));
    QVERIFY2(!filter.matches(at(to)), qPrintable(text));
}

void TestTimelineFilter::timeRangeReadsAsLocalTimeWithOffset()
{
    const qint64 ms =
        QDateTime(QDate(2026, 11, 22), QTime(10, 0, 5), QTimeZone::utc()).toMSecsSinceEpoch();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms);
    const QString text = TimelineFilter::timeRange(ms, ms + 1000);
    // The local wall-clock time, as the table shows it.
    QVERIFY2(text.startsWith(u"time >= \""_s + local.toString(u"yyyy-MM-ddTHH:mm:ss"_s)),
             qPrintable(text));
    QVERIFY2(text.contains(u"\" && time < \""_s), qPrintable(text));
    QVERIFY(!text.contains(u".000"_s));
}

void TestTimelineFilter::eventTypeTerms_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("matching");
    QTest::addColumn<QString>("other");
    QTest::newRow("plain") << u"IDENTIFICATION"_s << u"event == \"IDENTIFICATION\""_s
                           << u"IDENTIFICATION"_s << u"ACCOUNT_BLOCK"_s;
    QTest::newRow("inferred") << u"IDENTIFICATION?"_s << u"event == \"IDENTIFICATION?\""_s
                              << u"IDENTIFICATION?"_s << u"IDENTIFICATION"_s;
    QTest::newRow("quotes and backslashes")
        << u"a\"b\\c"_s << u"event == \"a\\\"b\\\\c\""_s << u"a\"b\\c"_s << u"a\"b"_s;
    QTest::newRow("unknown") << QString() << u"!event"_s << QString() << u"A"_s;
}

void TestTimelineFilter::eventTypeTerms()
{
    QFETCH(QString, type);
    QFETCH(QString, expected);
    QFETCH(QString, matching);
    QFETCH(QString, other);
    QCOMPARE(TimelineFilter::eventType(type), expected);
    const Filter filter = compiled(expected);
    QVERIFY(filter.matches(at(0, matching)));
    QVERIFY(!filter.matches(at(0, other)));
}

// A type some events say and others only had inferred: its term matches both, nothing else.
void TestTimelineFilter::eventTypeWithInferred()
{
    const QString term = TimelineFilter::eventType(u"A"_s, true);
    QCOMPARE(term, u"event in {\"A\" \"A?\"}"_s);
    const Filter filter = compiled(term);
    QVERIFY(filter.matches(at(0, u"A"_s)));
    QVERIFY(filter.matches(at(0, u"A?"_s)));
    QVERIFY(!filter.matches(at(0, u"AB"_s)));
    QVERIFY(!filter.matches(at(0, QString())));
    QCOMPARE(TimelineFilter::withEventType(u"event == \"B\" && invalid"_s, {}, term),
             u"event in {\"A\" \"A?\"} && invalid"_s);
    QCOMPARE(TimelineFilter::eventType(QString(), true), u"!event"_s);
}

void TestTimelineFilter::combine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("previous");
    QTest::addColumn<QString>("term");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty bar") << u"  "_s << QString() << u"T1"_s << u"T1"_s;
    QTest::newRow("only the previous term") << u"T0"_s << u"T0"_s << u"T1"_s << u"T1"_s;
    QTest::newRow("joins the user's filter")
        << u"invalid"_s << QString() << u"T1"_s << u"invalid && T1"_s;
    QTest::newRow("replaces its own term inside")
        << u"invalid && T0 && method == POST"_s << u"T0"_s << u"T1"_s
        << u"invalid && T1 && method == POST"_s;
    QTest::newRow("the user removed it")
        << u"invalid"_s << u"T0"_s << u"T1"_s << u"invalid && T1"_s;
    QTest::newRow("or is parenthesised")
        << u"a || b"_s << QString() << u"T1"_s << u"(a || b) && T1"_s;
    QTest::newRow("OR word too") << u"a OR b"_s << QString() << u"T1"_s << u"(a OR b) && T1"_s;
    QTest::newRow("a word containing or is not")
        << u"path contains order"_s << QString() << u"T1"_s << u"path contains order && T1"_s;
}

void TestTimelineFilter::combine()
{
    QFETCH(QString, text);
    QFETCH(QString, previous);
    QFETCH(QString, term);
    QFETCH(QString, expected);
    QCOMPARE(TimelineFilter::combine(text, previous, term), expected);
}

void TestTimelineFilter::withEventType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("keep");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("expected");
    const QString range = u"time >= \"2026-01-01T10:00:00Z\" && time < \"2026-01-01T10:01:00Z\""_s;
    QTest::newRow("empty bar") << QString() << QString() << u"A"_s << u"event == \"A\""_s;
    // What a first-time user met: a type click narrowed an unrelated filter to nothing.
    QTest::newRow("an unrelated filter is replaced")
        << u"seq == 44"_s << QString() << u"ACCOUNT_SNAPSHOT"_s
        << u"event == \"ACCOUNT_SNAPSHOT\""_s;
    QTest::newRow("the event term is replaced in place")
        << u"event == \"A\" && json.status == \"failed\""_s << QString() << u"B"_s
        << u"event == \"B\" && json.status == \"failed\""_s;
    QTest::newRow("an unquoted one too") << u"method == POST && event==A"_s << QString() << u"B"_s
                                         << u"method == POST && event == \"B\""_s;
    QTest::newRow("unknown type replaces")
        << u"!event && invalid"_s << QString() << u"B"_s << u"event == \"B\" && invalid"_s;
    QTest::newRow("to unknown type")
        << u"event == \"B\""_s << QString() << QString() << u"!event"_s;
    QTest::newRow("a json member named event is not the term")
        << u"json.event == \"x\""_s << QString() << u"B"_s << u"event == \"B\""_s;
    QTest::newRow("a negated one is not the term either")
        << u"! event == \"x\""_s << QString() << u"B"_s << u"event == \"B\""_s;
    QTest::newRow("not event is no event term")
        << u"!event == \"x\""_s << QString() << u"B"_s << u"event == \"B\""_s;
    QTest::newRow("a set of types is the term")
        << u"event in {\"A\" \"A?\"} && invalid"_s << QString() << u"B"_s
        << u"event == \"B\" && invalid"_s;
    QTest::newRow("the timeline's range stays")
        << range + u" && seq == 3"_s << range << u"A"_s << range + u" && event == \"A\""_s;
}

void TestTimelineFilter::withEventType()
{
    QFETCH(QString, text);
    QFETCH(QString, keep);
    QFETCH(QString, type);
    QFETCH(QString, expected);
    const QString result =
        TimelineFilter::withEventType(text, keep, TimelineFilter::eventType(type));
    QCOMPARE(result, expected);
    QVERIFY(std::holds_alternative<Filter>(Filter::compile(result)));
}

void TestTimelineFilter::without_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("term");
    QTest::addColumn<QString>("expected");
    QTest::newRow("alone") << u" T0 "_s << u"T0"_s << QString();
    QTest::newRow("at the end") << u"invalid && T0"_s << u"T0"_s << u"invalid"_s;
    QTest::newRow("at the start") << u"T0 && invalid"_s << u"T0"_s << u"invalid"_s;
    QTest::newRow("in the middle") << u"a && T0 && b"_s << u"T0"_s << u"a && b"_s;
    QTest::newRow("not there") << u"invalid"_s << u"T0"_s << u"invalid"_s;
    QTest::newRow("no term") << u"invalid"_s << QString() << u"invalid"_s;
}

void TestTimelineFilter::without()
{
    QFETCH(QString, text);
    QFETCH(QString, term);
    QFETCH(QString, expected);
    QCOMPARE(TimelineFilter::without(text, term), expected);
}

QTEST_GUILESS_MAIN(TestTimelineFilter)
#include "tst_timelinefilter.moc"
