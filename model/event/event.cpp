#include "event.h"

QByteArray Event::headerValue(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool Event::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (name.compare(header.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray Event::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QByteArray Event::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.mid(question + 1);
}
