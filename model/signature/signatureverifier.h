#pragma once

#include "secretset.h"

#include "event/event.h"
#include "event/eventanalysis.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Checks an event's signature against the exact raw bytes it arrived with.
//
// Schemes are recognised by their headers, in this order; the first present decides:
//   solaris   Solaris-Webhook-Signature: <alg>=<hex>           HMAC-<alg>(secret, body)
//   standard  webhook-signature (or svix-signature): "v1,<b64> ..." over "{id}.{timestamp}.{body}"
//   stripe    Stripe-Signature: t=<ts>,v1=<hex>[,v1=...]      over "{t}.{body}"
//   github    X-Hub-Signature-256: sha256=<hex>, else the legacy X-Hub-Signature: sha1=<hex>
//   hmac      the secret set's generic HMAC configurations, then HmacConfig::presets()
// Several candidate secrets are tried (SecretSet::candidates); several signatures in one header
// (key rotation) each count. A signature that matches but whose timestamp lies more than the
// tolerance before or after now is Stale. Digests are compared in constant time.
//
// Const and free of shared mutable state: one instance may serve several threads.
class SignatureVerifier
{
public:
    explicit SignatureVerifier(SecretSet secrets = {}, qint64 toleranceSecs = 300);

    // eventType selects per-event-type secrets; a trailing '?' (inferred type) is ignored.
    // nowSecs is the moment timestamps are judged against: for a captured event its arrival
    // time (receivedAtMs / 1000), so that reopening an old session does not make it stale.
    SignatureCheck verify(const Event &event, const QString &eventType, qint64 nowSecs) const;

    const SecretSet &secrets() const { return m_secrets; }
    qint64 toleranceSecs() const { return m_toleranceSecs; }
    // The generic HMAC schemes checked: the secret set's own, then the presets.
    const QList<HmacConfig> &hmacConfigs() const { return m_hmacConfigs; }

private:
    SignatureCheck verifySolaris(const Event &event, const QString &eventType) const;
    SignatureCheck verifyStandard(const Event &event, const QByteArray &family,
                                  const QString &eventType, qint64 nowSecs) const;
    SignatureCheck verifyStripe(const Event &event, const QString &eventType, qint64 nowSecs) const;
    SignatureCheck verifyGithub(const Event &event, const QByteArray &header,
                                const QString &eventType) const;
    SignatureCheck verifyHmac(const Event &event, const HmacConfig &config,
                              const QString &eventType) const;
    SignatureCheck unsignedCheck(const Event &event, const QString &eventType) const;
    SignatureCheck staleness(SignatureCheck check, qint64 timestamp, qint64 nowSecs) const;

    SecretSet m_secrets;
    qint64 m_toleranceSecs;
    QList<HmacConfig> m_hmacConfigs;
    QString m_unsignedDetail; // the same for every unsigned event: built once, not per event
};
