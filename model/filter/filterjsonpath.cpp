#include "filterjsonpath.h"

#include "filtervalue.h"
#include "json/jsonprettyprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
void appendChildren(const QJsonValue &value, QList<QJsonValue> &out)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            out.append(element);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            out.append(it.value());
    }
}

void appendStep(const QJsonValue &value, const JsonPathStep &step, QList<QJsonValue> &out)
{
    if (step.kind == JsonPathStep::Kind::Any) {
        appendChildren(value, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const auto found = object.constFind(step.key);
        if (found != object.constEnd())
            out.append(found.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const qsizetype index = FilterJsonPath::arrayIndex(step, array.size());
        if (index >= 0)
            out.append(array.at(index));
    }
}
void appendStep(const JsonDocument &document, int id, const JsonPathStep &step, QList<int> &out)
{
    const bool object = document.type(id) == JsonDocument::Type::Object;
    if (step.kind == JsonPathStep::Kind::Any || (object && step.kind == JsonPathStep::Kind::Key)) {
        const QByteArray name = step.key.toUtf8();
        for (int child = document.firstChild(id); child >= 0; child = document.nextSibling(child)) {
            if (step.kind == JsonPathStep::Kind::Any || document.keyUtf8(child) == name)
                out.append(child);
        }
    } else if (document.type(id) == JsonDocument::Type::Array) {
        const qsizetype index = FilterJsonPath::arrayIndex(step, document.node(id).count);
        if (index >= 0)
            out.append(document.element(id, int(index)));
    } else if (object && step.kind == JsonPathStep::Kind::Index) {
        const int found = document.member(id, QByteArray::number(step.index));
        if (found >= 0)
            out.append(found);
    }
}
} // namespace

QList<int> FilterJsonPath::resolve(const JsonDocument &document, const QList<JsonPathStep> &path)
{
    if (!document.isValid())
        return {};
    QList<int> current { 0 };
    for (const JsonPathStep &step : path) {
        QList<int> next;
        for (int id : std::as_const(current))
            appendStep(document, id, step, next);
        current.swap(next);
        if (current.isEmpty())
            break;
    }
    return current;
}

QString FilterJsonPath::text(const JsonDocument &document, int id)
{
    if (document.type(id) == JsonDocument::Type::String)
        return document.string(id);
    if (document.isContainer(id))
        return QString::fromUtf8(JsonPrettyPrinter::print(document, id, 0));
    return QString::fromUtf8(document.raw(id));
}

QList<QJsonValue> FilterJsonPath::resolve(const QJsonValue &root, const QList<JsonPathStep> &path)
{
    QList<QJsonValue> current { root };
    for (const JsonPathStep &step : path) {
        QList<QJsonValue> next;
        for (const QJsonValue &value : std::as_const(current))
            appendStep(value, step, next);
        current.swap(next);
        if (current.isEmpty())
            break;
    }
    return current;
}

qsizetype FilterJsonPath::arrayIndex(const JsonPathStep &step, qsizetype size)
{
    qsizetype index = -1;
    if (step.kind == JsonPathStep::Kind::Index) {
        index = step.index < 0 ? size + step.index : step.index;
    } else if (step.kind == JsonPathStep::Kind::Key && !step.key.isEmpty()) {
        bool ok = false;
        index = step.key.toLongLong(&ok);
        if (!ok)
            return -1;
    }
    return index >= 0 && index < size ? index : -1;
}

QString FilterJsonPath::text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return FilterCompare::numberText(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}
