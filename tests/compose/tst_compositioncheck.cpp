#include "analysis/analyzer.h"
#include "compose/compositioncheck.h"
#include "schema/eventexample.h"
#include "json/jsondocument.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray prettyExample(const SchemaRegistry &registry, const QString &type)
{
    return QJsonDocument(exampleFor(registry, type).payload.toObject())
        .toJson(QJsonDocument::Indented);
}

// The 1-based line of the first line of TEXT containing NEEDLE.
int lineContaining(const QByteArray &text, QByteArrayView needle)
{
    return CompositionCheck::lineAt(text, text.indexOf(needle));
}

QList<Violation> errorsOf(const QList<LineViolation> &lines)
{
    QList<Violation> errors;
    for (const LineViolation &line : lines) {
        if (line.violation.severity == Severity::Error)
            errors.append(line.violation);
    }
    return errors;
}
} // namespace

class tst_CompositionCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void lineAt_data();
    void lineAt();
    void lineOf_data();
    void lineOf();
    void everyExampleHasNoErrors();
    void wrongTypeIsMarkedOnItsLine();
    void messagesAreTheFieldsTabs();
    void brokenJsonIsMarkedWhereItBreaks();
    void missingMemberIsMarkedOnItsObject();
    void duplicateMemberIsWarnedOnItsLine();
    void unknownEventChecksOnlyTheJson();

private:
    SchemaRegistry m_registry;
};

void tst_CompositionCheck::initTestCase()
{
    m_registry = SchemaRegistry::withBundledCatalog();
    QVERIFY(m_registry.contains(u"IDENTIFICATION"_s));
}

void tst_CompositionCheck::lineAt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("line");
    QTest::newRow("start") << "{\n}"_ba << qint64(0) << 1;
    QTest::newRow("on the newline") << "{\n}"_ba << qint64(1) << 1;
    QTest::newRow("after it") << "{\n}"_ba << qint64(2) << 2;
    QTest::newRow("past the end") << "a\nb\nc"_ba << qint64(99) << 3;
    QTest::newRow("negative") << "a\nb"_ba << qint64(-1) << 1;
    QTest::newRow("utf-8 before") << "\"\xc3\xa4\"\n1"_ba << qint64(5) << 2;
}

void tst_CompositionCheck::lineAt()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, offset);
    QFETCH(int, line);
    QCOMPARE(CompositionCheck::lineAt(text, offset), line);
}

void tst_CompositionCheck::lineOf_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");
    const QByteArray body = "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [\n      true,\n      null\n"
                            "    ]\n  },\n  \"x/y\": \"z\"\n}"_ba;
    QTest::newRow("root") << body << QString() << 1;
    QTest::newRow("member") << body << u"/a"_s << 2;
    QTest::newRow("nested object") << body << u"/b"_s << 3;
    QTest::newRow("array") << body << u"/b/c"_s << 4;
    QTest::newRow("element 0") << body << u"/b/c/0"_s << 5;
    QTest::newRow("element 1") << body << u"/b/c/1"_s << 6;
    QTest::newRow("escaped name") << body << u"/x~1y"_s << 9;
    QTest::newRow("missing member: its object") << body << u"/b/missing"_s << 3;
    QTest::newRow("missing deep: nearest there") << body << u"/b/c/7/d"_s << 4;
    QTest::newRow("missing at the root") << body << u"/nope"_s << 1;
    QTest::newRow("value on the next line")
        << "{\"k\":\n\n  \"v\"}"_ba << u"/k"_s << 1; // a member is marked on its name
}

void tst_CompositionCheck::lineOf()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, pointer);
    QFETCH(int, line);
    const JsonDocument document = JsonDocument::parse(body);
    QVERIFY(document.isValid());
    QCOMPARE(CompositionCheck::lineOf(document, pointer), line);
}

// What Compose starts from must not be flagged: every bundled event's example, pretty-printed.
void tst_CompositionCheck::everyExampleHasNoErrors()
{
    const CompositionCheck check(m_registry);
    const QStringList types = m_registry.eventTypes();
    QVERIFY(types.size() > 50);
    for (const QString &type : types) {
        const QByteArray body = prettyExample(m_registry, type);
        const QList<Violation> errors = errorsOf(check.check(type, body));
        QVERIFY2(
            errors.isEmpty(),
            qPrintable(type + u": "_s + (errors.isEmpty() ? QString() : errors.first().message)));
    }
}

void tst_CompositionCheck::wrongTypeIsMarkedOnItsLine()
{
    const CompositionCheck check(m_registry);
    QByteArray body = prettyExample(m_registry, u"IDENTIFICATION"_s);
    const int idLine = lineContaining(body, "\"id\":");
    QVERIFY(idLine > 1);
    const qsizetype at = body.indexOf("\"id\": ") + 6;
    body.replace(at, body.indexOf(',', at) - at, "42");
    const QList<LineViolation> lines = check.check(u"identification"_s, body);
    const QList<Violation> errors = errorsOf(lines);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().pointer, u"/id"_s);
    QCOMPARE(errors.first().keyword, u"type"_s);
    const auto marked = std::find_if(lines.cbegin(), lines.cend(), [](const LineViolation &l) {
        return l.violation.pointer == u"/id"_s;
    });
    QCOMPARE(marked->line, idLine);
}

// The same words the Fields tab shows for the same bytes captured as that event.
void tst_CompositionCheck::messagesAreTheFieldsTabs()
{
    QByteArray body = prettyExample(m_registry, u"IDENTIFICATION"_s);
    body.replace("\"status\": \"", "\"status\": \"sideways-");
    body.replace("\"method\": \"bank\"", "\"method\": true");
    Event event;
    event.method = "POST";
    event.headers = { { "Content-Type", "application/json" },
                      { "Solaris-Webhook-Event-Type", "IDENTIFICATION" } };
    event.body = body;
    const EventAnalysis captured = Analyzer(m_registry).analyze(event);
    QCOMPARE(captured.eventType, u"IDENTIFICATION"_s);
    QVERIFY(captured.errorCount() >= 2);
    Violations composed;
    for (const LineViolation &line : CompositionCheck(m_registry).check(u"IDENTIFICATION"_s, body))
        composed.append(line.violation);
    QCOMPARE(composed.size(), captured.violations.size());
    for (const Violation &violation : captured.violations)
        QVERIFY2(composed.contains(violation), qPrintable(violation.message));
}

void tst_CompositionCheck::brokenJsonIsMarkedWhereItBreaks()
{
    const QByteArray body = "{\n  \"a\": 1,\n  \"b\": tru\n}"_ba;
    const QList<LineViolation> lines =
        CompositionCheck(m_registry).check(u"IDENTIFICATION"_s, body);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().violation.keyword, u"json"_s);
    QVERIFY(lines.first().violation.message.startsWith(u"the body is not valid JSON"_s));
    QCOMPARE(lines.first().line, 3);
}

void tst_CompositionCheck::missingMemberIsMarkedOnItsObject()
{
    SchemaRegistry registry;
    const ImportReport report = registry.importDocument(
        R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
            "properties": {"inner": {"type": "object", "required": ["id"]}}})"_ba,
        u"test"_s, u"THING"_s);
    QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
    const QByteArray body = "{\n  \"a\": 1,\n  \"inner\": {\n    \"b\": 2\n  }\n}"_ba;
    const QList<LineViolation> lines = CompositionCheck(registry).check(u"THING"_s, body);
    const auto missing = std::find_if(lines.cbegin(), lines.cend(), [](const LineViolation &l) {
        return l.violation.keyword == u"required"_s;
    });
    QVERIFY(missing != lines.cend());
    QCOMPARE(missing->violation.pointer, u"/inner/id"_s);
    QCOMPARE(missing->line, 3);
}

void tst_CompositionCheck::duplicateMemberIsWarnedOnItsLine()
{
    const QByteArray body = "{\n  \"a\": 1,\n  \"a\": 2\n}"_ba;
    const QList<LineViolation> lines = CompositionCheck(m_registry).check(QString(), body);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().violation.keyword, u"duplicate"_s);
    QCOMPARE(lines.first().violation.severity, Severity::Warning);
    QCOMPARE(lines.first().line, 3);
}

void tst_CompositionCheck::unknownEventChecksOnlyTheJson()
{
    const CompositionCheck check(m_registry);
    QVERIFY(check.check(u"NOT_AN_EVENT"_s, "{\"id\": 42}"_ba).isEmpty());
    QCOMPARE(check.check(u"NOT_AN_EVENT"_s, "{\"id\": }"_ba).size(), 1);
}

QTEST_GUILESS_MAIN(tst_CompositionCheck)
#include "tst_compositioncheck.moc"
