#pragma once

#include "event.h"
#include "eventanalysis.h"

#include <QString>

// The compact per-event record the table keeps in memory: everything a row shows, sorts and
// filters on without touching the body. Bodies stay in the session store. Strings that repeat
// across events (method, event type, remote) are shared through StringPool.
struct EventSummary
{
    qint64 seq = 0;
    qint64 receivedAtMs = 0;
    QString method;
    QString target;
    QString eventType;
    QString remote;
    QString contentType; // the Content-Type header as sent; empty: none
    quint32 bodySize = 0;
    quint16 status = 0;
    quint16 errorCount = 0;
    quint16 warningCount = 0;
    quint16 attempt = 0; // a sender's delivery attempt (Solaris-Webhook-Attempt); 0: not said
    ClassifiedBy classifiedBy = ClassifiedBy::None;
    SignatureState signature = SignatureState::NotChecked;
    BodyKind bodyKind = BodyKind::Empty;
    Origin origin = Origin::Live;
    bool schemaChecked = false;

    Verdict verdict() const { return verdictOf(bodyKind, schemaChecked, errorCount); }
    // What the table's Validity column and headless lines say: "valid", "2 errors, 1 warning",
    // "no schema", or what the body is when it is not JSON ("empty", "binary", "invalid JSON").
    QString validityText() const;

    static EventSummary from(const Event &event, const EventAnalysis &analysis);
    // The attempt number a sender puts in a header named "Attempt" or ending in "-Attempt"
    // (Solaris-Webhook-Attempt, X-Webhook-Attempt); 0 when there is none or it is no number.
    static quint16 attemptOf(const HeaderList &headers);
};

Q_DECLARE_METATYPE(EventSummary)
