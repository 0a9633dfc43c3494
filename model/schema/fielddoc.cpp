#include "fielddoc.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

QString FieldDoc::jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: wrap it so QJsonDocument writes it exactly as JSON would (quotes, escapes).
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString FieldDoc::typeText() const
{
    QStringList named;
    for (const QString &type : types) {
        if (type != u"null"_s)
            named.append(type);
    }
    QString text = hasEnum ? u"enum"_s : named.join(u" or "_s);
    if (!format.isEmpty())
        text = text.isEmpty() ? format : u"%1 (%2)"_s.arg(text, format);
    if (nullable())
        text = text.isEmpty() ? u"null"_s : text + u" or null"_s;
    return text;
}

QString FieldDoc::text(const QJsonValue &current) const
{
    if (!hasSchema)
        return {};
    if (!documented)
        return u"Not documented by the event's schema."_s;
    QStringList lines;
    const QString type = typeText();
    QString head = type.isEmpty() ? u"any type"_s : type;
    if (!title.isEmpty())
        head += u" (%1)"_s.arg(title);
    head += required ? u", required"_s : u", optional"_s;
    if (deprecated)
        head += u", deprecated"_s;
    lines.append(head);
    if (!description.isEmpty())
        lines.append(description);
    if (hasEnum) {
        QStringList values;
        for (const QJsonValue &value : enumValues)
            values.append((value == current ? u"▸ "_s : QString()) + jsonText(value));
        lines.append(u"Allowed: "_s + values.join(u", "_s));
    }
    for (const QJsonValue &example : examples)
        lines.append(u"Example: "_s + jsonText(example));
    if (!defaultValue.isUndefined())
        lines.append(u"Default: "_s + jsonText(defaultValue));
    return lines.join(u'\n');
}
