#pragma once

#include "event/event.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUrl>

// What came of sending one event to a target: the target's answer, or why there was none.
// Kept with the event (replay) or shown per event (live forward).
struct DeliveryResult
{
    QUrl target;
    int status = 0; // 0 when no response was received
    QByteArray reason; // the status line's reason phrase
    HeaderList headers; // response headers, as received
    QByteArray body; // response body, at most the client's cap
    bool truncated = false; // the body was longer than the cap; the rest was not read
    qint64 elapsedMs = 0; // from starting to connect to the end of the response (or the error)
    QString error; // names the target and the reason; empty when a response arrived
    qint64 seq = 0; // the event's sequence number
    qint64 at = 0; // when sending started, UTC ms since the epoch
    QString kind; // "replay" or "forward", as kept with the event

    bool ok() const { return error.isEmpty(); }
};

Q_DECLARE_METATYPE(DeliveryResult)
