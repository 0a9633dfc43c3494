#include "schema/compiledschema.h"
#include "schema/documentreader.h"
#include "schema/schemaimporter.h"
#include "schema/schemaregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString schemaDir = QStringLiteral(HOOKSCOPE_TEST_DATA "/schema");

QByteArray readFile(const QString &name)
{
    QFile file(schemaDir + u'/' + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing %s", qPrintable(name));
    }
    return file.readAll();
}

ImportedDocument import(const QByteArray &bytes, const QString &label,
                        const QString &eventType = {})
{
    const ParsedDocument parsed = DocumentReader::read(bytes);
    if (!parsed.ok()) {
        qFatal("%s", qPrintable(parsed.error));
    }
    return SchemaImporter(parsed.root, label).importAll(eventType);
}

// The converted schema of an event, with a $ref at its root followed once.
QJsonObject eventSchema(const ImportedDocument &document, const QString &eventType)
{
    for (const ImportedEvent &event : document.events) {
        if (event.eventType == eventType) {
            QJsonObject schema = document.definitions.value(event.definition).toObject();
            if (schema.contains(u"$ref"_s)) {
                schema = document.definitions.value(schema.value(u"$ref"_s).toString().mid(14))
                             .toObject();
            }
            return schema;
        }
    }
    return {};
}

QStringList keywordsAt(const SchemaRegistry &registry, const QString &eventType,
                       const QByteArray &json)
{
    QStringList out;
    for (const Violation &v :
         registry.validate(eventType, QJsonDocument::fromJson(json).object())) {
        if (v.severity == Severity::Error) {
            out.append(v.pointer + u' ' + v.keyword);
        }
    }
    return out;
}

} // namespace

class TestSchemaImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openApi30Conversion();
    void openApi31Conversion();
    void eventNamesAndUrlKeys();
    void nullHandling_data();
    void nullHandling();
    void yamlAndJsonGiveTheSameSchemas();
    void refChainsAndCycles();
    void recursiveSchemaValidatesDeepTrees();
    void jsonSchemaNaming();
    void errorsNameFileAndPointer_data();
    void errorsNameFileAndPointer();
    void onlyTheRequestedWebhook();
    void longStringsAndKeysAreSafe();
    void dialectBySchemaKeyword_data();
    void dialectBySchemaKeyword();
    void unenforcedKeywordsAreReportedAndMarked();
};

void TestSchemaImporter::openApi30Conversion()
{
    const ImportedDocument document = import(readFile(u"openapi30.yaml"_s), u"openapi30.yaml"_s);
    QVERIFY2(document.errors.isEmpty(), qPrintable(document.errors.join(u'\n')));
    QCOMPARE(document.events.size(), 2);
    const QJsonObject refund = eventSchema(document, u"refund"_s);
    const QJsonObject properties = refund.value(u"properties"_s).toObject();
    QCOMPARE(properties[u"note"_s][u"type"_s].toArray(), (QJsonArray { u"string"_s, u"null"_s }));
    QCOMPARE(properties[u"reason"_s][u"enum"_s].toArray(),
             (QJsonArray { u"customer"_s, u"fraud"_s, QJsonValue() }));
    QCOMPARE(properties[u"code"_s][u"type"_s].toString(), u"string"_s);
    QVERIFY(!properties[u"code"_s].toObject().contains(u"nullable"_s));
    // Boolean exclusiveMinimum (3.0 / draft 4) becomes the draft-7 numeric bound.
    QCOMPARE(properties[u"amount"_s][u"exclusiveMinimum"_s].toDouble(), 0.0);
    QVERIFY(!properties[u"amount"_s].toObject().contains(u"minimum"_s));
}

void TestSchemaImporter::openApi31Conversion()
{
    const ImportedDocument document = import(readFile(u"openapi31.json"_s), u"openapi31.json"_s);
    QVERIFY2(document.errors.isEmpty(), qPrintable(document.errors.join(u'\n')));
    const QJsonObject properties =
        eventSchema(document, u"point"_s).value(u"properties"_s).toObject();
    // prefixItems/items (2020-12) -> items array/additionalItems (draft 7).
    QCOMPARE(properties[u"xy"_s][u"items"_s].toArray().size(), 2);
    QCOMPARE(properties[u"xy"_s][u"additionalItems"_s], QJsonValue(false));
    // A $ref with siblings keeps both: the siblings, and the $ref as an allOf branch.
    QCOMPARE(properties[u"label"_s][u"maxLength"_s].toInt(), 5);
    QVERIFY(properties[u"label"_s][u"allOf"_s][0][u"$ref"_s].toString().startsWith(
        u"#/definitions/"_s));
    QVERIFY(!properties[u"label"_s].toObject().contains(u"$ref"_s));
}

void TestSchemaImporter::eventNamesAndUrlKeys()
{
    SchemaRegistry registry;
    const ImportReport report = registry.importFile(schemaDir + u"/openapi30.yaml"_s);
    QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
    // A summary that is an event name names the event; a sentence does not (the key does).
    QCOMPARE(report.importedEvents, (QStringList { u"ORDER_PAID"_s, u"refund"_s }));
    QCOMPARE(registry.canonicalEventType(u"order-paid"_s), u"ORDER_PAID"_s);
    QCOMPARE(registry.canonicalEventType(u"order_paid"_s), u"ORDER_PAID"_s);
    QCOMPARE(registry.urlKey(u"ORDER_PAID"_s), u"order-paid"_s);
    QCOMPARE(registry.sourceOf(u"refund"_s), schemaDir + u"/openapi30.yaml"_s);
}

void TestSchemaImporter::nullHandling_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("errors");
    const QByteArray order =
        R"({"id": "6f1c7a52-8f43-4a8e-9b43-3e1f0b6a9c11", "total": {"value": 5)"_ba;
    for (const QString &file : { u"openapi30.yaml"_s, u"openapi31.json"_s }) {
        const QByteArray tag = file.left(9).toUtf8();
        QTest::newRow(QByteArray(tag + " nullable field null").constData())
            << file << u"ORDER_PAID"_s << order + R"(, "currency": null}, "coupon": null})"_ba
            << QStringList();
        QTest::newRow(QByteArray(tag + " non-nullable field null").constData())
            << file << u"ORDER_PAID"_s << order + R"(}, "id": null})"_ba
            << QStringList { u"/id type"_s };
        QTest::newRow(QByteArray(tag + " required missing").constData())
            << file << u"ORDER_PAID"_s << R"({"total": {}})"_ba
            << QStringList { u"/id required"_s, u"/total/value required"_s };
        QTest::newRow(QByteArray(tag + " format").constData())
            << file << u"ORDER_PAID"_s << order + R"(}, "paid_at": "2024-13-01T00:00:00Z"})"_ba
            << QStringList { u"/paid_at format"_s };
    }
    // `nullable` is an OpenAPI 3.0 keyword; in 3.1 it means nothing, so null stays invalid.
    QTest::newRow("3.0 nullable enum") << u"openapi30.yaml"_s << u"refund"_s
                                       << R"({"amount": 1, "reason": null})"_ba << QStringList();
    QTest::newRow("3.0 exclusiveMinimum")
        << u"openapi30.yaml"_s << u"refund"_s << R"({"amount": 0})"_ba
        << QStringList { u"/amount exclusiveMinimum"_s };
    QTest::newRow("3.1 ignores nullable")
        << u"openapi31.json"_s << u"point"_s << R"({"label": null, "xy": [1, 2]})"_ba
        << QStringList { u"/label type"_s };
    QTest::newRow("3.1 $ref sibling applies")
        << u"openapi31.json"_s << u"point"_s << R"({"label": "toolong", "xy": [1, 2]})"_ba
        << QStringList { u"/label maxLength"_s };
    QTest::newRow("3.1 dependentRequired")
        << u"openapi31.json"_s << u"point"_s << R"({"label": "a"})"_ba
        << QStringList { u" dependencies"_s };
    QTest::newRow("3.1 tuple") << u"openapi31.json"_s << u"point"_s << R"({"xy": [1, "2", 3]})"_ba
                               << QStringList { u"/xy additionalItems"_s, u"/xy/1 type"_s };
}

void TestSchemaImporter::nullHandling()
{
    QFETCH(QString, file);
    QFETCH(QString, eventType);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, errors);
    SchemaRegistry registry;
    QVERIFY(registry.importFile(schemaDir + u'/' + file).ok());
    QCOMPARE(keywordsAt(registry, eventType, body), errors);
}

void TestSchemaImporter::yamlAndJsonGiveTheSameSchemas()
{
    const ParsedDocument yaml = DocumentReader::read(readFile(u"openapi30.yaml"_s));
    QVERIFY2(yaml.ok(), qPrintable(yaml.error));
    const QByteArray json = QJsonDocument(yaml.root.toObject()).toJson();
    const ImportedDocument fromYaml = import(readFile(u"openapi30.yaml"_s), u"a"_s);
    const ImportedDocument fromJson = import(json, u"a"_s);
    QCOMPARE(fromJson.definitions, fromYaml.definitions);
    QCOMPARE(yaml.root[u"openapi"_s].toString(), u"3.0.3"_s); // a plain scalar that is not a number
    QCOMPARE(yaml.root[u"info"_s][u"version"_s].toString(), u"2"_s); // quoted: stays a string
}

void TestSchemaImporter::refChainsAndCycles()
{
    SchemaRegistry registry;
    const ImportReport report = registry.importFile(schemaDir + u"/refs.yaml"_s);
    QCOMPARE(report.errors.size(), 2);
    for (const QString &error : report.errors) {
        QVERIFY2(error.startsWith(schemaDir + u"/refs.yaml: /components/schemas/"_s),
                 qPrintable(error));
        QVERIFY(error.contains(u"circular $ref chain"_s));
    }
    QVERIFY(
        report.errors.constLast().contains(u"#/components/schemas/X, #/components/schemas/Y"_s));
    // The chain resolves; the cycle is reported and accepts anything; the rest keeps working.
    QCOMPARE(keywordsAt(registry, u"CHAIN"_s, "{}"_ba), QStringList { u"/name required"_s });
    QCOMPARE(keywordsAt(registry, u"CHAIN"_s, R"({"name": "x"})"_ba), QStringList());
    QCOMPARE(keywordsAt(registry, u"LOOP"_s, R"({"anything": 1})"_ba), QStringList());
    QCOMPARE(keywordsAt(registry, u"COMBINED_LOOP"_s, R"([])"_ba), QStringList());
    QCOMPARE(keywordsAt(registry, u"TREE"_s,
                        R"({"value": 1, "children": [{"value": 2, "children": [{}]}]})"_ba),
             QStringList { u"/children/0/children/0/value required"_s });
}

// valijson recurses per level of the body; just under CompiledSchema::maxBodyDepth, on a thread
// pool thread (where the analyzer runs), it must still have stack to spare.
void TestSchemaImporter::recursiveSchemaValidatesDeepTrees()
{
    SchemaRegistry registry;
    QVERIFY(registry.importFile(schemaDir + u"/refs.yaml"_s).importedEvents.contains(u"TREE"_s));
    QByteArray body = R"({"value": "leaf"})"_ba;
    const int levels = CompiledSchema::maxBodyDepth / 2 - 1; // each level: an object and an array
    for (int i = 0; i < levels; ++i) {
        body = R"({"value": 1, "children": [)"_ba + body + "]}"_ba;
    }
    QJsonParseError error;
    const QJsonObject tree = QJsonDocument::fromJson(body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const Violations violations = QtConcurrent::run([&registry, &tree] {
                                      return registry.validate(u"TREE"_s, tree);
                                  }).result();
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.constFirst().keyword, u"type"_s);
    QCOMPARE(violations.constFirst().pointer.count(u"/children/0"_s), levels);
}

void TestSchemaImporter::jsonSchemaNaming()
{
    SchemaRegistry registry;
    QCOMPARE(registry.importFile(schemaDir + u"/titled.schema.json"_s).importedEvents,
             QStringList { u"INVOICE_PAID"_s });
    QCOMPARE(registry.importFile(schemaDir + u"/identification.schema.json"_s).importedEvents,
             QStringList { u"identification"_s });
    QCOMPARE(
        registry.importFile(schemaDir + u"/titled.schema.json"_s, u"MY_EVENT"_s).importedEvents,
        QStringList { u"MY_EVENT"_s });
    QCOMPARE(
        keywordsAt(registry, u"INVOICE_PAID"_s, R"({"amount": -1, "email": "not an email"})"_ba),
        (QStringList { u"/amount minimum"_s, u"/email format"_s }));
    const ImportReport unnamed = registry.importDocument(R"({"type": "object"})"_ba, u""_s);
    QCOMPARE(unnamed.errors.size(), 1);
    QVERIFY(unnamed.errors.constFirst().contains(u"cannot tell which event"_s));
}

void TestSchemaImporter::errorsNameFileAndPointer_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("error");
    QTest::newRow("invalid JSON")
        << R"({"openapi": "3.1.0",})"_ba
        << u"f.json: invalid JSON at byte offset 21: object is missing after a comma"_s;
    QTest::newRow("invalid YAML")
        << "openapi: 3.1.0\nwebhooks: [a\n"_ba
        << u"f.json: invalid YAML at line 3, column 1: end of sequence flow not found"_s;
    QTest::newRow("empty") << "  \n"_ba << u"f.json: the file is empty"_s;
    QTest::newRow("swagger")
        << R"({"swagger": "2.0"})"_ba
        << u"f.json: /swagger: Swagger 2.0 is not supported (OpenAPI 3.0 and 3.1 are)"_s;
    QTest::newRow("openapi 4")
        << R"({"openapi": "4.0.0", "webhooks": {}})"_ba
        << u"f.json: /openapi: OpenAPI version \"4.0.0\" is not supported (3.0 and 3.1 are)"_s;
    QTest::newRow("no webhooks") << R"({"openapi": "3.1.0", "paths": {}})"_ba
                                 << u"f.json: /: no `webhooks` or `x-webhooks` map of events"_s;
    QTest::newRow("not a schema")
        << R"([1, 2])"_ba
        << u"f.json: /: not a JSON Schema or OpenAPI document (expected an object)"_s;
    QTest::newRow("unresolved ref")
        << R"({"title": "E", "properties": {"a": {"$ref": "#/definitions/missing"}}})"_ba
        << u"f.json: /properties/a/$ref: $ref \"#/definitions/missing\" does not resolve in this file"_s;
    QTest::newRow("external ref")
        << R"({"title": "E", "properties": {"a": {"$ref": "other.json#/x"}}})"_ba
        << u"f.json: /properties/a/$ref: $ref \"other.json#/x\" points outside this file; only "
           u"local references "
           "(\"#/...\") are supported"_s;
    QTest::newRow("schema not an object")
        << R"({"title": "E", "properties": {"a": 5}})"_ba
        << u"f.json: /properties/a: expected a schema (an object or a boolean)"_s;
    QTest::newRow("webhook without operation")
        << R"({"openapi": "3.1.0", "webhooks": {"e": {"summary": "x"}}})"_ba
        << u"f.json: /webhooks/e: no operation (post, put, ...) in this webhook"_s;
    QTest::newRow("body without schema")
        << R"({"openapi": "3.1.0", "webhooks": {"e": {"post": {"requestBody": {"content": {"text/plain": {}}}}}}})"_ba
        << u"f.json: /webhooks/e/post/requestBody: the request body has no schema"_s;
    QTest::newRow("pattern not a string")
        << R"({"title": "E", "properties": {"a": {"pattern": 5}}})"_ba
        << u"f.json: /properties/a/pattern: expected a regular expression (a string)"_s;
    QTest::newRow("pattern does not compile")
        << R"({"title": "E", "properties": {"a": {"pattern": "^(a"}}})"_ba
        << u"f.json: /properties/a/pattern: not a valid regular expression: missing closing parenthesis at offset 3"_s;
    // valijson's own reason, placed at the event's schema.
    QTest::newRow("valijson rejects a keyword value")
        << R"({"title": "E", "properties": {"a": {"minLength": "x"}}})"_ba << u"f.json: /: "_s;
}

void TestSchemaImporter::errorsNameFileAndPointer()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, error);
    SchemaRegistry registry;
    QVERIFY(registry.importFile(schemaDir + u"/titled.schema.json"_s).ok());
    const ImportReport report = registry.importDocument(document, u"f.json"_s);
    QVERIFY(!report.ok());
    QVERIFY2(report.errors.constFirst().startsWith(error), qPrintable(report.errors.join(u'\n')));
    QVERIFY(registry.contains(u"INVOICE_PAID"_s)); // what was there keeps working
}

void TestSchemaImporter::onlyTheRequestedWebhook()
{
    SchemaRegistry registry;
    QCOMPARE(registry.importFile(schemaDir + u"/openapi30.yaml"_s, u"order-paid"_s).importedEvents,
             QStringList { u"ORDER_PAID"_s });
    const ImportReport missing = registry.importFile(schemaDir + u"/openapi30.yaml"_s, u"NOPE"_s);
    QCOMPARE(
        missing.errors,
        QStringList { schemaDir + u"/openapi30.yaml: /x-webhooks: no webhook named \"NOPE\""_s });
}

// libstdc++'s std::regex recurses per character and overflows the stack near 100 kB; patterns
// and formats are matched with QRegularExpression instead, and long keys meet patternProperties
// (which valijson matches itself) only after a length check.
void TestSchemaImporter::longStringsAndKeysAreSafe()
{
    SchemaRegistry registry;
    const ImportReport report = registry.importDocument(
        R"({"title": "E", "properties": {"s": {"type": "string", "pattern": "^[a-z]+$"},
            "t": {"type": "string", "format": "date-time"}}, "patternProperties": {"^x": {"type": "integer"}}})"_ba,
        u"long.json"_s);
    QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
    const QString megabyte(1 << 20, u'a');
    QCOMPARE(
        keywordsAt(registry, u"E"_s, QJsonDocument(QJsonObject { { u"s"_s, megabyte } }).toJson()),
        QStringList());
    QCOMPARE(keywordsAt(registry, u"E"_s,
                        QJsonDocument(QJsonObject { { u"s"_s, QString(megabyte + u'!') },
                                                    { u"t"_s, megabyte } })
                            .toJson()),
             (QStringList { u"/s pattern"_s, u"/t format"_s }));
    QCOMPARE(keywordsAt(registry, u"E"_s, R"({"x1": "one"})"_ba), QStringList { u"/x1 type"_s });
    const QString longKey = u'x' + QString(CompiledSchema::maxPatternKeyLength, u'y');
    const QStringList refused =
        keywordsAt(registry, u"E"_s, QJsonDocument(QJsonObject { { longKey, 1 } }).toJson());
    QCOMPARE(refused, QStringList { QString(u'/' + longKey + u" patternProperties"_s) });
}

void TestSchemaImporter::dialectBySchemaKeyword_data()
{
    QTest::addColumn<QString>("schemaUri");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<bool>("converted"); // prefixItems, dependentRequired, $ref siblings
    QTest::newRow("none") << QString() << u"JSON Schema draft 7"_s << false;
    QTest::newRow("draft 7") << u"http://json-schema.org/draft-07/schema#"_s
                             << u"JSON Schema draft 7"_s << false;
    QTest::newRow("2019-09") << u"https://json-schema.org/draft/2019-09/schema"_s
                             << u"JSON Schema 2019-09"_s << true;
    QTest::newRow("2020-12") << u"https://json-schema.org/draft/2020-12/schema"_s
                             << u"JSON Schema 2020-12"_s << true;
}

// A plain schema file gets the conversion its `$schema` asks for, as OpenAPI 3.1 does.
void TestSchemaImporter::dialectBySchemaKeyword()
{
    QFETCH(QString, schemaUri);
    QFETCH(QString, dialect);
    QFETCH(bool, converted);
    QJsonObject schema = QJsonDocument::fromJson(R"({
        "type": "object",
        "properties": {
            "xy": {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}]},
            "label": {"$ref": "#/$defs/text", "maxLength": 3}
        },
        "dependentRequired": {"a": ["b"]},
        "$defs": {"text": {"type": "string"}}
    })"_ba)
                             .object();
    if (!schemaUri.isEmpty()) {
        schema.insert(u"$schema"_s, schemaUri);
    }
    SchemaRegistry registry;
    const ImportReport report =
        registry.importDocument(QJsonDocument(schema).toJson(), u"plain.json"_s, u"T"_s);
    QVERIFY2(report.ok(), qPrintable(report.errors.join(u'\n')));
    QCOMPARE(report.dialect, dialect);
    QVERIFY(report.plainSchema);
    QCOMPARE(keywordsAt(registry, u"T"_s, R"({"xy": [1, "two"]})"_ba).size(), converted ? 1 : 0);
    QCOMPARE(keywordsAt(registry, u"T"_s, R"({"a": 1})"_ba).size(), converted ? 1 : 0);
    QCOMPARE(keywordsAt(registry, u"T"_s, R"({"label": "long"})"_ba).size(), converted ? 1 : 0);
    QCOMPARE(keywordsAt(registry, u"T"_s, R"({"label": 7})"_ba).size(), 1); // the $ref, always
    QCOMPARE(keywordsAt(registry, u"T"_s, R"({"xy": [1, 2], "a": 1, "b": 2, "label": "ok"})"_ba),
             QStringList());
}

// What cannot be enforced is said at load (with its pointer), listed on the event, and marked
// on a body that passes: never silently read as draft 7.
void TestSchemaImporter::unenforcedKeywordsAreReportedAndMarked()
{
    const QByteArray bytes = R"({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"tags": {"$ref": "#/$defs/tags"}},
        "unevaluatedProperties": false,
        "$defs": {"tags": {"type": "array", "contains": {"type": "string"}, "maxContains": 2}}
    })"_ba;
    SchemaRegistry registry;
    const ImportReport report = registry.importDocument(bytes, u"closed.json"_s, u"T"_s);
    QVERIFY(report.ok());
    QCOMPARE(report.warnings.size(), 2);
    // In document order ($defs sorts first), each once although $defs/tags is also reached by $ref.
    QVERIFY2(
        report.warnings.at(0).startsWith(
            u"closed.json: /$defs/tags/maxContains: maxContains (JSON Schema 2020-12) is not enforced"_s),
        qPrintable(report.warnings.join(u'\n')));
    QVERIFY2(
        report.warnings.at(1).startsWith(
            u"closed.json: /unevaluatedProperties: unevaluatedProperties (JSON Schema 2020-12) is not enforced"_s),
        qPrintable(report.warnings.at(1)));
    QCOMPARE(registry.unenforced(u"T"_s),
             (QStringList { u"/$defs/tags/maxContains: maxContains"_s,
                            u"/unevaluatedProperties: unevaluatedProperties"_s }));
    const Violations passed =
        registry.validate(u"T"_s, QJsonDocument::fromJson(R"({"extra": 1})"_ba).object());
    QCOMPARE(passed.size(), 2); // and `extra` is undocumented
    QCOMPARE(passed.constFirst().keyword, u"unenforced"_s);
    QCOMPARE(passed.constFirst().pointer, QString());
    QCOMPARE(passed.constFirst().severity, Severity::Warning);
    QVERIFY(passed.constFirst().message.contains(u"unevaluatedProperties"_s));
    // A body that fails anyway carries no such note: nothing unchecked could have saved it.
    QCOMPARE(keywordsAt(registry, u"T"_s, R"({"tags": [1]})"_ba),
             (QStringList { u"/tags contains"_s }));
    const Violations failed =
        registry.validate(u"T"_s, QJsonDocument::fromJson(R"({"tags": [1]})"_ba).object());
    QVERIFY(std::none_of(failed.begin(), failed.end(),
                         [](const Violation &v) { return v.keyword == u"unenforced"_s; }));
}

QTEST_GUILESS_MAIN(TestSchemaImporter)
#include "tst_schemaimporter.moc"
