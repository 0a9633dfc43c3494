#include "stringpool.h"

QString StringPool::intern(const QString &text)
{
    const auto found = m_strings.constFind(text);
    if (found != m_strings.cend())
        return *found;
    m_strings.insert(text);
    return text;
}
