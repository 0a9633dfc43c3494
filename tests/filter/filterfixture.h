#pragma once

#include "event/event.h"
#include "event/eventsummary.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>

// Two events the filter tests evaluate against.
// "a": a signed, schema-invalid Solaris-style POST with a JSON body
// (tests/data/filter/booking.json). "b": a loaded GET without headers or body, just before midnight
// UTC.
namespace FilterFixture {

inline qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

inline QByteArray bookingBody()
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/filter/booking.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read booking.json");
    return file.readAll();
}

inline Event eventA()
{
    Event event;
    event.seq = 7;
    event.receivedAtMs = utcMs("2026-11-22T10:15:30.250Z");
    event.method = "POST";
    event.target = "/hooks/identification?attempt=2";
    event.headers = {
        { "Content-Type", "application/json" },
        { "Solaris-Webhook-Event-Type", "IDENTIFICATION" },
        { "Solaris-Webhook-Attempt", "3" },
        { "Solaris-Webhook-Signature", "sha256=abc" },
        { "X-Dup", "one" },
        { "x-dup", "two" },
        { "X-Name", "J\xc3\xbcrgen" },
    };
    event.body = bookingBody();
    event.remote = QStringLiteral("127.0.0.1:50000");
    event.response.status = 200;
    return event;
}

inline EventSummary summaryA(const Event &event)
{
    EventSummary summary;
    summary.seq = event.seq;
    summary.receivedAtMs = event.receivedAtMs;
    summary.method = QString::fromLatin1(event.method);
    summary.target = QString::fromUtf8(event.target);
    summary.eventType = QStringLiteral("IDENTIFICATION");
    summary.remote = event.remote;
    summary.bodySize = quint32(event.body.size());
    summary.status = 200;
    summary.errorCount = 1;
    summary.warningCount = 2;
    summary.classifiedBy = ClassifiedBy::Header;
    summary.signature = SignatureState::Invalid;
    summary.bodyKind = BodyKind::Json;
    summary.origin = Origin::Live;
    return summary;
}

inline Event eventB()
{
    Event event;
    event.seq = 8;
    event.receivedAtMs = utcMs("2026-11-21T23:59:59.000Z");
    event.method = "GET";
    event.target = "/health";
    event.response.status = 404;
    event.origin = Origin::Loaded;
    return event;
}

inline EventSummary summaryB(const Event &event)
{
    EventSummary summary;
    summary.seq = event.seq;
    summary.receivedAtMs = event.receivedAtMs;
    summary.method = QString::fromLatin1(event.method);
    summary.target = QString::fromUtf8(event.target);
    summary.status = 404;
    summary.signature = SignatureState::Unsigned;
    summary.bodyKind = BodyKind::Empty;
    summary.origin = Origin::Loaded;
    return summary;
}

} // namespace FilterFixture
