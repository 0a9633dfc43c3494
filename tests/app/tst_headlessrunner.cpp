#include "headlessrunner.h"

#include "timebound.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

// The text line headless mode prints for each event: whatever the request held, it is one line
// that a terminal shows as text.
class TestHeadlessRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void percentEncodingIsNotAPlaceholder();
    void controlCharactersAreEscaped_data();
    void controlCharactersAreEscaped();
    void printWritesOneLinePerEvent();
    void filterHasTheRegexBudget();
    void verdictSaysWhatTheBodyIs_data();
    void verdictSaysWhatTheBodyIs();
};

namespace {
Event makeEvent(const QByteArray &target)
{
    Event e;
    e.seq = 7;
    e.method = "POST";
    e.target = target;
    e.body = "{}";
    e.response.status = 200;
    return e;
}
} // namespace

void TestHeadlessRunner::percentEncodingIsNotAPlaceholder()
{
    EventAnalysis analysis;
    analysis.eventType = u"BOOKING"_s;
    analysis.bodyKind = BodyKind::Json;
    analysis.schemaChecked = true;
    const QByteArray line = HeadlessRunner::textLine(makeEvent("/hooks%2Fa%1b?q=%3"), analysis);
    QVERIFY2(line.startsWith("#7 "), line.constData());
    QVERIFY2(line.contains(" POST /hooks%2Fa%1b?q=%3 BOOKING 200 2 bytes, valid"),
             line.constData());
}

void TestHeadlessRunner::verdictSaysWhatTheBodyIs_data()
{
    QTest::addColumn<int>("bodyKind");
    QTest::addColumn<bool>("schemaChecked");
    QTest::addColumn<int>("errors");
    QTest::addColumn<QByteArray>("verdict");
    QTest::newRow("checked and valid") << int(BodyKind::Json) << true << 0 << "valid"_ba;
    QTest::newRow("no schema is not valid") << int(BodyKind::Json) << false << 0 << "no schema"_ba;
    QTest::newRow("errors") << int(BodyKind::Json) << true << 2 << "2 errors"_ba;
    QTest::newRow("refused with 413: empty") << int(BodyKind::Empty) << false << 0 << "empty"_ba;
    QTest::newRow("binary") << int(BodyKind::Binary) << false << 0 << "binary"_ba;
}

void TestHeadlessRunner::verdictSaysWhatTheBodyIs()
{
    QFETCH(int, bodyKind);
    QFETCH(bool, schemaChecked);
    QFETCH(int, errors);
    QFETCH(QByteArray, verdict);
    EventAnalysis analysis;
    analysis.bodyKind = BodyKind(bodyKind);
    analysis.schemaChecked = schemaChecked;
    for (int i = 0; i < errors; ++i)
        analysis.violations.append({ u"/a"_s, u"type"_s, Severity::Error, u"wrong"_s });
    const QByteArray line = HeadlessRunner::textLine(makeEvent("/x"), analysis);
    QVERIFY2(line.endsWith(QByteArray(QByteArray(" bytes, ") + verdict)), line.constData());
}

void TestHeadlessRunner::controlCharactersAreEscaped_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("shown");
    QTest::newRow("title escape") << u"\x1b]0;pwned\x07"_s << u"\\x1b]0;pwned\\x07"_s;
    QTest::newRow("newline") << u"A\nB"_s << u"A\\x0aB"_s;
    QTest::newRow("C1 CSI") << QString(QChar(0x9b)) + u"2J"_s << u"\\x9b2J"_s;
    QTest::newRow("plain unicode") << u"ZAHLUNG_ÄÖÜ"_s << u"ZAHLUNG_ÄÖÜ"_s;
}

void TestHeadlessRunner::controlCharactersAreEscaped()
{
    QFETCH(QString, eventType);
    QFETCH(QString, shown);
    EventAnalysis analysis;
    analysis.eventType = eventType;
    const QString line = QString::fromUtf8(HeadlessRunner::textLine(makeEvent("/x"), analysis));
    QVERIFY2(line.contains(u" /x "_s + shown + u" 200"_s), qPrintable(line));
    QVERIFY(std::none_of(line.cbegin(), line.cend(), [](QChar c) {
        return c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f);
    }));
}

void TestHeadlessRunner::printWritesOneLinePerEvent()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    HeadlessRunner runner(false, Filter(), &out);
    CapturedBatch batch;
    batch.events = { makeEvent("/a"), makeEvent("/b\x1b[2J") };
    batch.analyses = { EventAnalysis(), EventAnalysis() };
    runner.print(batch);
    const QList<QByteArray> lines = out.data().split('\n');
    QCOMPARE(lines.size(), 3); // two lines and the empty rest after the last newline
    QVERIFY(lines.at(1).contains("/b\\x1b[2J"));
}

// --headless --filter runs each `matches` under BoundedRegex's budget, like response rules: an
// event it cannot decide is left out with a warning, in bounded time, and the others are judged.
void TestHeadlessRunner::filterHasTheRegexBudget()
{
    const auto filter = Filter::compile(uR"(body matches "(?:a|a){1,20}[^a!]")"_s);
    QVERIFY(std::holds_alternative<Filter>(filter));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    HeadlessRunner runner(false, std::get<Filter>(filter), &out);
    CapturedBatch batch;
    batch.events = { makeEvent("/hostile"), makeEvent("/match"), makeEvent("/no") };
    batch.events[0].body = QByteArray(5000, 'a'); // unbounded: about 35 s
    batch.events[1].body = R"({"ba":1})";
    batch.events[2].body = R"({"ok":1})";
    EventAnalysis text;
    text.bodyKind = BodyKind::Text;
    batch.analyses = { text, text, text };
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(
            u"^--filter is undecided for event 7: the regular expression .*; not shown$"_s));
    QElapsedTimer timer;
    timer.start();
    runner.print(batch);
    QCOMPARE_LT(timer.elapsed(), timeBound(2000));
    const QList<QByteArray> lines = out.data().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).contains("/match"));
}

QTEST_GUILESS_MAIN(TestHeadlessRunner)
#include "tst_headlessrunner.moc"
