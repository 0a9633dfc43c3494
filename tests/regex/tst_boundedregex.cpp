#include "regex/boundedregex.h"

#include "timebound.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

// Every hostile case must end, and end as Undecided with a reason, never as a silent NoMatch.
class tst_BoundedRegex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void invalidPatterns_data();
    void invalidPatterns();
    void copiesShareCode();
};

void tst_BoundedRegex::outcomes_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<int>("outcome");
    using O = BoundedRegex::Outcome;
    QTest::newRow("match") << u"^/hooks/(a|b)"_s << u"/hooks/b/x"_s << int(O::Match);
    QTest::newRow("no match") << u"^/hooks/(a|b)"_s << u"/hooks/c"_s << int(O::NoMatch);
    QTest::newRow("empty subject") << u"^$"_s << QString() << int(O::Match);
    QTest::newRow("pcre syntax") << u"(?i)ABC"_s << u"xabcx"_s << int(O::Match);
    QTest::newRow("unicode property") << u"^\\p{L}+$"_s << u"Grüße"_s << int(O::Match);
    QTest::newRow("start verb kept first") << u"(*UTF)^a"_s << u"ab"_s << int(O::Match);
    QTest::newRow("lone surrogate")
        << u"b"_s << QString(u"a"_s + QChar(0xd800) + u"b"_s) << int(O::Match);
    // The rule: exponential at one start position (2^20 paths): the step limit.
    QTest::newRow("exponential, 5 KB")
        << u"(?:a|a){1,20}[^a!]"_s << QString(5000, u'a') << int(O::Undecided);
    QTest::newRow("exponential, 15 KB")
        << u"(?:a|a){1,20}[^a!]"_s << QString(15000, u'a') << int(O::Undecided);
    QTest::newRow("nested quantifier")
        << u"^(a|a)+$"_s << QString(QString(40, u'a') + u'!') << int(O::Undecided);
    // Under the step limit at every start position, but 100 000 of them: the clock.
    QTest::newRow("many expensive positions")
        << u"(?:a|a){1,12}[^a!]"_s << QString(100000, u'a') << int(O::Undecided);
    QTest::newRow("big harmless subject")
        << u"needle"_s << QString(QString(4'000'000, u'x') + u"needle"_s) << int(O::Match);
}

void tst_BoundedRegex::outcomes()
{
    QFETCH(QString, pattern);
    QFETCH(QString, subject);
    QFETCH(int, outcome);
    const BoundedRegex regex(pattern);
    QVERIFY2(regex.isValid(), qPrintable(regex.errorString()));
    QElapsedTimer timer;
    timer.start();
    const BoundedRegex::Result result = regex.match(subject);
    // Generous: unbounded, the exponential rows take from 35 s to hours.
    QCOMPARE_LT(timer.elapsed(), timeBound(5000));
    QCOMPARE(int(result.outcome), outcome);
    QCOMPARE(result.reason.isEmpty(), result.outcome != BoundedRegex::Outcome::Undecided);
}

void tst_BoundedRegex::invalidPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("offset");
    QTest::newRow("open class") << u"["_s << 1;
    QTest::newRow("reversed range") << u"a{2,1}"_s << 5;
    QTest::newRow("after a start verb") << u"(*UTF)a)"_s << 7;
}

void tst_BoundedRegex::invalidPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(int, offset);
    const BoundedRegex regex(pattern);
    QVERIFY(!regex.isValid());
    QVERIFY(!regex.errorString().isEmpty());
    // Offsets point into the pattern as written, not into what is compiled.
    QCOMPARE(regex.errorOffset(), offset);
    QCOMPARE(int(regex.match(u"a"_s).outcome), int(BoundedRegex::Outcome::NoMatch));
}

void tst_BoundedRegex::copiesShareCode()
{
    const BoundedRegex a(u"^x-"_s);
    const BoundedRegex b = a;
    QCOMPARE(int(b.match(u"x-y"_s).outcome), int(BoundedRegex::Outcome::Match));
    QCOMPARE(b.pattern(), u"^x-"_s);
    QCOMPARE(int(b.match(QStringView()).outcome), int(BoundedRegex::Outcome::NoMatch));
    QCOMPARE(int(BoundedRegex(u"^$"_s).match(QStringView()).outcome),
             int(BoundedRegex::Outcome::Match));
}

QTEST_GUILESS_MAIN(tst_BoundedRegex)
#include "tst_boundedregex.moc"
