#include "schemaimporter.h"

#include "jsonpointer.h"
#include "refcycles.h"
#include "regex/boundedregex.h"
#include "stdregexcost.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

const QString definitionsPrefix = u"#/definitions/"_s;

// Keywords whose value is a map of schemas, one schema, or an array of schemas.
const QSet<QString> schemaMapKeywords = { u"properties"_s, u"patternProperties"_s, u"definitions"_s,
                                          u"$defs"_s, u"dependentSchemas"_s };
const QSet<QString> schemaKeywords = { u"additionalProperties"_s,
                                       u"additionalItems"_s,
                                       u"not"_s,
                                       u"if"_s,
                                       u"then"_s,
                                       u"else"_s,
                                       u"contains"_s,
                                       u"propertyNames"_s,
                                       u"items"_s };
const QSet<QString> schemaArrayKeywords = { u"allOf"_s, u"anyOf"_s, u"oneOf"_s };
// Identifiers would make valijson change its resolution scope; refs are already flattened.
const QStringList documentationKeywords = { u"description"_s, u"title"_s,      u"examples"_s,
                                            u"example"_s,     u"deprecated"_s, u"default"_s };
const QSet<QString> droppedKeywords = { u"id"_s, u"$id"_s, u"$schema"_s, u"nullable"_s };
// 2019-09 / 2020-12 keywords with no draft-7 equivalent: valijson would ignore them silently.
const QSet<QString> unenforcedKeywords = { u"unevaluatedProperties"_s, u"unevaluatedItems"_s,
                                           u"$dynamicRef"_s,           u"$recursiveRef"_s,
                                           u"minContains"_s,           u"maxContains"_s };
const QStringList operationMethods = { u"post"_s,   u"put"_s,     u"patch"_s, u"get"_s,
                                       u"delete"_s, u"options"_s, u"head"_s,  u"trace"_s };

// A JSON Schema's own example: the first of `examples`, else OpenAPI's `example`.
QJsonValue schemaExample(const QJsonObject &schema)
{
    const QJsonArray examples = schema.value(u"examples"_s).toArray();
    return examples.isEmpty() ? schema.value(u"example"_s) : examples.first();
}

bool looksLikeEventName(const QString &text)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"_s);
    return re.match(text).hasMatch();
}

QString pointerText(const QString &pointer)
{
    return pointer.isEmpty() ? u"/"_s : pointer;
}

} // namespace

SchemaImporter::SchemaImporter(const QJsonValue &root, const QString &sourceLabel)
    : m_root(root)
    , m_label(sourceLabel)
{ }

ImportedDocument SchemaImporter::importAll(const QString &eventType)
{
    if (!detectDialect()) {
        return m_result;
    }
    if (m_dialect != Dialect::OpenApi30 && m_dialect != Dialect::OpenApi31) {
        importJsonSchema(eventType);
    } else {
        importWebhooks(eventType);
    }
    breakRefCycles();
    m_result.definitionPointers = m_pointerByDefinition;
    m_result.dialect = dialectName(m_dialect);
    m_result.plainSchema = m_dialect != Dialect::OpenApi30 && m_dialect != Dialect::OpenApi31;
    for (ImportedEvent &event : m_result.events) {
        event.unenforced = unenforcedFrom(event.definition);
    }
    return m_result;
}

QString SchemaImporter::dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::JsonSchema:
        return u"JSON Schema draft 7"_s;
    case Dialect::JsonSchema201909:
        return u"JSON Schema 2019-09"_s;
    case Dialect::JsonSchema202012:
        return u"JSON Schema 2020-12"_s;
    case Dialect::OpenApi30:
        return u"OpenAPI 3.0"_s;
    case Dialect::OpenApi31:
        return u"OpenAPI 3.1"_s;
    }
    return {};
}

// A plain schema's dialect by its `$schema`; none (or draft 4 to 7) is read as draft 7.
SchemaImporter::Dialect SchemaImporter::schemaDialect(const QJsonObject &root) const
{
    const QString uri = root.value(u"$schema"_s).toString();
    if (uri.contains(u"2020-12"_s)) {
        return Dialect::JsonSchema202012;
    }
    return uri.contains(u"2019-09"_s) ? Dialect::JsonSchema201909 : Dialect::JsonSchema;
}

// 2019-09 and later (OpenAPI 3.1 is 2020-12): `$ref` applies beside its siblings.
bool SchemaImporter::refSiblingsApply() const
{
    return m_dialect == Dialect::OpenApi31 || m_dialect == Dialect::JsonSchema201909
        || m_dialect == Dialect::JsonSchema202012;
}

bool SchemaImporter::detectDialect()
{
    const QJsonObject root = m_root.toObject();
    if (root.contains(u"swagger"_s)) {
        addError(u"/swagger"_s, u"Swagger 2.0 is not supported (OpenAPI 3.0 and 3.1 are)"_s);
        return false;
    }
    if (!root.contains(u"openapi"_s)) {
        if (!m_root.isObject() && !m_root.isBool()) {
            addError({}, u"not a JSON Schema or OpenAPI document (expected an object)"_s);
            return false;
        }
        m_dialect = schemaDialect(root);
        return true;
    }
    const QJsonValue version = root.value(u"openapi"_s);
    const QString text =
        version.isDouble() ? QString::number(version.toDouble()) : version.toString();
    if (text.startsWith(u"3.0"_s)) {
        m_dialect = Dialect::OpenApi30;
    } else if (text.startsWith(u"3.1"_s)) {
        m_dialect = Dialect::OpenApi31;
    } else {
        addError(u"/openapi"_s,
                 u"OpenAPI version \"%1\" is not supported (3.0 and 3.1 are)"_s.arg(text));
        return false;
    }
    return true;
}

void SchemaImporter::importWebhooks(const QString &eventType)
{
    const QJsonObject root = m_root.toObject();
    const QString mapKey = root.contains(u"webhooks"_s) ? u"webhooks"_s : u"x-webhooks"_s;
    if (!root.value(mapKey).isObject()) {
        addError({}, u"no `webhooks` or `x-webhooks` map of events"_s);
        return;
    }
    const QJsonObject webhooks = root.value(mapKey).toObject();
    for (auto it = webhooks.begin(); it != webhooks.end(); ++it) {
        const QString pointer = JsonPointer::append(u"/"_s + mapKey, it.key());
        const std::optional<ImportedEvent> event = importWebhook(it.key(), it.value(), pointer);
        if (!event) {
            continue;
        }
        const bool wanted = eventType.isEmpty()
            || event->eventType.compare(eventType, Qt::CaseInsensitive) == 0
            || event->urlKey.compare(eventType, Qt::CaseInsensitive) == 0;
        if (wanted) {
            m_result.events.append(*event);
        }
    }
    if (!eventType.isEmpty() && m_result.events.isEmpty()) {
        addError(u"/"_s + mapKey, u"no webhook named \"%1\""_s.arg(eventType));
    }
}

void SchemaImporter::importJsonSchema(const QString &eventType)
{
    QString name = eventType;
    if (name.isEmpty()) {
        name = m_root.toObject().value(u"title"_s).toString().trimmed();
    }
    if (name.isEmpty() || !looksLikeEventName(name)) {
        name = fileBaseName();
    }
    if (name.isEmpty()) {
        addError(
            {},
            u"cannot tell which event this schema is for: give --event, a `title` or a file name"_s);
        return;
    }
    m_result.events.append({ name,
                             {},
                             definitionFor({}, {}, 0),
                             {},
                             m_root.toObject().value(u"description"_s).toString().trimmed(),
                             schemaExample(m_root.toObject()),
                             {} });
}

std::optional<ImportedEvent>
SchemaImporter::importWebhook(const QString &key, const QJsonValue &value, const QString &pointer)
{
    QString itemPointer = pointer;
    const std::optional<QJsonObject> pathItem = followRef(value, itemPointer);
    if (!pathItem) {
        return std::nullopt;
    }
    for (const QString &method : operationMethods) {
        if (!pathItem->value(method).isObject()) {
            continue;
        }
        const QJsonObject operation = pathItem->value(method).toObject();
        const QString operationPointer = JsonPointer::append(itemPointer, method);
        ImportedEvent event;
        event.urlKey = key;
        event.eventType = key;
        for (const QString &field : { u"x-event-type"_s, u"summary"_s }) {
            const QString candidate = operation.value(field).toString().trimmed();
            if (looksLikeEventName(candidate)) {
                event.eventType = candidate;
                break;
            }
        }
        event.description = operation.value(u"description"_s).toString().trimmed();
        event.pointer = bodySchemaPointer(operation, operationPointer);
        if (!event.pointer.isEmpty()) {
            event.definition = definitionFor(event.pointer, event.pointer, 0);
            event.example = mediaExample(event.pointer);
        }
        return event;
    }
    addError(itemPointer, u"no operation (post, put, ...) in this webhook"_s);
    return std::nullopt;
}

// The media type's `example`, else the first of its `examples` map (OpenAPI Example objects,
// `value` inline; a $ref'd or external one is skipped), else the schema's own `examples`/`example`.
QJsonValue SchemaImporter::mediaExample(const QString &schemaPointer) const
{
    const QString mediaPointer = schemaPointer.left(schemaPointer.lastIndexOf(u'/'));
    const QJsonObject media =
        JsonPointer::resolve(m_root, mediaPointer).value_or(QJsonValue()).toObject();
    if (media.contains(u"example"_s))
        return media.value(u"example"_s);
    const QJsonObject examples = media.value(u"examples"_s).toObject();
    for (auto it = examples.begin(); it != examples.end(); ++it) {
        if (it.value().toObject().contains(u"value"_s))
            return it.value().toObject().value(u"value"_s);
    }
    return schemaExample(
        JsonPointer::resolve(m_root, schemaPointer).value_or(QJsonValue()).toObject());
}

// The JSON body's schema: requestBody (maybe a $ref) -> content -> the JSON media type -> schema.
QString SchemaImporter::bodySchemaPointer(const QJsonObject &operation,
                                          const QString &operationPointer)
{
    QString bodyPointer = JsonPointer::append(operationPointer, u"requestBody"_s);
    if (!operation.contains(u"requestBody"_s)) {
        return {};
    }
    const std::optional<QJsonObject> body =
        followRef(operation.value(u"requestBody"_s), bodyPointer);
    if (!body) {
        return {};
    }
    const QJsonObject content = body->value(u"content"_s).toObject();
    QString mediaType;
    for (auto it = content.begin(); it != content.end(); ++it) {
        if (mediaType.isEmpty() || it.key() == u"application/json"_s
            || (it.key().contains(u"json"_s) && !mediaType.contains(u"json"_s))) {
            mediaType = it.key();
        }
    }
    const QString mediaPointer =
        JsonPointer::append(JsonPointer::append(bodyPointer, u"content"_s), mediaType);
    if (mediaType.isEmpty() || !content.value(mediaType).toObject().contains(u"schema"_s)) {
        addError(bodyPointer, u"the request body has no schema"_s);
        return {};
    }
    return JsonPointer::append(mediaPointer, u"schema"_s);
}

// Follows a `$ref` on a non-schema object (path item, request body); `pointer` becomes the target.
std::optional<QJsonObject> SchemaImporter::followRef(const QJsonValue &value, QString &pointer)
{
    QJsonValue current = value;
    for (int hops = 0; current.toObject().contains(u"$ref"_s); ++hops) {
        const QString ref = current.toObject().value(u"$ref"_s).toString();
        const std::optional<QString> target = JsonPointer::fromUriFragment(ref);
        const std::optional<QJsonValue> resolved =
            target ? JsonPointer::resolve(m_root, *target) : std::nullopt;
        if (!resolved || hops > 32) {
            addError(JsonPointer::append(pointer, u"$ref"_s),
                     u"$ref \"%1\" does not resolve in this file"_s.arg(ref));
            return std::nullopt;
        }
        pointer = *target;
        current = *resolved;
    }
    if (!current.isObject()) {
        addError(pointer, u"expected an object"_s);
        return std::nullopt;
    }
    return current.toObject();
}

QString SchemaImporter::definitionFor(const QString &targetPointer, const QString &refSite,
                                      int depth)
{
    if (const auto it = m_definitionByPointer.constFind(targetPointer);
        it != m_definitionByPointer.cend()) {
        return *it;
    }
    const QString name = u"s%1"_s.arg(m_definitionByPointer.size());
    m_definitionByPointer.insert(targetPointer, name);
    m_pointerByDefinition.insert(name, targetPointer);
    const std::optional<QJsonValue> target = JsonPointer::resolve(m_root, targetPointer);
    if (!target) {
        addError(refSite, u"$ref \"#%1\" does not resolve in this file"_s.arg(targetPointer));
        m_result.definitions.insert(name, true);
        return name;
    }
    const QString outer = std::exchange(m_currentDefinition, name);
    m_result.definitions.insert(name, convertSchema(*target, targetPointer, depth + 1));
    m_currentDefinition = outer;
    return name;
}

QJsonValue SchemaImporter::convertSchema(const QJsonValue &schema, const QString &pointer,
                                         int depth)
{
    if (schema.isBool()) {
        return schema;
    }
    if (!schema.isObject()) {
        addError(pointer, u"expected a schema (an object or a boolean)"_s);
        return true;
    }
    if (depth > maxSchemaDepth) {
        addError(pointer, u"schema nests deeper than %1 levels"_s.arg(maxSchemaDepth));
        return true;
    }
    return convertObject(schema.toObject(), pointer, depth);
}

QJsonObject SchemaImporter::convertObject(const QJsonObject &schema, const QString &pointer,
                                          int depth)
{
    const bool hasRef = schema.contains(u"$ref"_s);
    const QString refPointer = JsonPointer::append(pointer, u"$ref"_s);
    if (hasRef && (!refSiblingsApply() || onlyAnnotatesRef(schema))) {
        // Draft 7 and OpenAPI 3.0: keywords beside $ref are ignored by validation; the
        // documentation ones stay for the reader (a field's own description beats its type's).
        QJsonObject out = convertRef(schema.value(u"$ref"_s), refPointer, depth).toObject();
        for (const QString &key : documentationKeywords) {
            if (schema.contains(key))
                out.insert(key, schema.value(key));
        }
        return out;
    }
    QJsonObject out;
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        const QString keyPointer = JsonPointer::append(pointer, it.key());
        if (it.key() == u"$ref"_s || droppedKeywords.contains(it.key())) {
            continue;
        }
        if (refSiblingsApply() && unenforcedKeywords.contains(it.key())) {
            noteUnenforced(it.key(), keyPointer);
            continue;
        }
        if (it.key() == u"format"_s) {
            out.insert(formatKeyword, it.value());
        } else if (it.key() == u"pattern"_s) {
            convertPattern(out, it.value(), keyPointer);
        } else if (it.key() == u"patternProperties"_s && it.value().isObject()) {
            out.insert(it.key(),
                       convertPatternProperties(it.value().toObject(), keyPointer, depth));
        } else {
            out.insert(it.key(), convertKeyword(it.key(), it.value(), keyPointer, depth));
        }
    }
    if (refSiblingsApply()) {
        convertOpenApi31(out);
    }
    convertPropertyNames(out, pointer);
    if (m_dialect == Dialect::OpenApi30) {
        convertOpenApi30(out, schema);
    }
    if (hasRef) {
        // OpenAPI 3.1 (2020-12): $ref applies alongside its siblings, as one more allOf branch.
        QJsonArray allOf = out.value(u"allOf"_s).toArray();
        allOf.append(convertRef(schema.value(u"$ref"_s), refPointer, depth));
        out.insert(u"allOf"_s, allOf);
    }
    return out;
}

bool SchemaImporter::onlyAnnotatesRef(const QJsonObject &schema)
{
    static const QSet<QString> annotations = { u"$ref"_s,       u"description"_s, u"summary"_s,
                                               u"title"_s,      u"example"_s,     u"examples"_s,
                                               u"deprecated"_s, u"$comment"_s };
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (!annotations.contains(it.key())) {
            return false;
        }
    }
    return true;
}

void SchemaImporter::convertPattern(QJsonObject &out, const QJsonValue &pattern,
                                    const QString &pointer)
{
    if (!pattern.isString()) {
        addError(pointer, u"expected a regular expression (a string)"_s);
        return;
    }
    const BoundedRegex re(pattern.toString(), false);
    if (!re.isValid()) {
        addError(pointer,
                 u"not a valid regular expression: %1 at offset %2; `pattern` is ignored"_s
                     .arg(re.errorString())
                     .arg(re.errorOffset()));
        return;
    }
    out.insert(patternKeyword, pattern);
}

// Each key is a regular expression twice over: valijson compiles it with std::regex when it
// validates (and throws there if it cannot), Hookscope with PCRE2. One that either refuses is
// reported and its entry left out, so no event can meet it.
QJsonObject SchemaImporter::convertPatternProperties(const QJsonObject &map, const QString &pointer,
                                                     int depth)
{
    QJsonObject out;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString keyPointer = JsonPointer::append(pointer, it.key());
        if (const std::optional<QString> problem = patternPropertyProblem(it.key())) {
            addError(keyPointer, *problem + u"; this patternProperties entry is ignored"_s);
            continue;
        }
        out.insert(it.key(), convertSchema(it.value(), keyPointer, depth + 1));
    }
    return out;
}

std::optional<QString> SchemaImporter::patternPropertyProblem(const QString &pattern)
{
    const BoundedRegex pcre(pattern, false);
    if (!pcre.isValid()) {
        return u"not a valid regular expression: %1 at offset %2"_s.arg(pcre.errorString())
            .arg(pcre.errorOffset());
    }
    if (const std::optional<QString> error = StdRegexCost::compileError(pattern)) {
        return u"a regular expression the validator (std::regex, ECMAScript) cannot compile: %1"_s
            .arg(*error);
    }
    return std::nullopt;
}

// One keyword's value: subschemas are converted, anything else is kept as it is.
QJsonValue SchemaImporter::convertKeyword(const QString &key, const QJsonValue &value,
                                          const QString &pointer, int depth)
{
    if (schemaMapKeywords.contains(key) && value.isObject()) {
        return convertMap(value.toObject(), pointer, depth, false);
    }
    if (key == u"dependencies"_s && value.isObject()) {
        return convertMap(value.toObject(), pointer, depth, true);
    }
    const bool holdsSchemas = schemaKeywords.contains(key) || schemaArrayKeywords.contains(key)
        || key == u"prefixItems"_s;
    if (holdsSchemas && value.isArray()) {
        QJsonArray array;
        const QJsonArray in = value.toArray();
        for (qsizetype i = 0; i < in.size(); ++i) {
            array.append(convertSchema(in.at(i), JsonPointer::append(pointer, i), depth + 1));
        }
        return array;
    }
    return holdsSchemas ? convertSchema(value, pointer, depth + 1) : value;
}

// A map of schemas; for `dependencies`, array members are property lists and stay as they are.
QJsonObject SchemaImporter::convertMap(const QJsonObject &map, const QString &pointer, int depth,
                                       bool keepArrays)
{
    QJsonObject out;
    for (auto it = map.begin(); it != map.end(); ++it) {
        out.insert(
            it.key(),
            keepArrays && it.value().isArray()
                ? it.value()
                : convertSchema(it.value(), JsonPointer::append(pointer, it.key()), depth + 1));
    }
    return out;
}

// 2020-12 tuples -> draft 7: prefixItems becomes `items` as an array, `items` additionalItems;
// dependentRequired/dependentSchemas (2019-09) -> draft 7 `dependencies`.
void SchemaImporter::convertOpenApi31(QJsonObject &out)
{
    if (out.contains(u"prefixItems"_s)) {
        if (out.contains(u"items"_s)) {
            out.insert(u"additionalItems"_s, out.value(u"items"_s));
        }
        out.insert(u"items"_s, out.take(u"prefixItems"_s));
    }
    for (const QString &key : { u"dependentRequired"_s, u"dependentSchemas"_s }) {
        const QJsonObject split = out.take(key).toObject();
        QJsonObject dependencies = out.value(u"dependencies"_s).toObject();
        for (auto it = split.begin(); it != split.end(); ++it) {
            dependencies.insert(it.key(), it.value());
        }
        if (!dependencies.isEmpty()) {
            out.insert(u"dependencies"_s, dependencies);
        }
    }
}

// `propertyNames: {pattern: P}`: Hookscope checks `pattern` itself, but only on values. The same
// rule for names is `allOf: [{patternProperties: {P: true}, additionalProperties: false}]`, whose
// key must pass the same checks as any patternProperties key.
void SchemaImporter::convertPropertyNames(QJsonObject &out, const QString &pointer)
{
    QJsonObject names = out.value(u"propertyNames"_s).toObject();
    if (!names.contains(patternKeyword)) {
        return;
    }
    const QString pattern = names.take(patternKeyword).toString();
    const std::optional<QString> problem = patternPropertyProblem(pattern);
    if (problem) {
        addError(
            JsonPointer::append(JsonPointer::append(pointer, u"propertyNames"_s), patternKeyword),
            *problem + u"; this propertyNames pattern is ignored"_s);
    }
    if (names.isEmpty()) {
        out.remove(u"propertyNames"_s);
    } else {
        out.insert(u"propertyNames"_s, names);
    }
    if (problem) {
        return;
    }
    QJsonArray allOf = out.value(u"allOf"_s).toArray();
    allOf.append(QJsonObject { { u"patternProperties"_s, QJsonObject { { pattern, true } } },
                               { u"additionalProperties"_s, false } });
    out.insert(u"allOf"_s, allOf);
}

void SchemaImporter::noteUnenforced(const QString &key, const QString &pointer)
{
    m_unenforcedByDefinition[m_currentDefinition].append(
        u"%1: %2"_s.arg(pointerText(pointer), key));
    // A `$defs` entry is converted where it sits and again where a $ref reaches it: say it once.
    if (m_warnedPointers.contains(pointer)) {
        return;
    }
    m_warnedPointers.insert(pointer);
    m_result.warnings.append(
        u"%1: %2: %3 (%4) is not enforced: Hookscope validates with draft 7 keywords, so events "
        "of this schema may pass that it would reject"_s.arg(m_label, pointerText(pointer), key,
                                                             dialectName(m_dialect)));
}

// The unenforced keywords of DEFINITION and of every definition it reaches by $ref.
QStringList SchemaImporter::unenforcedFrom(const QString &definition) const
{
    QStringList found;
    QSet<QString> seen;
    QStringList pending { definition };
    while (!pending.isEmpty()) {
        const QString name = pending.takeLast();
        if (name.isEmpty() || seen.contains(name)) {
            continue;
        }
        seen.insert(name);
        found += m_unenforcedByDefinition.value(name);
        QList<QJsonValue> values { m_result.definitions.value(name) };
        while (!values.isEmpty()) {
            const QJsonValue value = values.takeLast();
            if (value.isArray()) {
                for (const QJsonValue &item : value.toArray()) {
                    values.append(item);
                }
                continue;
            }
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() == u"$ref"_s && it.value().toString().startsWith(definitionsPrefix)) {
                    pending.append(it.value().toString().mid(definitionsPrefix.size()));
                } else if (it.value().isObject() || it.value().isArray()) {
                    values.append(it.value());
                }
            }
        }
    }
    found.sort();
    found.removeDuplicates();
    return found;
}

QJsonValue SchemaImporter::convertRef(const QJsonValue &ref, const QString &pointer, int depth)
{
    const std::optional<QString> target = JsonPointer::fromUriFragment(ref.toString());
    if (!ref.isString() || !target) {
        addError(
            pointer,
            u"$ref \"%1\" points outside this file; only local references (\"#/...\") are supported"_s
                .arg(ref.toString()));
        return QJsonObject();
    }
    QJsonObject out;
    out.insert(u"$ref"_s, QString(definitionsPrefix + definitionFor(*target, pointer, depth)));
    return out;
}

// OpenAPI 3.0: `nullable: true` adds null to `type` (and to `enum`); exclusiveMinimum/Maximum are
// booleans modifying minimum/maximum, where draft 7 wants the bound itself.
void SchemaImporter::convertOpenApi30(QJsonObject &out, const QJsonObject &schema) const
{
    if (schema.value(u"nullable"_s).toBool() && out.contains(u"type"_s)) {
        QJsonArray types = out.value(u"type"_s).isArray() ? out.value(u"type"_s).toArray()
                                                          : QJsonArray { out.value(u"type"_s) };
        if (!types.contains(u"null"_s)) {
            types.append(u"null"_s);
        }
        out.insert(u"type"_s, types);
        if (out.value(u"enum"_s).isArray()
            && !out.value(u"enum"_s).toArray().contains(QJsonValue::Null)) {
            QJsonArray values = out.value(u"enum"_s).toArray();
            values.append(QJsonValue::Null);
            out.insert(u"enum"_s, values);
        }
    }
    for (const auto &[exclusive, bound] : { std::pair { u"exclusiveMinimum"_s, u"minimum"_s },
                                            std::pair { u"exclusiveMaximum"_s, u"maximum"_s } }) {
        if (!out.value(exclusive).isBool()) {
            continue;
        }
        if (out.take(exclusive).toBool() && out.contains(bound)) {
            out.insert(exclusive, out.take(bound));
        }
    }
}

void SchemaImporter::breakRefCycles()
{
    for (const RefCycles::Cycle &cycle : RefCycles::find(m_result.definitions)) {
        QStringList pointers;
        for (const QString &member : cycle.members) {
            pointers.append(u"#"_s + m_pointerByDefinition.value(member));
            m_result.definitions.insert(member, true);
        }
        pointers.sort();
        addError(m_pointerByDefinition.value(cycle.members.constFirst()),
                 u"circular $ref chain (%1) never reaches a schema"_s.arg(pointers.join(u", "_s)));
    }
}

void SchemaImporter::addError(const QString &pointer, const QString &reason)
{
    m_result.errors.append(u"%1: %2: %3"_s.arg(m_label, pointerText(pointer), reason));
}

QString SchemaImporter::fileBaseName() const
{
    QString name = QFileInfo(m_label).fileName();
    for (const QString &suffix : { u".schema.json"_s, u".json"_s, u".yaml"_s, u".yml"_s }) {
        if (name.endsWith(suffix, Qt::CaseInsensitive)) {
            return name.chopped(suffix.size());
        }
    }
    return name;
}
