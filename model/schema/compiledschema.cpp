#include "compiledschema.h"

#include "exactboundsconstraint.h"
#include "formatchecker.h"
#include "jsonpointer.h"
#include "schemadocs.h"
#include "schematext.h"
#include "validationbudget.h"
#include "violationbuilder.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "json/valijsonadapter.h"

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
const QString kDefinitions = u"#/definitions/"_s;

// The definitions NAME's $refs reach, NAME included, or nullopt when a $ref points anywhere
// else (then valijson is given them all). A document's definitions serve every one of its
// events: serialising all of them for each event made loading the catalog seconds slower.
std::optional<QJsonObject> reachable(const QJsonObject &definitions, const QString &name)
{
    QJsonObject out;
    QStringList todo { name };
    while (!todo.isEmpty()) {
        const QString next = todo.takeLast();
        if (out.contains(next))
            continue;
        if (!definitions.contains(next))
            return std::nullopt;
        out.insert(next, definitions.value(next));
        QList<QJsonValue> stack { definitions.value(next) };
        while (!stack.isEmpty()) {
            const QJsonValue value = stack.takeLast();
            for (const QJsonValue item : value.toArray())
                stack.append(item);
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() != u"$ref"_s || !it.value().isString()) {
                    stack.append(it.value());
                    continue;
                }
                const QString ref = it.value().toString();
                if (!ref.startsWith(kDefinitions))
                    return std::nullopt;
                todo.append(JsonPointer::unescape(
                    QStringView(ref).mid(kDefinitions.size()).split(u'/').constFirst()));
            }
        }
    }
    return out;
}
} // namespace

CompiledSchema::Result CompiledSchema::compile(const QString &eventType,
                                               const std::shared_ptr<const SchemaGraph> &graph,
                                               const QJsonObject &definitions,
                                               const QString &definition)
{
    if (definition.isEmpty()) {
        return { std::make_shared<const CompiledSchema>(eventType, graph, -1, nullptr), {} };
    }
    // The definitions ride along beside the root $ref so that every "#/definitions/..." resolves.
    QJsonObject root;
    root.insert(u"$ref"_s, QString(u"#/definitions/"_s + definition));
    root.insert(u"definitions"_s, definitions);
    auto schema = std::make_shared<valijson::Schema>();
    try {
        // Read through the document adapter, not Qt's: the enum and const values valijson keeps
        // are then frozen over UTF-8 bytes with their numbers as the schema wrote them, and are
        // compared exactly and without a std::string per value compared. SchemaText takes the
        // numeric bounds out for ExactBoundsConstraint.
        QJsonObject read = root;
        if (const std::optional<QJsonObject> used = reachable(definitions, definition))
            read.insert(u"definitions"_s, *used);
        const SchemaText text = SchemaText::write(read);
        const JsonDocument document = JsonDocument::parse(text.text);
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::JsonDocumentAdapter adapter(document);
        parser.populateSchema(adapter, *schema);
        ExactBoundsConstraint::attach(*schema, text.bounds);
    } catch (const std::exception &e) {
        return { nullptr, QString::fromStdString(e.what()) };
    }
    auto compiled = std::make_shared<CompiledSchema>(
        eventType, graph, graph->definitionNode(definition), std::move(schema));
    compiled->m_document = root;
    return { std::move(compiled), {} };
}

CompiledSchema::CompiledSchema(const QString &eventType,
                               const std::shared_ptr<const SchemaGraph> &graph, int root,
                               std::shared_ptr<const valijson::Schema> schema)
    : m_eventType(eventType)
    , m_graph(graph)
    , m_root(root)
    , m_schema(std::move(schema))
{
    if (m_root >= 0) {
        m_fieldCount = m_graph->fieldCount(m_root);
        m_memberNames = m_graph->memberNames(m_root);
        m_requiredNames = m_graph->requiredNames(m_root);
        m_needsBudget = m_graph->needsBudget(m_root);
    }
}

CompiledSchema::~CompiledSchema() = default;

FieldDoc CompiledSchema::fieldDoc(const QString &pointer) const
{
    return SchemaDocs::at(*m_graph, m_root, pointer);
}

DocumentedFields CompiledSchema::documentedFields() const
{
    return SchemaDocs::list(*m_graph, m_root);
}

Violations CompiledSchema::validate(const QJsonValue &body) const
{
    if (!m_schema) {
        return validateWithoutBody(body);
    }
    if (body.isUndefined()) {
        return { { {},
                   u"type"_s,
                   Severity::Error,
                   u"the request has no JSON body; the %1 schema expects one"_s.arg(
                       m_eventType) } };
    }
    if (const std::optional<QString> deep = tooDeep(body)) {
        return { { *deep, u"depth"_s, Severity::Error,
                   u"the body nests deeper than %1 levels (at %2…); not validated"_s
                       .arg(maxBodyDepth)
                       .arg(deep->left(60)) } };
    }
    if (m_graph->usesPatternProperties()) {
        if (const std::optional<QString> key = longKey(body)) {
            return { { *key, u"patternProperties"_s, Severity::Error,
                       u"%1 is a key longer than %2 characters, too long to match against "
                       "patternProperties; not validated"_s
                           .arg(ViolationBuilder::fieldName(*key).left(80))
                           .arg(maxPatternKeyLength) } };
        }
    }
    if (m_needsBudget) {
        if (std::optional<Violation> over =
                ValidationBudget::check(*m_graph, m_root, body, m_eventType)) {
            return { *over };
        }
    }
    Violations out;
    try {
        out = schemaErrors(body);
    } catch (const std::exception &e) {
        // valijson throws for what its load did not reject (std::regex_error, a bad $ref):
        // one event's verdict, never the process.
        return { undecided({}, u"valijson failed: %1"_s.arg(QString::fromUtf8(e.what()))) };
    }
    NodeSet nodes;
    nodes.append(m_root);
    m_graph->expand(nodes);
    walk(body, nodes, QString(), 0, out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Violation &a, const Violation &b) { return a.pointer < b.pointer; });
    return out;
}

Violations CompiledSchema::validateWithoutBody(const QJsonValue &body) const
{
    const bool empty =
        body.isUndefined() || body.isNull() || (body.isObject() && body.toObject().isEmpty());
    if (empty) {
        return {};
    }
    return { { {},
               u"undocumented"_s,
               Severity::Warning,
               u"the %1 request is documented without a body, but this one has %2"_s.arg(
                   m_eventType, ViolationBuilder::describeValue(body)) } };
}

// valijson first without a results sink (it stops at the first failure: the fast path for valid
// events), then once more collecting every error. A Validator per call: it caches regexes.
Violations CompiledSchema::schemaErrors(const QJsonValue &body) const
{
    const valijson::adapters::QtJsonAdapter adapter(body);
    valijson::Validator quick;
    if (quick.validate(*m_schema, adapter, nullptr)) {
        return {};
    }
    valijson::Validator full;
    valijson::ValidationResults results;
    full.validate(*m_schema, adapter, &results);
    std::vector<RawSchemaError> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        errors.push_back({ error.context, error.description });
    }
    Violations out = ViolationBuilder(*m_graph, m_root, body).fromValijson(errors);
    const bool explained = std::any_of(
        out.begin(), out.end(), [](const Violation &v) { return v.severity == Severity::Error; });
    if (!explained) {
        // valijson gives no message for a `false` subschema or a failed propertyNames check.
        NodeSet nodes;
        nodes.append(m_root);
        m_graph->expand(nodes);
        const QString pointer = rejectedAt(body, nodes, QString(), 0).value_or(QString());
        out.append(
            { pointer, u"false"_s, Severity::Error,
              pointer.isEmpty() && !rejectedAt(body, nodes, QString(), 0)
                  ? u"the body does not match the schema (a `false` subschema or propertyNames)"_s
                  : u"%1 is not allowed here (its schema admits no value)"_s.arg(
                      ViolationBuilder::fieldName(pointer)) });
    }
    return out;
}

// The first value whose applicable schemas include the boolean schema `false`.
std::optional<QString> CompiledSchema::rejectedAt(const QJsonValue &value, const NodeSet &nodes,
                                                  const QString &pointer, int depth) const
{
    for (int index : nodes) {
        if (m_graph->node(index).rejectsAll) {
            return pointer;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const NodeSet children = m_graph->forMember(nodes, it.key());
            if (auto found = rejectedAt(it.value(), children,
                                        JsonPointer::append(pointer, it.key()), depth + 1)) {
                return found;
            }
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto found = rejectedAt(array.at(i), m_graph->forItem(nodes, i),
                                        JsonPointer::append(pointer, i), depth + 1)) {
                return found;
            }
        }
    }
    return std::nullopt;
}

// Hookscope's own pass: formats (see SchemaImporter) and fields the schema does not document.
void CompiledSchema::walk(const QJsonValue &value, const NodeSet &nodes, const QString &pointer,
                          int depth, Violations &out) const
{
    if (nodes.isEmpty()) {
        return;
    }
    if (value.isString()) {
        checkString(value, nodes, pointer, out);
    } else if (value.isObject()) {
        walkObject(value.toObject(), nodes, pointer, depth, out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            walk(array.at(i), m_graph->forItem(nodes, i), JsonPointer::append(pointer, i),
                 depth + 1, out);
        }
    }
}

// The first thing a string breaks in one schema node: its format, else its pattern (bounded:
// a pattern that cannot be decided in its budget says so instead of passing or failing).
std::optional<Violation> CompiledSchema::stringViolation(const SchemaNode &node,
                                                         const ViolationBuilder &builder,
                                                         const QJsonValue &value,
                                                         const QString &text,
                                                         const QString &pointer) const
{
    if (!node.format.isEmpty() && !FormatChecker::isValid(node.format, text))
        return builder.format(pointer, value, node.format);
    if (!node.hasPattern)
        return std::nullopt;
    const BoundedRegex::Result matched = node.pattern.match(text);
    if (matched.outcome == BoundedRegex::Outcome::Undecided)
        return undecided(pointer,
                         u"the pattern %1 could not be checked: %2"_s.arg(node.pattern.pattern(),
                                                                          matched.reason));
    if (matched.outcome == BoundedRegex::Outcome::NoMatch)
        return builder.pattern(pointer, value, node.pattern.pattern());
    return std::nullopt;
}

// A string's format and pattern; one violation per string is enough to explain it.
void CompiledSchema::checkString(const QJsonValue &value, const NodeSet &nodes,
                                 const QString &pointer, Violations &out) const
{
    const QString text = value.toString();
    const ViolationBuilder builder(*m_graph, m_root, value);
    for (int index : nodes) {
        if (std::optional<Violation> violation =
                stringViolation(m_graph->node(index), builder, value, text, pointer)) {
            out.append(std::move(*violation));
            return;
        }
    }
}

void CompiledSchema::walkObject(const QJsonObject &object, const NodeSet &nodes,
                                const QString &pointer, int depth, Violations &out) const
{
    const bool describes = m_graph->describesMembers(nodes);
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool documented = false;
        const NodeSet children = m_graph->forMember(nodes, it.key(), &documented);
        const QString childPointer = JsonPointer::append(pointer, it.key());
        if (!documented && describes) {
            out.append(ViolationBuilder(*m_graph, m_root, QJsonValue())
                           .undocumented(childPointer, m_eventType));
        }
        walk(it.value(), children, childPointer, depth + 1, out);
    }
}

Violation CompiledSchema::undecided(const QString &pointer, const QString &why) const
{
    return { pointer, u"undecided"_s, Severity::Error,
             u"%1: not validated: %2"_s.arg(ViolationBuilder::fieldName(pointer), why) };
}

// valijson matches patternProperties with std::regex, which recurses per character.
std::optional<QString> CompiledSchema::longKey(const QJsonValue &body)
{
    QList<QPair<QJsonValue, QString>> stack { { body, QString() } };
    while (!stack.isEmpty()) {
        const auto [value, pointer] = stack.takeLast();
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().size() > maxPatternKeyLength) {
                return JsonPointer::append(pointer, it.key());
            }
            stack.append({ it.value(), JsonPointer::append(pointer, it.key()) });
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            stack.append({ array.at(i), JsonPointer::append(pointer, i) });
        }
    }
    return std::nullopt;
}

// The first node deeper than maxBodyDepth, found without recursion.
std::optional<QString> CompiledSchema::tooDeep(const QJsonValue &body)
{
    struct Frame
    {
        QJsonValue value;
        int depth;
        QString pointer;
    };
    QList<Frame> stack { { body, 0, QString() } };
    while (!stack.isEmpty()) {
        const Frame frame = stack.takeLast();
        if (frame.depth > maxBodyDepth) {
            return frame.pointer;
        }
        if (frame.value.isObject()) {
            const QJsonObject object = frame.value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.value().isObject() || it.value().isArray()) {
                    stack.append({ it.value(), frame.depth + 1,
                                   JsonPointer::append(frame.pointer, it.key()) });
                }
            }
        } else if (frame.value.isArray()) {
            const QJsonArray array = frame.value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (array.at(i).isObject() || array.at(i).isArray()) {
                    stack.append(
                        { array.at(i), frame.depth + 1, JsonPointer::append(frame.pointer, i) });
                }
            }
        }
    }
    return std::nullopt;
}

Violations CompiledSchema::validate(const JsonDocument &body) const
{
    if (!body.isValid())
        return validate(QJsonValue(QJsonValue::Undefined));
    if (!m_schema)
        return validateWithoutBody(body.toQJsonValue());
    if (std::optional<Violation> refusal = refused(body))
        return { *refusal };
    // The same budget and the same guard as validate(QJsonValue): without them one body with a
    // recursive allOf fan-out held an analysis thread (and the capture's shutdown) for ever.
    if (m_needsBudget) {
        if (std::optional<Violation> over =
                ValidationBudget::check(*m_graph, m_root, body.toQJsonValue(), m_eventType)) {
            return { *over };
        }
    }
    Violations out;
    try {
        out = schemaErrors(body);
    } catch (const std::exception &e) {
        return { undecided({}, u"valijson failed: %1"_s.arg(QString::fromUtf8(e.what()))) };
    }
    NodeSet nodes;
    nodes.append(m_root);
    m_graph->expand(nodes);
    walk(body, 0, nodes, out);
    std::stable_sort(out.begin(), out.end(),
                     [](const Violation &a, const Violation &b) { return a.pointer < b.pointer; });
    return out;
}

// Bodies that valijson (recursive, std::regex) is not given, as in validate(QJsonValue).
std::optional<Violation> CompiledSchema::refused(const JsonDocument &body) const
{
    if (const std::optional<QString> deep = tooDeep(body)) {
        return Violation { *deep, u"depth"_s, Severity::Error,
                           u"the body nests deeper than %1 levels (at %2…); not validated"_s
                               .arg(maxBodyDepth)
                               .arg(deep->left(60)) };
    }
    if (m_graph->usesPatternProperties()) {
        if (const std::optional<QString> key = longKey(body)) {
            return Violation { *key, u"patternProperties"_s, Severity::Error,
                               u"%1 is a key longer than %2 characters, too long to match "
                               "against patternProperties; not validated"_s
                                   .arg(ViolationBuilder::fieldName(*key).left(80))
                                   .arg(maxPatternKeyLength) };
        }
    }
    return std::nullopt;
}

Violations CompiledSchema::schemaErrors(const JsonDocument &body) const
{
    const valijson::adapters::JsonDocumentAdapter adapter(body);
    valijson::Validator quick;
    if (quick.validate(*m_schema, adapter, nullptr))
        return {};
    valijson::Validator full;
    valijson::ValidationResults results;
    full.validate(*m_schema, adapter, &results);
    std::vector<RawSchemaError> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error))
        errors.push_back({ error.context, error.description });
    // The slow path (an invalid event) may read a lossy copy; messages take numbers from body.
    const QJsonValue copy = body.toQJsonValue();
    Violations out = ViolationBuilder(*m_graph, m_root, copy, &body).fromValijson(errors);
    const bool explained = std::any_of(
        out.begin(), out.end(), [](const Violation &v) { return v.severity == Severity::Error; });
    if (!explained) {
        NodeSet nodes;
        nodes.append(m_root);
        m_graph->expand(nodes);
        const std::optional<QString> at = rejectedAt(copy, nodes, QString(), 0);
        const QString pointer = at.value_or(QString());
        out.append({ pointer, u"false"_s, Severity::Error,
                     pointer.isEmpty() && !at
                         ? u"the body does not match the schema (a `false` subschema or "
                           "propertyNames)"_s
                         : u"%1 is not allowed here (its schema admits no value)"_s.arg(
                             ViolationBuilder::fieldName(pointer)) });
    }
    return out;
}

// A node's pointer is built only when something is reported there (JsonDocument::pointer):
// most members of most bodies report nothing, and a QString per member was a cost per event.
void CompiledSchema::walk(const JsonDocument &body, int id, const NodeSet &nodes,
                          Violations &out) const
{
    if (nodes.isEmpty())
        return;
    switch (body.type(id)) {
    case JsonDocument::Type::String:
        checkString(body, id, nodes, out);
        break;
    case JsonDocument::Type::Object:
        walkObject(body, id, nodes, out);
        break;
    case JsonDocument::Type::Array:
        for (int child = body.firstChild(id), i = 0; child >= 0;
             child = body.nextSibling(child), ++i) {
            walk(body, child, m_graph->forItem(nodes, i), out);
        }
        break;
    default:
        break;
    }
}

void CompiledSchema::checkString(const JsonDocument &body, int id, const NodeSet &nodes,
                                 Violations &out) const
{
    QString text;
    bool decoded = false;
    for (int index : nodes) {
        const SchemaNode &node = m_graph->node(index);
        if (node.format.isEmpty() && !node.hasPattern)
            continue;
        if (!decoded) {
            text = body.string(id);
            decoded = true;
        }
        const QJsonValue value(text);
        const ViolationBuilder builder(*m_graph, m_root, value);
        if (std::optional<Violation> violation =
                stringViolation(node, builder, value, text, body.pointer(id))) {
            out.append(std::move(*violation));
            return;
        }
    }
}

// Every member, duplicates included: each is judged at its pointer.
void CompiledSchema::walkObject(const JsonDocument &body, int id, const NodeSet &nodes,
                                Violations &out) const
{
    const bool describes = m_graph->describesMembers(nodes);
    for (int child = body.firstChild(id); child >= 0; child = body.nextSibling(child)) {
        bool documented = false;
        const NodeSet children = m_graph->forMember(nodes, body.keyUtf8(child), &documented);
        if (!documented && describes) {
            out.append(ViolationBuilder(*m_graph, m_root, QJsonValue())
                           .undocumented(body.pointer(child), m_eventType));
        }
        walk(body, child, children, out);
    }
}

// The first container nested deeper than maxBodyDepth; nodes are in document order, so the
// containers still open around a node are a stack of subtree ends.
std::optional<QString> CompiledSchema::tooDeep(const JsonDocument &body)
{
    std::vector<int> open;
    for (int id = 0; id < body.nodeCount(); ++id) {
        while (!open.empty() && open.back() <= id)
            open.pop_back();
        if (!body.isContainer(id))
            continue;
        if (int(open.size()) > maxBodyDepth)
            return body.pointer(id);
        open.push_back(body.node(id).end);
    }
    return std::nullopt;
}

std::optional<QString> CompiledSchema::longKey(const JsonDocument &body)
{
    for (int id = 0; id < body.nodeCount(); ++id) {
        // A name's UTF-16 length is at most its UTF-8 length: most need no decoding.
        if (body.node(id).keyTextLength > quint32(maxPatternKeyLength)
            && body.key(id).size() > maxPatternKeyLength)
            return body.pointer(id);
    }
    return std::nullopt;
}
