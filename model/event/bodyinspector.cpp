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

BodyInspection BodyInspector::inspect(const QByteArray &body)
{
    BodyInspection result;
    if (body.isEmpty())
        return result;
    if (!looksLikeJson(body)) {
        // A 10 MB text body costs no parse attempt.
        result.kind = isText(body) ? BodyKind::Text : BodyKind::Binary;
        return result;
    }
    QJsonParseError error;
    result.json = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        result.kind = BodyKind::Json;
        return result;
    }
    result.kind = BodyKind::InvalidJson;
    result.parseError = error.errorString();
    // Qt 6.4 can place the error past the end (an unterminated string at the end of the body),
    // and a user is shown this offset as a position in the body.
    result.parseErrorOffset = qMin(qint64(error.offset), qint64(body.size()));
    result.json = {};
    return result;
}

QJsonValue BodyInspection::root() const
{
    if (json.isObject())
        return json.object();
    if (json.isArray())
        return json.array();
    return QJsonValue(QJsonValue::Undefined);
}
