#pragma once

#include "event/event.h"

// Hides secrets before an event leaves the app (copy, export): signature headers, credentials
// and cookies keep their name and position, their value becomes "[redacted]".
class Redaction
{
public:
    static QByteArray placeholder();
    static bool isSecretHeader(QByteArrayView name);
    static HeaderList apply(const HeaderList &headers);
    // apply() when enabled, the headers unchanged otherwise.
    static HeaderList headers(const HeaderList &headers, bool enabled)
    {
        return enabled ? apply(headers) : headers;
    }
};
