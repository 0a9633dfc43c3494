#include "jsonpointer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

QString JsonPointer::escape(const QString &token)
{
    if (!token.contains(u'~') && !token.contains(u'/')) {
        return token;
    }
    QString escaped = token;
    escaped.replace(u"~"_s, u"~0"_s);
    escaped.replace(u"/"_s, u"~1"_s);
    return escaped;
}

QString JsonPointer::unescape(QStringView token)
{
    QString plain = token.toString();
    plain.replace(u"~1"_s, u"/"_s);
    plain.replace(u"~0"_s, u"~"_s);
    return plain;
}

QString JsonPointer::append(const QString &pointer, const QString &token)
{
    return pointer % u'/' % escape(token);
}

QString JsonPointer::append(const QString &pointer, qsizetype index)
{
    return pointer % u'/' % QString::number(index);
}

std::optional<QStringList> JsonPointer::split(const QString &pointer)
{
    if (pointer.isEmpty()) {
        return QStringList();
    }
    if (!pointer.startsWith(u'/')) {
        return std::nullopt;
    }
    QStringList tokens;
    const auto parts = QStringView(pointer).mid(1).split(u'/');
    tokens.reserve(parts.size());
    for (const QStringView part : parts) {
        tokens.append(unescape(part));
    }
    return tokens;
}

std::optional<QJsonValue> JsonPointer::resolve(const QJsonValue &root, const QString &pointer)
{
    const std::optional<QStringList> tokens = split(pointer);
    if (!tokens) {
        return std::nullopt;
    }
    QJsonValue current = root;
    for (const QString &token : *tokens) {
        if (current.isObject() && current.toObject().contains(token)) {
            current = current.toObject().value(token);
            continue;
        }
        bool isIndex = false;
        const int index = token.toInt(&isIndex);
        if (!current.isArray() || !isIndex || index < 0 || index >= current.toArray().size()) {
            return std::nullopt;
        }
        current = current.toArray().at(index);
    }
    return current;
}

std::optional<QString> JsonPointer::fromUriFragment(const QString &ref)
{
    if (!ref.startsWith(u'#')) {
        return std::nullopt;
    }
    const QString decoded = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
    if (!decoded.isEmpty() && !decoded.startsWith(u'/')) {
        return std::nullopt; // a plain-name fragment ("#foo") needs $id/$anchor support
    }
    return decoded;
}
