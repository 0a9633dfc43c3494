#include "event.h"

HeaderList::const_iterator findHeader(const HeaderList &headers, QByteArrayView name)
{
    return std::find_if(headers.cbegin(), headers.cend(), [name](const auto &header) {
        return name.compare(header.first, Qt::CaseInsensitive) == 0;
    });
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    const auto found = findHeader(headers, name);
    return found == headers.cend() ? QByteArray() : found->second;
}

QByteArray Event::headerValue(QByteArrayView name) const
{
    return ::headerValue(headers, name);
}

bool Event::hasHeader(QByteArrayView name) const
{
    return findHeader(headers, name) != headers.cend();
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
