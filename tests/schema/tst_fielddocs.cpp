#include "models/jsontreemodel.h"
#include "models/modelroles.h"
#include "schema/schemaregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString schemaDir = QStringLiteral(HOOKSCOPE_TEST_DATA "/schema");

QJsonDocument readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(file.readAll());
}

// What the Schema type column must say for a seed field, from the seed's own facts.
QString expectedTypeText(const QJsonObject &field)
{
    QString text = field.value(u"enum"_s).isArray() ? u"enum"_s : field.value(u"type"_s).toString();
    if (!field.value(u"format"_s).toString().isEmpty())
        text += u" (%1)"_s.arg(field.value(u"format"_s).toString());
    if (field.value(u"nullable"_s).toBool())
        text += u" or null"_s;
    return text;
}

QJsonDocument documentOf(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
}
} // namespace

class TestFieldDocs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void seedField_data();
    void seedField();
    void seedEventsHaveExamplesAndDescriptions();
    void importedOpenApiKeepsDocumentation();
    void typeText_data();
    void typeText();
    void undocumentedAndMissingRows();
    void listsDocumentedFields();

private:
    SchemaRegistry m_registry;
    QJsonArray m_seeds;
};

void TestFieldDocs::initTestCase()
{
    m_registry = SchemaRegistry::withBundledCatalog();
    m_seeds = readJson(schemaDir + u"/seed-fields.json"_s).array();
    QCOMPARE(m_seeds.size(), 15);
}

void TestFieldDocs::seedField_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QJsonObject>("field");
    QTest::addColumn<QJsonValue>("example");
    for (const QJsonValue &event : readJson(schemaDir + u"/seed-fields.json"_s).array()) {
        const QString name = event[u"event"_s].toString();
        for (const QJsonValue &field : event[u"fields"_s].toArray()) {
            const QString pointer = field[u"pointer"_s].toString();
            QTest::addRow("%s %s", qPrintable(name), qPrintable(pointer))
                << name << field.toObject() << event[u"example"_s];
        }
    }
}

// Every documented field of the 15 seed events: the catalog says what the seed page says, and
// the Fields tree row of the page's example payload shows it.
void TestFieldDocs::seedField()
{
    QFETCH(QString, event);
    QFETCH(QJsonObject, field);
    QFETCH(QJsonValue, example);
    const QString pointer = field[u"pointer"_s].toString();
    const FieldDocs docs = m_registry.fieldDocs(event);
    QVERIFY(!docs.isEmpty());
    const FieldDoc &doc = docs.at(pointer);
    QVERIFY(doc.documented);
    const QString description = field[u"description"_s].toString();
    if (!description.isEmpty())
        QCOMPARE(doc.description, description);
    QCOMPARE(doc.types.value(0), field[u"type"_s].toString());
    QCOMPARE(doc.nullable(), field[u"nullable"_s].toBool());
    QCOMPARE(doc.format, field[u"format"_s].toString());
    QCOMPARE(doc.title, field[u"title"_s].toString());
    QCOMPARE(doc.hasEnum, field[u"enum"_s].isArray());
    QCOMPARE(doc.enumValues, field[u"enum"_s].toArray());
    if (field[u"example"_s].isNull())
        QVERIFY(doc.examples.isEmpty());
    else
        QCOMPARE(doc.examples, QJsonArray { field[u"example"_s] });
    QCOMPARE(doc.required, field[u"required"_s].toBool());
    QCOMPARE(doc.deprecated, field[u"deprecated"_s].toBool());

    JsonTreeModel model;
    model.setFieldDocs(docs);
    model.setDocument(documentOf(example), m_registry.validate(event, example));
    const QModelIndex row = model.indexOfPointer(pointer);
    QVERIFY2(row.isValid(), qPrintable(pointer));
    QCOMPARE(row.data(ModelRoles::DescriptionRole).toString(), doc.description);
    QCOMPARE(row.siblingAtColumn(JsonTreeModel::SchemaTypeColumn).data().toString(),
             expectedTypeText(field));
    const QString documentation = row.data(ModelRoles::DocumentationRole).toString();
    QVERIFY(documentation.contains(description));
    for (const QJsonValue &value : field[u"enum"_s].toArray())
        QVERIFY2(documentation.contains(u'"' + value.toString() + u'"'), qPrintable(documentation));
    if (!description.isEmpty())
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(description));
}

void TestFieldDocs::seedEventsHaveExamplesAndDescriptions()
{
    for (const QJsonValue &event : std::as_const(m_seeds)) {
        const QString name = event[u"event"_s].toString();
        QCOMPARE(m_registry.example(name), event[u"example"_s]);
        QCOMPARE(m_registry.description(name), event[u"description"_s].toString());
    }
}

void TestFieldDocs::importedOpenApiKeepsDocumentation()
{
    SchemaRegistry registry;
    QVERIFY(registry.importFile(schemaDir + u"/documented.openapi30.yaml"_s).ok());
    const FieldDocs docs = registry.fieldDocs(u"PARCEL_SHIPPED"_s);
    QCOMPARE(docs.at(u"/id"_s).title, u"Parcel ID"_s);
    QCOMPARE(docs.at(u"/id"_s).description, u"The parcel's identifier."_s);
    QCOMPARE(docs.at(u"/id"_s).examples, QJsonArray { u"p-1"_s });
    QVERIFY(docs.at(u"/id"_s).required);
    QCOMPARE(docs.at(u"/carrier"_s).defaultValue, QJsonValue(u"dhl"_s));
    QCOMPARE(docs.at(u"/carrier"_s).typeText(), u"enum"_s);
    QCOMPARE(docs.at(u"/weight"_s).description, u"Weight as measured at the scale."_s);
    QCOMPARE(docs.at(u"/weight/grams"_s).description, u"Whole grams."_s);
    QCOMPARE(docs.at(u"/note"_s).typeText(), u"string or null"_s);
    QVERIFY(docs.at(u"/note"_s).deprecated);
    QVERIFY(!docs.at(u"/note"_s).required);
    QCOMPARE(docs.at(u"/shipped_at"_s).typeText(), u"string (date-time)"_s);
    const QJsonValue example = registry.example(u"PARCEL_SHIPPED"_s);
    QCOMPARE(example[u"id"_s], QJsonValue(u"p-1"_s));
    QVERIFY(registry.validate(u"PARCEL_SHIPPED"_s, example).isEmpty());

    JsonTreeModel model;
    model.setFieldDocs(docs);
    model.setDocument(documentOf(example));
    const QModelIndex carrier = model.indexOfPointer(u"/carrier"_s);
    const QString text = carrier.data(ModelRoles::DocumentationRole).toString();
    QVERIFY2(text.contains(u"▸ \"dhl\""_s), qPrintable(text));
    QVERIFY(text.contains(u"Default: \"dhl\""_s));
    QVERIFY(text.contains(u"required"_s));
}

void TestFieldDocs::typeText_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("hasEnum");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringList { u"integer"_s } << QString() << false << u"integer"_s;
    QTest::newRow("format") << QStringList { u"string"_s } << u"date-time"_s << false
                            << u"string (date-time)"_s;
    QTest::newRow("nullable") << QStringList { u"string"_s, u"null"_s } << QString() << false
                              << u"string or null"_s;
    QTest::newRow("enum") << QStringList { u"string"_s } << QString() << true << u"enum"_s;
    QTest::newRow("enum or null") << QStringList { u"string"_s, u"null"_s } << QString() << true
                                  << u"enum or null"_s;
    QTest::newRow("two types") << QStringList { u"string"_s, u"integer"_s } << QString() << false
                               << u"string or integer"_s;
    QTest::newRow("untyped") << QStringList() << QString() << false << QString();
}

void TestFieldDocs::typeText()
{
    QFETCH(QStringList, types);
    QFETCH(QString, format);
    QFETCH(bool, hasEnum);
    QFETCH(QString, expected);
    FieldDoc doc;
    doc.types = types;
    doc.format = format;
    doc.hasEnum = hasEnum;
    QCOMPARE(doc.typeText(), expected);
}

// An undocumented member says so; a missing required member's placeholder row shows its docs.
void TestFieldDocs::undocumentedAndMissingRows()
{
    const QString event = u"IDENTIFICATION_ORIGINATION"_s;
    const QJsonObject body { { u"status"_s, u"failed"_s }, { u"extra"_s, 1 } };
    JsonTreeModel model;
    model.setFieldDocs(m_registry.fieldDocs(event));
    model.setDocument(QJsonDocument(body), m_registry.validate(event, body));
    const QModelIndex extra = model.indexOfPointer(u"/extra"_s);
    QCOMPARE(extra.data(ModelRoles::DocumentationRole).toString(),
             u"Not documented by the event's schema."_s);
    QModelIndex missing;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, JsonTreeModel::TypeColumn);
        if (index.data().toString() == u"missing"_s)
            missing = index;
    }
    QVERIFY(missing.isValid());
    QCOMPARE(missing.data(ModelRoles::PointerRole).toString(), u"/identification_origination_id"_s);
    QVERIFY(missing.data(ModelRoles::DocumentationRole)
                .toString()
                .contains(u"The unique ID of an identification origination resource"_s));
    QVERIFY(missing.data(Qt::ToolTipRole).toString().contains(u"required"_s));
}

void TestFieldDocs::listsDocumentedFields()
{
    const DocumentedFields fields = m_registry.documentedFields(u"CONSUMER_FRONTING_APPLICATION"_s);
    QStringList pointers;
    for (const DocumentedField &field : fields)
        pointers.append(field.pointer);
    QVERIFY(pointers.contains(u"/amount/unit"_s));
    const auto unit = std::find_if(fields.begin(), fields.end(), [](const DocumentedField &f) {
        return f.pointer == u"/amount/unit"_s;
    });
    QCOMPARE(unit->depth, 1);
    QCOMPARE(unit->doc.enumValues, QJsonArray { u"cents"_s });
    QVERIFY(unit->doc.required);
}

QTEST_GUILESS_MAIN(TestFieldDocs)
#include "tst_fielddocs.moc"
