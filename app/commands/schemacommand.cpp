#include "schemacommand.h"

#include "commandsupport.h"
#include "schema/schemaimporter.h"

#include <QCommandLineParser>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"schema"_s;
const QString kSynopsis =
    u"Usage: hookscope schema EVENT [--schema FILE]... [--json]\n\n"
    "Prints the documented fields of EVENT (a name or URL key, any case): type, required,\n"
    "description, allowed values and example. --json prints its JSON Schema instead.\n"_s;

// The names of the definitions a schema reaches through "#/definitions/NAME" references.
void collectRefs(const QJsonValue &value, const QJsonObject &definitions, QSet<QString> &names)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectRefs(item, definitions, names);
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString ref = it.key() == u"$ref"_s ? it.value().toString() : QString();
        if (ref.startsWith(u"#/definitions/"_s)) {
            const QString name = ref.mid(14);
            if (!names.contains(name)) {
                names.insert(name);
                collectRefs(definitions.value(name), definitions, names);
            }
        } else if (it.key() != u"definitions"_s) {
            collectRefs(it.value(), definitions, names);
        }
    }
}

// Hookscope checks `format` and `pattern` itself under its own names (SchemaImporter); a
// schema printed for others carries the standard ones.
QJsonValue standardKeywords(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(standardKeywords(item));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key() == SchemaImporter::formatKeyword ? u"format"_s
            : it.key() == SchemaImporter::patternKeyword              ? u"pattern"_s
                                                                      : it.key();
        out.insert(key, standardKeywords(it.value()));
    }
    return out;
}

QJsonObject reachableSchema(const QJsonObject &document)
{
    const QJsonObject all = document.value(u"definitions"_s).toObject();
    QSet<QString> names;
    collectRefs(document, all, names);
    QJsonObject definitions;
    for (const QString &name : names)
        definitions.insert(name, all.value(name));
    QJsonObject schema = document;
    schema.insert(u"definitions"_s, definitions);
    return standardKeywords(schema).toObject();
}

QString cell(QString text, qsizetype width)
{
    return text.leftJustified(width) + u"  "_s;
}

QString details(const FieldDoc &doc)
{
    QStringList parts;
    if (!doc.description.isEmpty())
        parts.append(doc.description);
    if (doc.hasEnum) {
        QStringList values;
        for (const QJsonValue &value : doc.enumValues)
            values.append(FieldDoc::jsonText(value));
        parts.append(u"Allowed: "_s + values.join(u", "_s) + u'.');
    }
    for (const QJsonValue &example : doc.examples)
        parts.append(u"Example: "_s + FieldDoc::jsonText(example));
    if (doc.deprecated)
        parts.append(u"Deprecated."_s);
    return parts.join(u' ');
}

QString table(const DocumentedFields &fields)
{
    qsizetype keyWidth = 5, typeWidth = 4;
    for (const DocumentedField &field : fields) {
        keyWidth = std::max(keyWidth, field.key.size() + 2 * field.depth);
        typeWidth = std::max(typeWidth, field.doc.typeText().size());
    }
    QString text = cell(u"FIELD"_s, keyWidth) + cell(u"TYPE"_s, typeWidth) + cell(u"REQUIRED"_s, 8)
        + u"DESCRIPTION\n"_s;
    for (const DocumentedField &field : fields) {
        text += cell(QString(2 * field.depth, u' ') + field.key, keyWidth)
            + cell(field.doc.typeText(), typeWidth)
            + cell(field.doc.required ? u"required"_s : u"optional"_s, 8) + details(field.doc)
            + u'\n';
    }
    return text;
}
} // namespace

int runSchema(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    const QCommandLineOption schema(
        u"schema"_s, u"An OpenAPI 3.0/3.1 document or JSON Schema over the bundled catalog."_s,
        u"FILE"_s);
    const QCommandLineOption json(u"json"_s, u"Print the event's JSON Schema."_s);
    parser.addOptions({ schema, json });
    parser.addPositionalArgument(u"EVENT"_s, u"An event name or URL key."_s);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    if (parser.positionalArguments().size() != 1)
        return usage(err, kName, u"give one EVENT\nTry 'hookscope schema --help'."_s);
    const Schemas schemas = loadSchemas(parser.values(schema));
    if (!schemas.registry)
        return usage(err, kName, u"--schema: "_s + schemas.errors.join(u"\n  "_s));
    const SchemaRegistry &registry = *schemas.registry;
    const QString event = registry.canonicalEventType(parser.positionalArguments().constFirst());
    if (event.isEmpty())
        return usage(
            err, kName,
            u"no schema for event type \"%1\""_s.arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(json)) {
        out.write(QJsonDocument(reachableSchema(registry.schemaDocument(event))).toJson());
        return exitOk;
    }
    write(out,
          u"%1 (%2), %3\n%4\n\n"_s.arg(event, registry.urlKey(event), registry.sourceOf(event),
                                       registry.description(event)));
    const DocumentedFields fields = registry.documentedFields(event);
    write(out, fields.isEmpty() ? u"No documented fields.\n"_s : table(fields));
    return exitOk;
}
