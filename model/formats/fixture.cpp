#include "fixture.h"

#include "jsontext.h"
#include "redaction.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Fixture {

namespace {

QByteArray jsonString(const QString &text)
{
    return JsonText::quote(text.toUtf8());
}

std::optional<QByteArray> decodeBase64(const QString &text)
{
    const auto result =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded;
}

// Reads one of KEY (text) or KEY + "Base64"; returns false with a reason when neither works.
bool readPart(const QJsonObject &object, const QString &key, QByteArray *out, QString *error)
{
    if (object.value(key).isString()) {
        *out = object.value(key).toString().toUtf8();
        return true;
    }
    if (object.value(key + u"Base64"_s).isString()) {
        const auto decoded = decodeBase64(object.value(key + u"Base64"_s).toString());
        if (decoded) {
            *out = *decoded;
            return true;
        }
        *error = u"\"%1Base64\" is not valid base64"_s.arg(key);
        return false;
    }
    *error = u"needs a string \"%1\" or \"%1Base64\""_s.arg(key);
    return false;
}

std::optional<QPair<QByteArray, QByteArray>> readHeader(const QJsonValue &value, QString *error)
{
    if (value.isArray()) {
        const QJsonArray pair = value.toArray();
        if (pair.size() == 2 && pair.at(0).isString() && pair.at(1).isString())
            return qMakePair(pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8());
        *error = u"expected [name, value] with two strings"_s;
        return std::nullopt;
    }
    if (value.isObject()) {
        QByteArray name, headerValue;
        if (readPart(value.toObject(), u"name"_s, &name, error)
            && readPart(value.toObject(), u"value"_s, &headerValue, error))
            return qMakePair(name, headerValue);
        return std::nullopt;
    }
    *error = u"expected [name, value] or {\"name\", \"value\"}"_s;
    return std::nullopt;
}

QString readHeaders(const QJsonValue &value, HeaderList *headers)
{
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        return u"\"headers\" must be an array"_s;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString error;
        const auto header = readHeader(array.at(i), &error);
        if (!header)
            return u"\"headers\"[%1]: %2"_s.arg(i).arg(error);
        headers->append(*header);
    }
    return {};
}

QString readBody(const QJsonObject &object, QByteArray *body)
{
    const QJsonValue value = object.value(u"body"_s);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString())
        return u"\"body\" must be a string"_s;
    const QString encoding = object.value(u"bodyEncoding"_s).toString(u"utf-8"_s);
    if (encoding == u"utf-8"_s || encoding == u"text"_s) {
        *body = value.toString().toUtf8();
        return {};
    }
    if (encoding != u"base64"_s)
        return u"\"bodyEncoding\" must be \"utf-8\" or \"base64\", not \"%1\""_s.arg(encoding);
    const auto decoded = decodeBase64(value.toString());
    if (!decoded)
        return u"\"body\" is not valid base64 (\"bodyEncoding\" is \"base64\")"_s;
    *body = *decoded;
    return {};
}

QString readRequired(const QJsonObject &object, const QString &key, QByteArray *out)
{
    QString error;
    if (!readPart(object, key, out, &error))
        return error;
    if (out->isEmpty())
        return u"\"%1\" must not be empty"_s.arg(key);
    return {};
}

QString readMeta(const QJsonObject &object, Loaded *loaded)
{
    const QJsonValue eventType = object.value(u"eventType"_s);
    if (!eventType.isUndefined() && !eventType.isNull() && !eventType.isString())
        return u"\"eventType\" must be a string"_s;
    loaded->eventType = eventType.toString();
    const QJsonValue receivedAt = object.value(u"receivedAt"_s);
    if (!receivedAt.isUndefined()) {
        const auto ms = parseIsoTime(receivedAt.toString());
        if (!ms)
            return u"\"receivedAt\" must be an ISO-8601 time such as 2024-05-01T12:00:00.000Z"_s;
        loaded->event.receivedAtMs = *ms;
        loaded->hasTime = true;
    }
    const QJsonValue seq = object.value(u"seq"_s);
    if (!seq.isUndefined() && !seq.isDouble())
        return u"\"seq\" must be a number"_s;
    loaded->event.seq = seq.toInteger();
    return {};
}

QString checkVersion(const QJsonObject &object)
{
    const QJsonValue marker = object.value(u"hookscope"_s);
    if (!marker.isDouble())
        return u"\"hookscope\" must be the format version number"_s;
    if (marker.toInteger() != version)
        return u"fixture version %1 is not supported (this build reads version %2)"_s
            .arg(marker.toDouble())
            .arg(version);
    return {};
}

} // namespace

bool isFixture(const QJsonObject &object)
{
    return object.contains(u"hookscope"_s);
}

Loaded fromJson(const QJsonObject &object)
{
    Loaded loaded;
    Event &event = loaded.event;
    event.origin = Origin::Loaded;
    QString error = checkVersion(object);
    if (error.isEmpty())
        error = readRequired(object, u"method"_s, &event.method);
    if (error.isEmpty())
        error = readRequired(object, u"target"_s, &event.target);
    if (error.isEmpty())
        error = readHeaders(object.value(u"headers"_s), &event.headers);
    if (error.isEmpty())
        error = readBody(object, &event.body);
    if (error.isEmpty())
        error = readMeta(object, &loaded);
    loaded.error = error;
    return loaded;
}

QByteArray textOrBase64(const QByteArray &bytes, bool *isBase64)
{
    *isBase64 = !bytes.isValidUtf8();
    return JsonText::quote(*isBase64 ? bytes.toBase64() : bytes);
}

QByteArray headerJson(const QByteArray &name, const QByteArray &value, bool pretty)
{
    bool nameBase64 = false, valueBase64 = false;
    const QByteArray nameJson = textOrBase64(name, &nameBase64);
    const QByteArray valueJson = textOrBase64(value, &valueBase64);
    const QByteArray comma = pretty ? ", "_ba : ","_ba;
    if (!nameBase64 && !valueBase64)
        return '[' + nameJson + comma + valueJson + ']';
    const QByteArray colon = pretty ? ": "_ba : ":"_ba;
    return "{\"name" + QByteArray(nameBase64 ? "Base64" : "") + '"' + colon + nameJson + comma
        + "\"value" + QByteArray(valueBase64 ? "Base64" : "") + '"' + colon + valueJson + '}';
}

Members members(const Event &event, const QString &eventType, bool redact)
{
    Members m;
    m.eventType = jsonString(eventType);
    m.receivedAt = jsonString(isoUtc(event.receivedAtMs));
    bool base64 = false;
    m.method = textOrBase64(event.method, &base64);
    if (base64)
        m.methodKey = "methodBase64";
    m.target = textOrBase64(event.target, &base64);
    if (base64)
        m.targetKey = "targetBase64";
    m.body = textOrBase64(event.body, &base64);
    if (base64)
        m.bodyEncoding = "\"base64\"";
    m.headers = Redaction::headers(event.headers, redact);
    return m;
}

QString isoUtc(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC)
        .toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

std::optional<qint64> parseIsoTime(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

} // namespace Fixture

QByteArray toFixtureJson(const Event &event, const QString &eventType, bool redact)
{
    const Fixture::Members m = Fixture::members(event, eventType, redact);
    QByteArray out = "{\n  \"hookscope\": " + QByteArray::number(Fixture::version) + ",\n";
    out += "  \"eventType\": " + m.eventType + ",\n";
    out += "  \"receivedAt\": " + m.receivedAt + ",\n";
    out += "  \"" + m.methodKey + "\": " + m.method + ",\n";
    out += "  \"" + m.targetKey + "\": " + m.target + ",\n";
    out += "  \"headers\": [";
    for (qsizetype i = 0; i < m.headers.size(); ++i) {
        out += (i == 0 ? "\n    " : ",\n    ")
            + Fixture::headerJson(m.headers[i].first, m.headers[i].second, true);
    }
    out += m.headers.isEmpty() ? "],\n" : "\n  ],\n";
    if (!m.bodyEncoding.isEmpty())
        out += "  \"bodyEncoding\": " + m.bodyEncoding + ",\n";
    out += "  \"body\": " + m.body + "\n}\n";
    return out;
}
