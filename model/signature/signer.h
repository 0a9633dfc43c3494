#pragma once

#include "hmacconfig.h"

#include "event/event.h"

#include <QByteArray>
#include <QString>

// Re-signing for replay: the headers a scheme's sender would put on this event's exact body.
struct SigningResult
{
    HeaderList headers; // to set on the request (see withHeaders); empty on error
    QString error; // why nothing could be signed (unknown scheme, unusable secret, ...)

    bool ok() const { return error.isEmpty(); }
};

// scheme: "solaris" (algorithm kept from the event's own Solaris-Webhook-Signature prefix when
// known, else sha256), "standard" (a fresh timestamp; the event's webhook-id or svix-id kept, else
// a fresh "msg_" id; svix- names when the event used them), "stripe" (t=nowSecs), "github"
// (X-Hub-Signature-256 and the legacy X-Hub-Signature, as GitHub sends both), "hmac" (the first
// HmacConfig::presets() entry whose header the event carries; use the HmacConfig overload for
// any other). Aliases as in SecretSet::canonicalScheme.
SigningResult signatureHeaders(const Event &event, const QString &scheme, const QByteArray &secret,
                               qint64 nowSecs);
SigningResult signatureHeaders(const Event &event, const HmacConfig &config,
                               const QByteArray &secret);

// headers with each replacement put in place of the first header of the same name
// (case-insensitive; later duplicates dropped), or appended when there was none.
HeaderList withHeaders(const HeaderList &headers, const HeaderList &replacements);
