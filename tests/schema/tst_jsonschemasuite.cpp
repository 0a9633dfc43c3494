#include "schema/schemaregistry.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// The official JSON-Schema-Test-Suite (Debian package json-schema-test-suite), draft 7, run
// through SchemaRegistry::importDocument() and validate(): the same path every payload takes.
// A case passes when "valid" matches "no error-severity violation" (undocumented-field
// warnings are not failures).

namespace {

const QString suiteDir = QStringLiteral("/usr/share/json-schema-test-suite/tests/draft7");

// Keyword files we rely on (all of draft 7's), and the formats Hookscope asserts.
const QStringList suiteFiles = {
    u"additionalItems.json"_s,
    u"additionalProperties.json"_s,
    u"allOf.json"_s,
    u"anyOf.json"_s,
    u"boolean_schema.json"_s,
    u"const.json"_s,
    u"contains.json"_s,
    u"default.json"_s,
    u"definitions.json"_s,
    u"dependencies.json"_s,
    u"enum.json"_s,
    u"exclusiveMaximum.json"_s,
    u"exclusiveMinimum.json"_s,
    u"if-then-else.json"_s,
    u"items.json"_s,
    u"maxItems.json"_s,
    u"maxLength.json"_s,
    u"maxProperties.json"_s,
    u"maximum.json"_s,
    u"minItems.json"_s,
    u"minLength.json"_s,
    u"minProperties.json"_s,
    u"minimum.json"_s,
    u"multipleOf.json"_s,
    u"not.json"_s,
    u"oneOf.json"_s,
    u"pattern.json"_s,
    u"patternProperties.json"_s,
    u"properties.json"_s,
    u"propertyNames.json"_s,
    u"ref.json"_s,
    u"required.json"_s,
    u"type.json"_s,
    u"uniqueItems.json"_s,
    u"optional/format/date-time.json"_s,
    u"optional/format/date.json"_s,
    u"optional/format/time.json"_s,
    u"optional/format/email.json"_s,
    u"optional/format/hostname.json"_s,
    u"optional/format/ipv4.json"_s,
    u"optional/format/ipv6.json"_s,
    u"optional/format/uri.json"_s,
    u"optional/format/json-pointer.json"_s,
    u"optional/format/regex.json"_s,
};
// refRemote.json is left out: every case fetches http://localhost:1234/..., and Hookscope
// resolves only references inside the imported file (by design: no network access on import).

// "file: group" (or "file: group: test") -> why Hookscope's result differs from the suite's.
const QHash<QString, QString> expectedFailures = {
    { u"definitions.json: valid definition: valid definition schema"_s,
      u"$ref to the draft-07 meta-schema URL: Hookscope resolves only references inside the imported file"_s },
    { u"ref.json: remote ref, containing refs itself: remote ref valid"_s,
      u"$ref to the draft-07 meta-schema URL: Hookscope resolves only references inside the imported file"_s },
    { u"ref.json: Recursive references between schemas: valid tree"_s,
      u"$ref \"tree\" resolved against an $id base URI: Hookscope resolves only \"#/...\" pointers"_s },
};
// Their "invalid" twins pass only because the import fails, which counts as "not valid";
// they are listed so that a change in that behaviour shows up here.
const QStringList passingByImportError = {
    u"definitions.json: invalid definition: invalid definition schema"_s,
    u"ref.json: remote ref, containing refs itself: remote ref invalid"_s,
    u"ref.json: Recursive references between schemas: invalid tree"_s,
};

QJsonValue readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(path));
    }
    return QJsonDocument::fromJson(file.readAll()).array();
}

QByteArray schemaBytes(const QJsonValue &schema)
{
    if (schema.isBool()) {
        return schema.toBool() ? "true"_ba : "false"_ba;
    }
    return QJsonDocument(schema.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestJsonSchemaSuite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void suite_data();
    void suite();
    void newerDrafts_data();
    void newerDrafts();
    void propertyNamesPattern();
    void cleanupTestCase();

private:
    int m_newerRun = 0;
    int m_newerDecided = 0; // as the suite says, with no warning
    int m_newerFlagged = 0; // the import named what it could not enforce, or refused the schema
};

void TestJsonSchemaSuite::initTestCase()
{
    if (!QDir(suiteDir).exists()) {
        QSKIP("json-schema-test-suite is not installed");
    }
}

void TestJsonSchemaSuite::suite_data()
{
    QTest::addColumn<QJsonValue>("schema");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<bool>("valid");
    for (const QString &file : suiteFiles) {
        const QJsonArray groups = readJson(suiteDir + u'/' + file).toArray();
        for (qsizetype g = 0; g < groups.size(); ++g) {
            const QJsonObject group = groups.at(g).toObject();
            const QString groupName =
                file.section(u'/', -1) + u": "_s + group.value(u"description"_s).toString();
            const QJsonArray tests = group.value(u"tests"_s).toArray();
            for (qsizetype t = 0; t < tests.size(); ++t) {
                const QJsonObject test = tests.at(t).toObject();
                const QString row =
                    u"%1: %2"_s.arg(groupName, test.value(u"description"_s).toString());
                QTest::newRow(qPrintable(row)) << group.value(u"schema"_s) << test.value(u"data"_s)
                                               << test.value(u"valid"_s).toBool();
            }
        }
    }
}

void TestJsonSchemaSuite::suite()
{
    QFETCH(QJsonValue, schema);
    QFETCH(QJsonValue, data);
    QFETCH(bool, valid);
    SchemaRegistry registry;
    const ImportReport report =
        registry.importDocument(schemaBytes(schema), u"suite.json"_s, u"T"_s);
    const Violations violations = registry.validate(u"T"_s, data);
    const bool errors = !report.ok()
        || std::any_of(violations.begin(), violations.end(),
                       [](const Violation &v) { return v.severity == Severity::Error; });
    const QString row = QString::fromUtf8(QTest::currentDataTag());
    QCOMPARE(report.ok(), !expectedFailures.contains(row) && !passingByImportError.contains(row));
    const QString reason = expectedFailures.value(row);
    if (!reason.isEmpty()) {
        QEXPECT_FAIL("", qPrintable(reason), Continue);
    }
    QVERIFY2(!errors == valid, qPrintable(report.errors.join(u'\n')));
}

// 2019-09 and 2020-12 files of the official suite (tests/data/schema/jsonschemasuite: Debian's
// package ships up to draft 7). Plain schema files are read by their `$schema`: every case is
// decided as the suite says, or the import names what it could not enforce (a warning) or
// refuses the schema (an error). Nothing passes silently.
void TestJsonSchemaSuite::newerDrafts_data()
{
    QTest::addColumn<QJsonValue>("schema");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<bool>("valid");
    const QString root = QStringLiteral(HOOKSCOPE_TEST_DATA "/schema/jsonschemasuite");
    for (const QString &draft : { u"draft2019-09"_s, u"draft2020-12"_s }) {
        const QStringList files =
            QDir(root + u'/' + draft).entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 9);
        for (const QString &file : files) {
            const QJsonArray groups = readJson(root + u'/' + draft + u'/' + file).toArray();
            for (const QJsonValue &groupValue : groups) {
                const QJsonObject group = groupValue.toObject();
                for (const QJsonValue &test : group.value(u"tests"_s).toArray()) {
                    const QString row = u"%1/%2: %3: %4"_s.arg(
                        draft, file, group.value(u"description"_s).toString(),
                        test.toObject().value(u"description"_s).toString());
                    QTest::newRow(qPrintable(row))
                        << group.value(u"schema"_s) << test.toObject().value(u"data"_s)
                        << test.toObject().value(u"valid"_s).toBool();
                }
            }
        }
    }
}

void TestJsonSchemaSuite::newerDrafts()
{
    QFETCH(QJsonValue, schema);
    QFETCH(QJsonValue, data);
    QFETCH(bool, valid);
    SchemaRegistry registry;
    const ImportReport report =
        registry.importDocument(schemaBytes(schema), u"suite.json"_s, u"T"_s);
    const Violations violations = registry.validate(u"T"_s, data);
    const bool errors = std::any_of(violations.begin(), violations.end(), [](const Violation &v) {
        return v.severity == Severity::Error;
    });
    ++m_newerRun;
    if (!report.ok() || !report.warnings.isEmpty()) {
        ++m_newerFlagged;
        // Said out loud at load; the verdict may then be wrong, but never silently.
        if (report.ok() && !errors) {
            QVERIFY(std::any_of(violations.begin(), violations.end(),
                                [](const Violation &v) { return v.keyword == u"unenforced"_s; }));
        }
        return;
    }
    const QString dialect = schema.toObject().value(u"$schema"_s).toString();
    QVERIFY2(!errors == valid,
             qPrintable(u"%1; %2"_s.arg(report.dialect,
                                        violations.isEmpty() ? u"no violation"_s
                                                             : violations.constFirst().message)));
    QVERIFY(dialect.isEmpty() || report.dialect.contains(dialect.section(u'/', -2, -2)));
    ++m_newerDecided;
}

void TestJsonSchemaSuite::cleanupTestCase()
{
    qInfo("2019-09/2020-12: %d cases, %d decided as the suite says, %d flagged at load", m_newerRun,
          m_newerDecided, m_newerFlagged);
}

// {"propertyNames": {"pattern": "^a+$"}} used to accept {"aaA": {}}: `pattern` was checked on
// values only.
void TestJsonSchemaSuite::propertyNamesPattern()
{
    SchemaRegistry registry;
    QVERIFY(registry
                .importDocument(R"({"propertyNames": {"pattern": "^a+$", "maxLength": 3}})"_ba,
                                u"names.json"_s, u"T"_s)
                .ok());
    const auto errorsOf = [&registry](const QByteArray &json) {
        const Violations all = registry.validate(u"T"_s, QJsonDocument::fromJson(json).object());
        return int(std::count_if(all.begin(), all.end(),
                                 [](const Violation &v) { return v.severity == Severity::Error; }));
    };
    QCOMPARE(errorsOf(R"({"aaA": {}})"_ba), 1);
    QCOMPARE(errorsOf(R"({"aaaa": {}})"_ba), 1); // maxLength still applies to names
    QCOMPARE(errorsOf(R"({"a": 1, "aa": {}})"_ba), 0);
    QCOMPARE(errorsOf(R"({})"_ba), 0);
}

QTEST_GUILESS_MAIN(TestJsonSchemaSuite)
#include "tst_jsonschemasuite.moc"
