#include "filtercontext.h"

#include "filterjsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

const QJsonValue *FilterContext::json()
{
    if (!m_event)
        return nullptr;
    if (!m_json)
        m_json = parse(m_event->body);
    return m_json->isUndefined() ? nullptr : &*m_json;
}

QList<QJsonValue> FilterContext::jsonValues(const JsonPathReader &reader)
{
    if (!m_event)
        return {};
    if (!m_json) {
        if (std::optional<QList<QJsonValue>> values = reader.read(m_event->body))
            return *std::move(values);
    }
    const QJsonValue *root = json();
    return root ? FilterJsonPath::resolve(*root, reader.path()) : QList<QJsonValue>();
}

QJsonValue FilterContext::parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    // QJsonDocument (Qt 6.4) refuses a bare scalar body such as 42 or "text", which RFC 8259
    // allows: read it as the only element of an array.
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('{') || trimmed.startsWith('['))
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + trimmed + ']', &error);
    if (error.error != QJsonParseError::NoError || wrapped.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return wrapped.array().at(0);
}

QStringView FilterContext::bodyText()
{
    if (!m_bodyText)
        m_bodyText = m_event ? QString::fromUtf8(m_event->body) : QString();
    return *m_bodyText;
}
