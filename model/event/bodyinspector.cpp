#include "bodyinspector.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {
bool looksLikeJson(const QByteArray &body)
{
    for (char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[' || c == '"';
    }
    return false;
}

// A bare number, true, false or null (RFC 8259 allows any value as the whole text): JSON only
// if it parses, text otherwise.
bool looksLikeScalar(const QByteArray &body)
{
    for (char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        // The parse that decides stops at the first byte that is not JSON.
        return c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }
    return false;
}

constexpr QByteArrayView utf8Bom = "\xEF\xBB\xBF";

qsizetype firstNonSpace(const QByteArray &bytes, qsizetype from)
{
    qsizetype i = from;
    while (i < bytes.size()
           && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        ++i;
    return i;
}
} // namespace

bool BodyInspector::isText(const QByteArray &bytes)
{
    for (unsigned char c : bytes) {
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
            return false;
        if (c == 0x7f)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

bool BodyInspector::declaresJson(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = (semicolon < 0 ? contentType : contentType.first(semicolon))
                                .trimmed()
                                .toByteArray()
                                .toLower();
    return type == "application/json" || type == "text/json" || type.endsWith("+json");
}

BodyInspection BodyInspector::inspectDocument(const QByteArray &body, QByteArrayView contentType)
{
    BodyInspection result;
    if (body.isEmpty())
        return result;
    const bool declared = declaresJson(contentType);
    result.declaredJson = declared;
    const bool structured = looksLikeJson(body);
    if (declared || structured || looksLikeScalar(body)) {
        auto document = std::make_shared<JsonDocument>(JsonDocument::parse(body));
        if (document->isValid()) {
            result.kind = BodyKind::Json;
            result.scalarRoot = !document->isContainer(0);
            result.document = std::move(document);
            return result;
        }
        if (declared || structured) {
            // Random bytes sent as octet-stream that happen to start with '"' are binary, not
            // broken JSON; so are a PNG's bytes sent as JSON (the Analyzer still fails them as
            // declared JSON).
            if (!(declared && structured) && !isText(body)) {
                result.kind = BodyKind::Binary;
                return result;
            }
            result.kind = BodyKind::InvalidJson;
            result.parseError = document->error().message;
            result.parseErrorOffset = document->error().offset;
            return result;
        }
    }
    // A 10 MB text body costs no parse attempt; "42 apples" is text, not broken JSON.
    result.kind = isText(body) ? BodyKind::Text : BodyKind::Binary;
    return result;
}

BodyInspection BodyInspector::inspect(const Event &event)
{
    return inspect(event.body, event.headerValue("Content-Type"));
}

BodyInspection BodyInspector::inspect(const QByteArray &body, QByteArrayView contentType)
{
    BodyInspection result = inspectDocument(body, contentType);
    if (result.kind == BodyKind::Json && !result.scalarRoot)
        result.json = QJsonDocument::fromJson(body);
    return result;
}

QJsonDocument BodyInspector::parse(const QByteArray &bytes, QJsonParseError *error, bool *scalar)
{
    if (scalar)
        *scalar = false;
    const qsizetype bom = bytes.startsWith(utf8Bom) ? utf8Bom.size() : 0;
    const qsizetype start = firstNonSpace(bytes, bom);
    if (start < bytes.size() && (bytes[start] == '{' || bytes[start] == '['))
        return QJsonDocument::fromJson(bytes, error);
    // A bare scalar parses as the only element of an array around it; offsets are the body's.
    const QByteArray wrapped = '[' + bytes.sliced(bom) + ']';
    QJsonDocument document = QJsonDocument::fromJson(wrapped, error);
    if (error->error == QJsonParseError::NoError && document.array().size() != 1) {
        error->error = QJsonParseError::IllegalValue; // "" or "1,2": not one JSON value
        error->offset = int(start);
        return {};
    }
    if (error->error != QJsonParseError::NoError) {
        error->offset = qBound(0, error->offset - 1 + int(bom), int(bytes.size()));
        return {};
    }
    if (scalar)
        *scalar = true;
    return document;
}

QJsonValue BodyInspection::root() const
{
    if (json.isObject())
        return json.object();
    if (json.isArray())
        return json.array();
    if (document)
        return document->toQJsonValue();
    return QJsonValue(QJsonValue::Undefined);
}
