#include "jsondocument.h"

#include "jsonparser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

// QString::fromUtf8 drops a byte order mark at the start; a name or a string sent with one keeps
// it.
QString JsonDocument::decodeUtf8(QByteArrayView utf8)
{
    if (!utf8.startsWith("\xEF\xBB\xBF"))
        return QString::fromUtf8(utf8);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::ConvertInitialBom);
    return decoder(utf8);
}

JsonDocument JsonDocument::parse(const QByteArray &bytes)
{
    JsonDocument document;
    document.m_source = bytes;
    JsonParser(document).run();
    return document;
}

QByteArrayView JsonDocument::raw(int id) const
{
    const Node &n = node(id);
    return QByteArrayView(m_source.constData() + n.begin, n.length);
}

QByteArrayView JsonDocument::rawKey(int id) const
{
    const Node &n = node(id);
    return QByteArrayView(m_source.constData() + n.keyBegin, n.keyLength);
}

QByteArrayView JsonDocument::keyUtf8(int id) const
{
    const Node &n = node(id);
    const char *base = (n.flags & KeyEscaped) ? m_strings.data() : m_source.constData();
    return QByteArrayView(base + n.keyText, n.keyTextLength);
}

QString JsonDocument::key(int id) const
{
    return decodeUtf8(keyUtf8(id));
}

QByteArrayView JsonDocument::stringUtf8(int id) const
{
    const Node &n = node(id);
    const char *base = (n.flags & Escaped) ? m_strings.data() : m_source.constData();
    return QByteArrayView(base + n.text, n.textLength);
}

QString JsonDocument::string(int id) const
{
    return decodeUtf8(stringUtf8(id));
}

JsonNumber JsonDocument::number(int id) const
{
    return JsonNumber::fromText(raw(id)).value_or(JsonNumber());
}

QString JsonDocument::typeName(int id) const
{
    switch (type(id)) {
    case Type::Null:
        return u"null"_s;
    case Type::Bool:
        return u"boolean"_s;
    case Type::Number:
        return number(id).isInteger() ? u"integer"_s : u"number"_s;
    case Type::String:
        return u"string"_s;
    case Type::Array:
        return u"array"_s;
    case Type::Object:
        return u"object"_s;
    }
    return {};
}

int JsonDocument::firstChild(int id) const
{
    return node(id).count > 0 ? id + 1 : -1;
}

int JsonDocument::nextSibling(int id) const
{
    const Node &n = node(id);
    return n.parent >= 0 && n.end < node(n.parent).end ? n.end : -1;
}

int JsonDocument::member(int object, QByteArrayView name) const
{
    if (type(object) != Type::Object)
        return -1;
    int found = -1;
    for (int child = firstChild(object); child >= 0; child = nextSibling(child)) {
        if (keyUtf8(child) == name)
            found = child;
    }
    return found;
}

int JsonDocument::element(int array, int index) const
{
    if (type(array) != Type::Array || index < 0 || index >= node(array).count)
        return -1;
    int child = firstChild(array);
    for (int i = 0; i < index; ++i)
        child = nextSibling(child);
    return child;
}

QString JsonDocument::pointer(int id) const
{
    QStringList tokens;
    for (int at = id; node(at).parent >= 0; at = node(at).parent) {
        if (isMember(at)) {
            QString token = key(at);
            tokens.prepend(token.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s));
        } else {
            tokens.prepend(QString::number(node(at).row));
        }
    }
    return tokens.isEmpty() ? QString() : u'/' + tokens.join(u'/');
}

int JsonDocument::resolve(QStringView pointer) const
{
    if (!isValid() || (!pointer.isEmpty() && !pointer.startsWith(u'/')))
        return -1;
    int at = 0;
    for (const QStringView part : pointer.mid(1).tokenize(u'/')) {
        if (pointer.isEmpty())
            break;
        QString token = part.toString();
        token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        if (type(at) == Type::Object) {
            at = member(at, token.toUtf8());
        } else {
            bool isIndex = false;
            const int index = token.toInt(&isIndex);
            at = isIndex && !token.startsWith(u'+') ? element(at, index) : -1;
        }
        if (at < 0)
            return -1;
    }
    return at;
}

QJsonValue JsonDocument::toQJsonValue(int id) const
{
    switch (type(id)) {
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return boolean(id);
    case Type::Number: {
        const JsonNumber n = number(id);
        if (const std::optional<qint64> integer = n.toInt64())
            return *integer;
        return n.toDouble();
    }
    case Type::String:
        return string(id);
    case Type::Array: {
        QJsonArray array;
        for (int child = firstChild(id); child >= 0; child = nextSibling(child))
            array.append(toQJsonValue(child));
        return array;
    }
    case Type::Object: {
        QJsonObject object;
        for (int child = firstChild(id); child >= 0; child = nextSibling(child))
            object.insert(key(child), toQJsonValue(child));
        return object;
    }
    }
    return {};
}
