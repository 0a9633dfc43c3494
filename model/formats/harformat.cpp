#include "harformat.h"

#include "exporters.h"
#include "fixture.h"
#include "httptext.h"
#include "redaction.h"

#include <QBuffer>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Har {

namespace {

// HAR text must be Unicode: bytes that are not UTF-8 are shown as Latin-1 and kept exact in
// the extension field EXACT_KEY.
void putText(QJsonObject &object, const QString &key, const QString &exactKey,
             const QByteArray &bytes)
{
    if (bytes.isValidUtf8()) {
        object.insert(key, QString::fromUtf8(bytes));
        return;
    }
    object.insert(key, QString::fromLatin1(bytes));
    object.insert(exactKey, QString::fromLatin1(bytes.toBase64()));
}

QJsonArray headersJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers) {
        QJsonObject header;
        putText(header, u"name"_s, u"_nameBase64"_s, name);
        putText(header, u"value"_s, u"_valueBase64"_s, value);
        array.append(header);
    }
    return array;
}

QJsonArray queryJson(const QByteArray &query)
{
    QJsonArray array;
    if (query.isEmpty())
        return array;
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        array.append(QJsonObject { { u"name"_s, QString::fromUtf8(name) },
                                   { u"value"_s, QString::fromUtf8(value) } });
    }
    return array;
}

// Body text, or its base64 with ENCODING_KEY set, for content and postData.
void putBody(QJsonObject &object, const QString &encodingKey, const QByteArray &body)
{
    if (body.isValidUtf8()) {
        object.insert(u"text"_s, QString::fromUtf8(body));
        return;
    }
    object.insert(u"text"_s, QString::fromLatin1(body.toBase64()));
    object.insert(encodingKey, u"base64"_s);
}

// HAR's cookie list, parsed from Cookie ("a=1; b=2") or each Set-Cookie ("a=1; Path=/").
QJsonArray cookiesJson(const HeaderList &headers, bool setCookie, bool redact)
{
    const QByteArrayView headerName = setCookie ? "Set-Cookie" : "Cookie";
    QJsonArray cookies;
    for (const auto &[name, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        const QList<QByteArray> pairs =
            !setCookie ? value.split(';') : QList { value.split(';').first() };
        for (const QByteArray &pair : pairs) {
            const qsizetype equals = pair.indexOf('=');
            if (equals <= 0)
                continue;
            const QByteArray cookieValue = redact ? Redaction::placeholder() : pair.mid(equals + 1);
            cookies.append(
                QJsonObject { { u"name"_s, QString::fromUtf8(pair.left(equals).trimmed()) },
                              { u"value"_s, QString::fromUtf8(cookieValue.trimmed()) } });
        }
    }
    return cookies;
}

QString mimeType(const HeaderList &headers)
{
    return QString::fromUtf8(headerValue(headers, "content-type"));
}

QJsonObject requestJson(const Event &event, bool redact)
{
    QJsonObject request {
        { u"method"_s, QString::fromUtf8(event.method) },
        { u"url"_s, urlFor(event) },
        { u"httpVersion"_s, u"HTTP/1.1"_s },
        { u"cookies"_s, cookiesJson(event.headers, false, redact) },
        { u"headers"_s, headersJson(Redaction::headers(event.headers, redact)) },
        { u"queryString"_s, queryJson(event.query()) },
        { u"headersSize"_s, -1 }, // the exact header bytes on the wire are not kept
        { u"bodySize"_s, event.body.size() },
    };
    if (!event.body.isEmpty()) {
        // Only "text": HAR 1.2 makes "text" and "params" mutually exclusive.
        QJsonObject postData { { u"mimeType"_s, mimeType(event.headers) } };
        putBody(postData, u"_encoding"_s, event.body);
        request.insert(u"postData"_s, postData);
    }
    return request;
}

QJsonObject responseJson(const Response &response, bool redact)
{
    QJsonObject content { { u"size"_s, response.body.size() },
                          { u"mimeType"_s, mimeType(response.headers) } };
    putBody(content, u"encoding"_s, response.body);
    return QJsonObject {
        { u"status"_s, response.status },
        { u"statusText"_s, statusText(response.status) },
        { u"httpVersion"_s, u"HTTP/1.1"_s },
        { u"cookies"_s, cookiesJson(response.headers, true, redact) },
        { u"headers"_s, headersJson(Redaction::headers(response.headers, redact)) },
        { u"content"_s, content },
        { u"redirectURL"_s, QString() },
        { u"headersSize"_s, -1 },
        { u"bodySize"_s, response.body.size() },
    };
}

std::optional<QByteArray> readText(const QJsonObject &object, const QString &key,
                                   const QString &exactKey)
{
    if (object.value(exactKey).isString()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            object.value(exactKey).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        return decoded ? std::optional(decoded.decoded) : std::nullopt;
    }
    if (object.value(key).isString())
        return object.value(key).toString().toUtf8();
    return std::nullopt;
}

QString readHeaders(const QJsonValue &value, const QString &where, HeaderList *headers)
{
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        return u"%1 must be an array"_s.arg(where);
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject header = array.at(i).toObject();
        const auto name = readText(header, u"name"_s, u"_nameBase64"_s);
        const auto headerValue = readText(header, u"value"_s, u"_valueBase64"_s);
        if (!name || !headerValue)
            return u"%1[%2] needs string \"name\" and \"value\""_s.arg(where).arg(i);
        if (!name->startsWith(':')) // HTTP/2 pseudo-headers are not header lines
            headers->append({ *name, *headerValue });
    }
    return {};
}

QString readBody(const QJsonValue &value, const QString &where, QByteArray *body)
{
    if (value.isUndefined())
        return {};
    const QJsonObject object = value.toObject();
    const QJsonValue text = object.value(u"text"_s);
    if (text.isUndefined())
        return {};
    if (!text.isString())
        return u"%1.text must be a string"_s.arg(where);
    const QString encoding =
        object.value(u"_encoding"_s).toString(object.value(u"encoding"_s).toString());
    if (encoding != u"base64"_s) {
        *body = text.toString().toUtf8();
        return {};
    }
    const auto decoded = QByteArray::fromBase64Encoding(text.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return u"%1.text is not valid base64"_s.arg(where);
    *body = decoded.decoded;
    return {};
}

QString readRequest(const QJsonObject &request, Event *event)
{
    if (!request.value(u"method"_s).isString() || request.value(u"method"_s).toString().isEmpty())
        return u"request.method must be a non-empty string"_s;
    if (!request.value(u"url"_s).isString())
        return u"request.url must be a string"_s;
    event->method = request.value(u"method"_s).toString().toUtf8();
    event->target = targetOf(request.value(u"url"_s).toString());
    const QString error =
        readHeaders(request.value(u"headers"_s), u"request.headers"_s, &event->headers);
    if (!error.isEmpty())
        return error;
    return readBody(request.value(u"postData"_s), u"request.postData"_s, &event->body);
}

QString readResponse(const QJsonValue &value, Response *response)
{
    if (!value.isObject())
        return {};
    const QJsonObject object = value.toObject();
    response->status = object.value(u"status"_s).toInt(response->status);
    const QString error =
        readHeaders(object.value(u"headers"_s), u"response.headers"_s, &response->headers);
    if (!error.isEmpty())
        return error;
    return readBody(object.value(u"content"_s), u"response.content"_s, &response->body);
}

QString readMeta(const QJsonObject &entry, Loaded *loaded)
{
    const QJsonValue started = entry.value(u"startedDateTime"_s);
    if (!started.isUndefined()) {
        const auto ms = Fixture::parseIsoTime(started.toString());
        if (!ms)
            return u"startedDateTime must be an ISO-8601 time"_s;
        loaded->event.receivedAtMs = *ms;
        loaded->hasTime = true;
    }
    loaded->event.seq = entry.value(u"_seq"_s).toInteger();
    loaded->event.remote = entry.value(u"_remote"_s).toString();
    loaded->eventType = entry.value(u"_eventType"_s).toString();
    return {};
}

} // namespace

QString urlFor(const Event &event)
{
    const QByteArray host = event.headerValue("host");
    const QByteArray target = event.target.startsWith('/') ? event.target : '/' + event.target;
    const QString targetText = target.isValidUtf8()
        ? QString::fromUtf8(target)
        : QString::fromLatin1(target.toPercentEncoding("/?&=:;@!$'()*+,[]~-._"));
    return u"http://"_s + (host.isEmpty() ? u"127.0.0.1"_s : QString::fromUtf8(host)) + targetText;
}

QByteArray targetOf(const QString &url)
{
    const QByteArray bytes = url.toUtf8();
    const qsizetype scheme = bytes.indexOf("://");
    if (scheme < 0 || bytes.startsWith('/'))
        return bytes.isEmpty() ? "/"_ba : bytes;
    const qsizetype pathStart = bytes.indexOf('/', scheme + 3);
    const qsizetype queryStart = bytes.indexOf('?', scheme + 3);
    qsizetype start = pathStart;
    if (start < 0 || (queryStart >= 0 && queryStart < start))
        start = queryStart;
    if (start < 0)
        return "/"_ba;
    QByteArray target = bytes.mid(start);
    const qsizetype fragment = target.indexOf('#');
    if (fragment >= 0)
        target.truncate(fragment);
    return target.startsWith('?') ? '/' + target : target;
}

QString statusText(int status)
{
    switch (status) {
    case 200:
        return u"OK"_s;
    case 201:
        return u"Created"_s;
    case 202:
        return u"Accepted"_s;
    case 204:
        return u"No Content"_s;
    case 301:
        return u"Moved Permanently"_s;
    case 302:
        return u"Found"_s;
    case 304:
        return u"Not Modified"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 408:
        return u"Request Timeout"_s;
    case 409:
        return u"Conflict"_s;
    case 410:
        return u"Gone"_s;
    case 413:
        return u"Content Too Large"_s;
    case 422:
        return u"Unprocessable Content"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 431:
        return u"Request Header Fields Too Large"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return {};
    }
}

QJsonObject entry(const Event &event, const QString &eventType, bool redact)
{
    const int wait = qMax(0, event.response.delayMs);
    QJsonObject object {
        { u"startedDateTime"_s, Fixture::isoUtc(event.receivedAtMs) },
        { u"time"_s, wait },
        { u"request"_s, requestJson(event, redact) },
        { u"response"_s, responseJson(event.response, redact) },
        { u"cache"_s, QJsonObject() },
        { u"timings"_s,
          QJsonObject { { u"blocked"_s, -1 },
                        { u"dns"_s, -1 },
                        { u"connect"_s, -1 },
                        { u"send"_s, 0 },
                        { u"wait"_s, wait },
                        { u"receive"_s, 0 },
                        { u"ssl"_s, -1 } } },
        { u"_seq"_s, event.seq },
    };
    if (!eventType.isEmpty())
        object.insert(u"_eventType"_s, eventType);
    if (!event.remote.isEmpty())
        object.insert(u"_remote"_s, event.remote);
    return object;
}

Loaded fromEntry(const QJsonValue &value)
{
    Loaded loaded;
    loaded.event.origin = Origin::Loaded;
    if (!value.isObject() || !value.toObject().value(u"request"_s).isObject()) {
        loaded.error = u"needs a \"request\" object"_s;
        return loaded;
    }
    const QJsonObject object = value.toObject();
    loaded.error = readRequest(object.value(u"request"_s).toObject(), &loaded.event);
    if (loaded.error.isEmpty())
        loaded.error = readResponse(object.value(u"response"_s), &loaded.event.response);
    if (loaded.error.isEmpty())
        loaded.error = readMeta(object, &loaded);
    return loaded;
}

} // namespace Har

HarWriter::HarWriter(QIODevice *device, bool redact)
    : m_device(device)
    , m_redact(redact)
{ }

bool HarWriter::write(const QByteArray &bytes)
{
    m_ok = m_ok && m_device->write(bytes) == bytes.size();
    return m_ok;
}

bool HarWriter::add(const Event &event, const QString &eventType)
{
    if (!m_started) {
        m_started = true;
        write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Hookscope\",\"version\":"
              "\"" HOOKSCOPE_VERSION "\"},\"entries\":[\n");
    } else {
        write(",\n");
    }
    return write(
        QJsonDocument(Har::entry(event, eventType, m_redact)).toJson(QJsonDocument::Compact));
}

bool HarWriter::finish()
{
    if (!m_started)
        return write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Hookscope\","
                     "\"version\":\"" HOOKSCOPE_VERSION "\"},\"entries\":[]}}\n");
    return write("\n]}}\n");
}

QJsonObject toHarEntry(const Event &event, bool redact)
{
    return Har::entry(event, {}, redact);
}

QByteArray toHarLog(const QList<Event> &events, bool redact)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    HarWriter writer(&buffer, redact);
    for (const Event &event : events)
        writer.add(event);
    writer.finish();
    return bytes;
}
