#include "violationbuilder.h"

#include "json/jsondocument.h"

#include "formatchecker.h"
#include "jsonpointer.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

constexpr int maxListedValues = 12;
constexpr int maxQuotedLength = 60;

bool isWithin(const QString &pointer, const QString &ancestor)
{
    return ancestor.isEmpty() || pointer == ancestor || pointer.startsWith(ancestor + u'/');
}

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

QString quotedName(const std::string &description, const char *prefix)
{
    const std::string rest = description.substr(std::strlen(prefix));
    const std::size_t end = rest.rfind('\'');
    return QString::fromStdString(rest.substr(0, end));
}

// valijson's fixed descriptions, by prefix, and the keyword each stands for; "" marks the
// "failed inside this child" wrappers, which add nothing to the child's own error.
const std::pair<const char *, const char *> descriptionPrefixes[] = {
    { "Value type not permitted", "type" },
    { "Failed to match against any enum", "enum" },
    { "Failed to match expected value set by 'const'", "const" },
    { "Target value and comparison value are not equal", "const" },
    { "Missing required property", "required" },
    { "Failed to validate against any child schemas allowed by oneOf", "oneOf" },
    { "Failed to validate against exactly one child schema", "oneOf" },
    { "Failed to validate against any schemas allowed by anyOf", "anyOf" },
    { "Target should not validate against schema specified in 'not'", "not" },
    { "Failed to match regex specified by 'pattern'", "pattern" },
    { "Expected number less than or equal", "maximum" },
    { "Expected number less than", "exclusiveMaximum" },
    { "Expected number greater than or equal", "minimum" },
    { "Expected number greater than", "exclusiveMinimum" },
    { "String should be no more than", "maxLength" },
    { "String should be no fewer than", "minLength" },
    { "Array should contain no more than", "maxItems" },
    { "Array should contain no fewer than", "minItems" },
    { "Object should have no more than", "maxProperties" },
    { "Object should have no fewer than", "minProperties" },
    { "Value should be a multiple of", "multipleOf" },
    { "Expected a multiple of", "multipleOf" },
    { "Value could not be converted", "multipleOf" },
    { "Elements at indexes", "uniqueItems" },
    { "Object contains a property that could not be validated", "additionalProperties" },
    { "Array contains more items than allowed", "additionalItems" },
    { "Failed to any values against subschema in 'contains'", "contains" },
    { "Missing dependency", "dependencies" },
    { "Failed to validate against schema associated with property name", "" },
    { "Failed to validate against schema associated with pattern", "" },
    { "Failed to validate against additional properties schema", "" },
    { "Failed to validate item #", "" },
    { "Failed to validate against child schema #", "" },
    { "Cannot validate item #", "" },
    { "Failed to validate against a conditional schema", "" },
    { "Failed to validate against dependent schema", "" },
};

} // namespace

ViolationBuilder::ViolationBuilder(const SchemaGraph &graph, int root, const QJsonValue &body,
                                   const JsonDocument *document)
    : m_graph(graph)
    , m_root(root)
    , m_body(body)
    , m_document(document)
{ }

// A number is quoted as it was sent (12345678901234567891, 1.50), not as a double reads it.
QString ViolationBuilder::describeAt(const QString &pointer, const QJsonValue &value,
                                     bool typed) const
{
    const int id = m_document ? m_document->resolve(pointer) : -1;
    if (id >= 0 && m_document->type(id) == JsonDocument::Type::Number) {
        const QByteArrayView text = m_document->raw(id);
        const QString raw =
            QString::fromUtf8(text.first(std::min<qsizetype>(text.size(), maxQuotedLength)));
        return typed ? u"a number (%1)"_s.arg(raw) : raw;
    }
    return typed ? describeTyped(value) : describeValue(value);
}

Violations ViolationBuilder::fromValijson(const std::vector<RawSchemaError> &errors) const
{
    Violations out;
    for (const RawSchemaError &error : errors) {
        const QString keyword = keywordOf(error.description);
        const QString pointer = pointerFromContext(error.context);
        if (keyword.isEmpty()) {
            continue;
        }
        const bool noneMatched = startsWith(error.description, "Failed to validate against any");
        if (!noneMatched) {
            out.append(make(keyword, pointer, error.description));
            continue;
        }
        // valijson reports each alternative's own failures just before the oneOf/anyOf verdict;
        // fold them into it, since they are the reasons and not separate problems.
        QStringList reasons;
        while (!out.isEmpty() && isWithin(out.constLast().pointer, pointer)) {
            reasons.prepend(out.takeLast().message);
        }
        Violation v = make(keyword, pointer, error.description);
        if (!reasons.isEmpty()) {
            v.message += u": "_s + reasons.join(u"; "_s);
        }
        out.append(v);
    }
    return out;
}

QString ViolationBuilder::keywordOf(const std::string &d)
{

    for (const auto &[prefix, keyword] : descriptionPrefixes) {
        if (startsWith(d, prefix)) {
            return QString::fromLatin1(keyword);
        }
    }
    if (d.find("property name") != std::string::npos
        || d.find("propertyNames") != std::string::npos) {
        return u"propertyNames"_s;
    }
    return u"schema"_s;
}

Violation ViolationBuilder::make(const QString &keyword, const QString &pointer,
                                 const std::string &description) const
{
    QString at = pointer;
    if (keyword == u"required"_s) {
        at = JsonPointer::append(pointer, quotedName(description, "Missing required property '"));
    } else if (keyword == u"additionalProperties"_s) {
        const std::string marker = "constraints: '";
        const std::size_t start = description.find(marker);
        if (start != std::string::npos) {
            const std::string rest = description.substr(start + marker.size());
            at = JsonPointer::append(pointer,
                                     QString::fromStdString(rest.substr(0, rest.rfind('\''))));
        }
    }
    return { at, keyword, Severity::Error,
             message(keyword, at, QString::fromStdString(description)) };
}

QString ViolationBuilder::message(const QString &keyword, const QString &pointer,
                                  const QString &description) const
{
    const QString name = fieldName(pointer);
    const QString expected = expectation(keyword, nodesAt(pointer));
    const QJsonValue value = valueAt(pointer);
    if (!expected.isEmpty()) {
        return u"%1 is %2; expected %3"_s.arg(
            name, describeAt(pointer, value, keyword == u"type"_s), expected);
    }
    if (keyword == u"required"_s) {
        const qsizetype slash = pointer.lastIndexOf(u'/');
        const QString parent = pointer.left(slash);
        return u"required field `%1` is missing from %2"_s.arg(
            JsonPointer::unescape(QStringView(pointer).mid(slash + 1)),
            parent.isEmpty() ? u"the body"_s : fieldName(parent));
    }
    if (keyword == u"additionalProperties"_s) {
        return u"%1 is not allowed here (the schema sets additionalProperties: false)"_s.arg(name);
    }
    if (keyword == u"oneOf"_s && description.contains(u"exactly one"_s)) {
        return u"%1 matches more than one of the oneOf alternatives; expected exactly one"_s.arg(
            name);
    }
    if (keyword == u"oneOf"_s || keyword == u"anyOf"_s) {
        return u"%1 matches none of the %2 alternatives"_s.arg(name, keyword);
    }
    if (keyword == u"not"_s) {
        return u"%1 is %2; it must not match the schema under `not`"_s.arg(
            name, describeAt(pointer, value, false));
    }
    return u"%1 is %2; %3"_s.arg(name, describeAt(pointer, value, false), tidied(description));
}

// What the schema expected, for the keywords whose expectation the graph keeps.
QString ViolationBuilder::expectation(const QString &keyword, const NodeSet &nodes) const
{
    for (int index : nodes) {
        const SchemaNode &node = m_graph.node(index);
        if (keyword == u"type"_s && !node.types.isEmpty()) {
            return node.types.join(u" or "_s);
        }
        if (keyword == u"enum"_s && node.hasEnum) {
            return u"one of: "_s
                + (node.enumSource.isEmpty() ? listValues(node.enumValues)
                                             : listSource(node.enumSource));
        }
        if (keyword == u"const"_s && node.hasConst) {
            const JsonDocument exact = JsonDocument::parse(node.constSource.toUtf8());
            return exact.isValid() && exact.type(0) == JsonDocument::Type::Number
                ? QString::fromLatin1(exact.raw(0))
                : describeValue(node.constValue);
        }
    }
    return {};
}

// valijson's description as the tail of a sentence: "Expected number less than 5.000000." ->
// "expected number less than 5".
QString ViolationBuilder::tidied(const QString &description)
{
    static const QRegularExpression trailingZeros(u"([0-9])\\.0+\\b"_s);
    QString detail = description;
    detail.replace(trailingZeros, u"\\1"_s);
    if (detail.endsWith(u'.')) {
        detail.chop(1);
    }
    return detail.isEmpty() ? detail : detail.front().toLower() + detail.mid(1);
}

Violation ViolationBuilder::format(const QString &pointer, const QJsonValue &value,
                                   const QString &format) const
{
    return { pointer, u"format"_s, Severity::Error,
             u"%1 is %2; expected %3"_s.arg(fieldName(pointer), describeValue(value),
                                            FormatChecker::describe(format)) };
}

Violation ViolationBuilder::pattern(const QString &pointer, const QJsonValue &value,
                                    const QString &pattern) const
{
    return { pointer, u"pattern"_s, Severity::Error,
             u"%1 is %2; expected to match the pattern %3"_s.arg(fieldName(pointer),
                                                                 describeValue(value), pattern) };
}

Violation ViolationBuilder::undocumented(const QString &pointer, const QString &eventType) const
{
    return { pointer, u"undocumented"_s, Severity::Warning,
             u"%1 is not documented in the %2 schema"_s.arg(fieldName(pointer), eventType) };
}

QString ViolationBuilder::pointerFromContext(const std::vector<std::string> &context)
{
    QString pointer;
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string &part = context[i];
        const std::string token = part.size() >= 2 ? part.substr(1, part.size() - 2) : part;
        pointer = JsonPointer::append(pointer, QString::fromStdString(token));
    }
    return pointer;
}

QString ViolationBuilder::fieldName(const QString &pointer)
{
    return pointer.isEmpty() ? u"the body"_s : u'`' + pointer.mid(1) + u'`';
}

QString ViolationBuilder::describeValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > maxQuotedLength) {
            text = text.left(maxQuotedLength) + u'…';
        }
        return u'"' + text + u'"';
    }
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // The range first: converting a double beyond qint64 to qint64 is undefined.
        return (std::abs(d) < 9e15 && d == double(qint64(d))) ? QString::number(qint64(d))
                                                              : QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

QString ViolationBuilder::describeTyped(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"a string (%1)"_s.arg(describeValue(value));
    case QJsonValue::Double:
        return u"a number (%1)"_s.arg(describeValue(value));
    case QJsonValue::Bool:
        return u"a boolean (%1)"_s.arg(describeValue(value));
    default:
        return describeValue(value);
    }
}

QString ViolationBuilder::listValues(const QJsonArray &values)
{
    QStringList names;
    for (qsizetype i = 0; i < values.size() && i < maxListedValues; ++i) {
        const QJsonValue v = values.at(i);
        names.append(v.isString() ? v.toString() : describeValue(v));
    }
    if (values.size() > maxListedValues) {
        names.append(u"… (%1 more)"_s.arg(values.size() - maxListedValues));
    }
    return names.join(u", "_s);
}

// An enum's values from the schema's own text: numbers as written there.
QString ViolationBuilder::listSource(const QString &source)
{
    const JsonDocument values = JsonDocument::parse(source.toUtf8());
    QJsonArray shown;
    for (int item = values.isValid() ? values.firstChild(0) : -1; item >= 0;
         item = values.nextSibling(item)) {
        shown.append(values.type(item) == JsonDocument::Type::Number
                         ? QJsonValue(QString::fromLatin1(values.raw(item)))
                         : values.toQJsonValue(item));
    }
    return listValues(shown);
}

QJsonValue ViolationBuilder::valueAt(const QString &pointer) const
{
    return JsonPointer::resolve(m_body, pointer).value_or(QJsonValue(QJsonValue::Undefined));
}

NodeSet ViolationBuilder::nodesAt(const QString &pointer) const
{
    return m_graph.nodesAt(m_root, JsonPointer::split(pointer).value_or(QStringList()));
}
