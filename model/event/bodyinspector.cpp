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

BodyInspection BodyInspector::inspectDocument(const QByteArray &body)
{
    BodyInspection result;
    if (body.isEmpty())
        return result;
    const bool structured = looksLikeJson(body);
    if (structured || looksLikeScalar(body)) {
        auto document = std::make_shared<JsonDocument>(JsonDocument::parse(body));
        if (document->isValid()) {
            result.kind = BodyKind::Json;
            result.document = std::move(document);
            return result;
        }
        if (structured) {
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

BodyInspection BodyInspector::inspect(const QByteArray &body)
{
    BodyInspection result = inspectDocument(body);
    if (result.kind == BodyKind::Json && result.document->isContainer(0))
        result.json = QJsonDocument::fromJson(body);
    return result;
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
