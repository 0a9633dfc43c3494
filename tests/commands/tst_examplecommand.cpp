#include "commandrun.h"
#include "commands/examplecommand.h"
#include "commands/validatecommand.h"
#include "schema/compiledschema.h"
#include "schema/schemaregistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// An OpenAPI 3.1 document with one documented example that validates, one that does not, and
// an event with formats, enums and a required member but no example.
const QByteArray kDocument = R"({
  "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "webhooks": {
    "documented": {"post": {"summary": "DOCUMENTED", "requestBody": {"content": {
      "application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}},
                           "example": {"id": "from-the-docs"}}}}}},
    "wrong_example": {"post": {"summary": "WRONG_EXAMPLE", "requestBody": {"content": {
      "application/json": {"schema": {"type": "object", "required": ["n"],
                                      "properties": {"n": {"type": "integer"}}},
                           "examples": {"first": {"value": {"n": "not a number"}}}}}}}},
    "built": {"post": {"summary": "BUILT", "requestBody": {"content": {
      "application/json": {"schema": {"type": "object", "required": ["status", "at"],
        "properties": {
          "status": {"type": "string", "enum": ["ACTIVE", "CLOSED"]},
          "at": {"type": "string", "format": "date-time"},
          "mail": {"type": ["null", "string"], "format": "email"},
          "amount": {"$ref": "#/components/schemas/Amount"},
          "tags": {"type": "array", "items": {"type": "string", "format": "uuid"}}}}}}}}}
  },
  "components": {"schemas": {"Amount": {"type": "object", "required": ["value", "currency"],
    "properties": {"value": {"type": "integer"}, "currency": {"const": "EUR"}}}}}
})";
} // namespace

class tst_ExampleCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyBundledEventValidates_data();
    void everyBundledEventValidates();
    void allWritesOneFilePerEvent();
    void documentedExampleFirst();
    void builtFromTheSchema();
    void usageErrors_data();
    void usageErrors();
};

void tst_ExampleCommand::everyBundledEventValidates_data()
{
    QTest::addColumn<QString>("eventType");
    for (const QString &type : SchemaRegistry::withBundledCatalog().eventTypes()) {
        if (type != u"WEBHOOK-SUBSCRIPTION"_s) // the URL check has no body
            QTest::newRow(qPrintable(type)) << type;
    }
}

// Checked twice: by the command itself and by `hookscope validate --event`.
void tst_ExampleCommand::everyBundledEventValidates()
{
    QFETCH(QString, eventType);
    const CommandRun run = runCommand(runExample, { eventType });
    QVERIFY2(run.code == 0, run.err.constData());
    QVERIFY(run.err.isEmpty());
    QJsonParseError error;
    QVERIFY(!QJsonDocument::fromJson(run.out, &error).isNull());
    QTemporaryDir dir;
    const QString file = writeFile(dir, u"example.json"_s, run.out);
    const CommandRun check = runCommand(runValidate, { u"--event"_s, eventType, file });
    QVERIFY2(check.code == 0, check.out.constData());
    QVERIFY(check.out.endsWith(" valid\n"));
}

void tst_ExampleCommand::allWritesOneFilePerEvent()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"examples"_s);
    const CommandRun run = runCommand(runExample, { u"--all"_s, u"--out"_s, out });
    QVERIFY2(run.code == 0, run.err.constData());
    const SchemaRegistry registry = SchemaRegistry::withBundledCatalog();
    QStringList expected;
    for (const QString &type : registry.eventTypes()) {
        if (registry.schema(type)->hasBody()) // not WEBHOOK-SUBSCRIPTION
            expected.append(type + u".json"_s);
    }
    const QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files, expected);
    QVERIFY(files.contains(u"IDENTIFICATION.json"_s));
    QCOMPARE(run.err, u"wrote %1 examples to %2\n"_s.arg(files.size()).arg(out).toUtf8());
    // Each file is classified by its name and valid.
    for (const QString &name : files) {
        const QString type = name.chopped(5);
        const CommandRun check =
            runCommand(runValidate, { u"--event"_s, type, QDir(out).filePath(name) });
        QVERIFY2(check.code == 0, check.out.constData());
    }
}

void tst_ExampleCommand::documentedExampleFirst()
{
    QTemporaryDir dir;
    const QString schema = writeFile(dir, u"hooks.json"_s, kDocument);
    CommandRun run = runCommand(runExample, { u"documented"_s, u"--schema"_s, schema });
    QCOMPARE(run.code, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out).object(),
             (QJsonObject { { u"id"_s, u"from-the-docs"_s } }));
    // A documented example that breaks its own schema is not printed: one is built instead.
    run = runCommand(runExample, { u"WRONG_EXAMPLE"_s, u"--schema"_s, schema });
    QCOMPARE(run.code, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out).object(), (QJsonObject { { u"n"_s, 1 } }));
}

void tst_ExampleCommand::builtFromTheSchema()
{
    QTemporaryDir dir;
    const QString schema = writeFile(dir, u"hooks.json"_s, kDocument);
    const CommandRun run = runCommand(runExample, { u"built"_s, u"--schema"_s, schema });
    QVERIFY2(run.code == 0, run.err.constData());
    const QJsonObject body = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"ACTIVE"_s);
    QCOMPARE(body.value(u"at"_s).toString(), u"2024-05-01T12:00:00Z"_s);
    QCOMPARE(body.value(u"mail"_s).toString(), u"someone@example.com"_s);
    QCOMPARE(body.value(u"amount"_s).toObject(),
             (QJsonObject { { u"value"_s, 1 }, { u"currency"_s, u"EUR"_s } }));
    QCOMPARE(body.value(u"tags"_s)[0].toString().size(), 36);
}

void tst_ExampleCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("nothing") << QStringList() << "give one EVENT, or --all --out DIR"_ba;
    QTest::newRow("unknown event")
        << QStringList { u"NO_SUCH_EVENT"_s } << "no schema for event type \"NO_SUCH_EVENT\""_ba;
    QTest::newRow("--all without --out")
        << QStringList { u"--all"_s } << "--all and --out DIR go together"_ba;
    QTest::newRow("event and --all") << QStringList { u"IDENTIFICATION"_s, u"--all"_s }
                                     << "give one EVENT, or --all --out DIR"_ba;
    QTest::newRow("missing schema")
        << QStringList { u"IDENTIFICATION"_s, u"--schema"_s, u"/nonexistent.yaml"_s }
        << "no such schema file"_ba;
}

void tst_ExampleCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const CommandRun run = runCommand(runExample, args);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ExampleCommand)
#include "tst_examplecommand.moc"
