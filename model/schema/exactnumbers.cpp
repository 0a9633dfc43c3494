#include "exactnumbers.h"

#include "json/jsondocument.h"

#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
const QString kPrefix = u"x-hookscope-exact-"_s;

bool anyLossy(const JsonDocument &document)
{
    for (int id = 0; id < document.nodeCount(); ++id) {
        if (document.type(id) == JsonDocument::Type::Number
            && ExactNumbers::isLossy(document.raw(id)))
            return true;
    }
    return false;
}

QString rawText(const JsonDocument &document, int id)
{
    return QString::fromUtf8(document.raw(id));
}

bool hasLossy(const JsonDocument &document, int id)
{
    for (int at = id; at < document.node(id).end; ++at) {
        if (document.type(at) == JsonDocument::Type::Number
            && ExactNumbers::isLossy(document.raw(at)))
            return true;
    }
    return false;
}

// The annotation KEY's value at node ID needs, or Undefined: the value's source text when a
// number in it (anywhere in an enum's or a const's value) is not what its double reads back as.
QJsonValue annotationFor(const JsonDocument &document, QStringView key, int id)
{
    const bool container = document.isContainer(id);
    if (container && key != u"enum" && key != u"const")
        return QJsonValue(QJsonValue::Undefined);
    return hasLossy(document, id) ? QJsonValue(rawText(document, id))
                                  : QJsonValue(QJsonValue::Undefined);
}

QJsonValue annotated(const JsonDocument &document, int id, QJsonValue value)
{
    if (document.type(id) == JsonDocument::Type::Array) {
        QJsonArray array = value.toArray();
        int index = 0;
        for (int item = document.firstChild(id); item >= 0 && index < array.size();
             item = document.nextSibling(item), ++index) {
            if (document.isContainer(item))
                array[index] = annotated(document, item, array.at(index));
        }
        return array;
    }
    if (document.type(id) != JsonDocument::Type::Object)
        return value;
    QJsonObject object = value.toObject();
    for (int member = document.firstChild(id); member >= 0; member = document.nextSibling(member)) {
        const QString key = document.key(member);
        if (document.member(id, document.keyUtf8(member)) != member)
            continue; // an earlier duplicate: Qt kept the last
        const QJsonValue exact = ExactNumbers::isNumericKeyword(key)
            ? annotationFor(document, key, member)
            : QJsonValue(QJsonValue::Undefined);
        if (exact.isString())
            object[ExactNumbers::annotationKey(key)] = exact; // an enum's values stay data
        else if (document.isContainer(member))
            object[key] = annotated(document, member, object.value(key));
    }
    return object;
}
} // namespace

bool ExactNumbers::isNumericKeyword(QStringView keyword)
{
    return keyword == u"minimum" || keyword == u"maximum" || keyword == u"exclusiveMinimum"
        || keyword == u"exclusiveMaximum" || keyword == u"multipleOf" || keyword == u"const"
        || keyword == u"enum";
}

QString ExactNumbers::annotationKey(QStringView keyword)
{
    return kPrefix + keyword;
}

bool ExactNumbers::isLossy(QByteArrayView text)
{
    const std::optional<JsonNumber> number = JsonNumber::fromText(text);
    return number && !number->fitsDouble();
}

// Qt keeps an integer that fits 64 bits as one; anything else is a double, written shortest.
QString ExactNumbers::textOf(const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return QString::number(variant.toLongLong());
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return QString();
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, d);
    return error == std::errc() ? QString::fromLatin1(buffer, end - buffer) : QString();
}

QJsonValue ExactNumbers::annotate(const QJsonValue &root, const QByteArray &source)
{
    const JsonDocument document = JsonDocument::parse(source);
    if (!document.isValid() || !anyLossy(document))
        return root;
    return annotated(document, 0, root);
}
