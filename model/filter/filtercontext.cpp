#include "filtercontext.h"

const JsonDocument *FilterContext::document()
{
    if (!m_event)
        return nullptr;
    if (!m_document)
        m_document = JsonDocument::parse(m_event->body);
    return m_document->isValid() ? &*m_document : nullptr;
}

std::optional<QList<QJsonValue>> FilterContext::readValues(const JsonPathReader &reader)
{
    if (!m_event)
        return QList<QJsonValue>();
    if (m_document)
        return std::nullopt;
    return reader.read(m_event->body);
}

QStringView FilterContext::bodyText()
{
    if (!m_bodyText)
        m_bodyText = m_event ? QString::fromUtf8(m_event->body) : QString();
    return *m_bodyText;
}
