#include "jsonwriter.h"

#include "exactnumbers.h"

#include <QJsonArray>
#include <QJsonObject>

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (char c : text.toUtf8()) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (uchar(c) < 0x20) {
            out.append("\\u00").append(hex[uchar(c) >> 4]).append(hex[uchar(c) & 15]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

void JsonWriter::append(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double: {
        const QString text = ExactNumbers::textOf(value);
        out.append(text.isEmpty() ? QByteArray("null") : text.toLatin1());
        return;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out.append(',');
            append(out, array.at(i));
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        out.append('{');
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it != object.begin())
                out.append(',');
            appendString(out, it.key());
            out.append(':');
            append(out, it.value());
        }
        out.append('}');
        return;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    out.append("null");
}

QByteArray JsonWriter::write(const QJsonValue &value)
{
    QByteArray out;
    append(out, value);
    return out;
}
