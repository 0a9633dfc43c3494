#include "schematext.h"

#include "exactnumbers.h"
#include "jsonwriter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
const std::string kMarker = "\x01hookscope-bounds:";

struct Keyword
{
    QStringView name;
    ExactBound::Kind kind;
};
constexpr Keyword kBounds[] = {
    { u"minimum", ExactBound::Kind::Minimum },
    { u"maximum", ExactBound::Kind::Maximum },
    { u"exclusiveMinimum", ExactBound::Kind::ExclusiveMinimum },
    { u"exclusiveMaximum", ExactBound::Kind::ExclusiveMaximum },
    { u"multipleOf", ExactBound::Kind::MultipleOf },
};

bool isOneOf(QStringView keyword, std::initializer_list<QStringView> names)
{
    return std::find(names.begin(), names.end(), keyword) != names.end();
}

bool isAnnotation(const QString &key)
{
    return key.startsWith(ExactNumbers::annotationKey(u""));
}

void appendKey(QByteArray &out, bool &first, QStringView key)
{
    if (!first)
        out.append(',');
    first = false;
    JsonWriter::appendString(out, key);
    out.append(':');
}
} // namespace

SchemaText SchemaText::write(const QJsonObject &root)
{
    SchemaText out;
    out.schema(root);
    return out;
}

std::optional<size_t> SchemaText::boundsIndex(const std::string &description)
{
    if (description.rfind(kMarker, 0) != 0)
        return std::nullopt;
    bool ok = false;
    const size_t index = QByteArrayView(description).sliced(kMarker.size()).toULongLong(&ok);
    return ok ? std::optional<size_t>(index) : std::nullopt;
}

// KEYWORD of OBJECT as a bound, when it is a number (anything else stays for valijson to refuse).
std::optional<ExactBound> SchemaText::bound(const QString &keyword, const QJsonObject &object)
{
    const QJsonValue value = object.value(keyword);
    if (!value.isDouble())
        return std::nullopt;
    const QJsonValue exact = object.value(ExactNumbers::annotationKey(keyword));
    const QString text = exact.isString() ? exact.toString() : ExactNumbers::textOf(value);
    const std::optional<JsonNumber> number = JsonNumber::fromText(text.toLatin1());
    if (!number)
        return std::nullopt;
    ExactBound out;
    for (const Keyword &k : kBounds) {
        if (k.name == keyword)
            out.kind = k.kind;
    }
    out.value = *number;
    out.text = text.toStdString();
    out.approx = number->toDouble();
    out.safe =
        number->isSafeDouble() && (out.kind != ExactBound::Kind::MultipleOf || number->isInteger());
    return out;
}

void SchemaText::schema(const QJsonValue &value)
{
    if (!value.isObject()) {
        JsonWriter::append(text, value);
        return;
    }
    const QJsonObject object = value.toObject();
    ExactBounds found;
    for (const Keyword &k : kBounds) {
        if (std::optional<ExactBound> b = bound(k.name.toString(), object))
            found.push_back(std::move(*b));
    }
    bool first = true;
    text.append('{');
    if (!found.empty()) {
        appendKey(text, first, u"description");
        JsonWriter::appendString(text,
                                 QString::fromStdString(kMarker + std::to_string(bounds.size())));
        bounds.push_back(std::move(found));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &keyword = it.key();
        const bool taken = std::any_of(std::begin(kBounds), std::end(kBounds),
                                       [&keyword](const Keyword &k) { return k.name == keyword; })
            && bound(keyword, object);
        if (taken || keyword == u"description"_s || isAnnotation(keyword))
            continue;
        appendKey(text, first, keyword);
        keywordValue(keyword, it.value(), object);
    }
    text.append('}');
}

void SchemaText::schemaList(const QJsonValue &value)
{
    if (!value.isArray()) {
        schema(value);
        return;
    }
    const QJsonArray array = value.toArray();
    text.append('[');
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i > 0)
            text.append(',');
        schema(array.at(i));
    }
    text.append(']');
}

void SchemaText::schemaMap(const QJsonValue &value)
{
    if (!value.isObject()) {
        JsonWriter::append(text, value);
        return;
    }
    const QJsonObject object = value.toObject();
    bool first = true;
    text.append('{');
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isAnnotation(it.key()))
            continue; // a member named like a keyword got one
        appendKey(text, first, it.key());
        schema(it.value()); // a `dependencies` list of names is written as it is
    }
    text.append('}');
}

// Draft 7's keywords that hold schemas are walked as schemas; every other value is data.
void SchemaText::keywordValue(const QString &keyword, const QJsonValue &value,
                              const QJsonObject &object)
{
    if (isOneOf(keyword,
                { u"additionalItems", u"additionalProperties", u"contains", u"propertyNames",
                  u"not", u"if", u"then", u"else" })) {
        schema(value);
    } else if (isOneOf(keyword, { u"items", u"allOf", u"anyOf", u"oneOf" })) {
        schemaList(value);
    } else if (isOneOf(keyword,
                       { u"properties", u"patternProperties", u"definitions", u"dependencies" })) {
        schemaMap(value);
    } else if (const QJsonValue exact = object.value(ExactNumbers::annotationKey(keyword));
               exact.isString() && isOneOf(keyword, { u"enum", u"const" })) {
        text.append(exact.toString().toUtf8());
    } else {
        JsonWriter::append(text, value);
    }
}
