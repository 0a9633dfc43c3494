#pragma once

#include "event/event.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// Reads pasted "Copy as cURL" commands (bash flavour: browsers' and toCurl()'s) back into the
// request curl would send, without running anything. Several commands may follow each other.
// Understood: -X, -H, -d/--data/--data-raw/--data-binary/--data-ascii (several are joined with
// '&', as curl does), -A, -e, -b, -u, -I, --url, a body piped in from printf (`printf '...' |`
// or `{ printf ...; } |`) and read with @-, and flags that do not change the request.
class CurlCommandReader
{
public:
    struct Parsed
    {
        std::optional<Event> event;
        QString error; // when event is empty
        qint64 line = 1; // where the command starts
    };

    static bool looksLikeCurl(QByteArrayView text);
    static QList<Parsed> read(QByteArrayView text);
};
