#include "signer.h"

#include "secretset.h"
#include "signaturecrypto.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QByteArray hexHmac(QCryptographicHash::Algorithm algorithm, const QByteArray &secret,
                   const QByteArray &content)
{
    return SignatureCrypto::hmac(algorithm, secret, content).toHex();
}

SigningResult signSolaris(const Event &event, const QByteArray &secret)
{
    QByteArray name = "sha256"_ba;
    const QByteArray existing = event.headerValue("Solaris-Webhook-Signature").trimmed();
    const qsizetype equals = existing.indexOf('=');
    auto algorithm =
        equals > 0 ? SignatureCrypto::algorithmFromName(existing.left(equals)) : std::nullopt;
    if (algorithm)
        name = existing.left(equals);
    else
        algorithm = QCryptographicHash::Sha256;
    return { { { "Solaris-Webhook-Signature"_ba,
                 name + '=' + hexHmac(*algorithm, secret, event.body) } },
             {} };
}

SigningResult signStandard(const Event &event, const QByteArray &secret, qint64 nowSecs)
{
    const auto key = SignatureCrypto::standardWebhooksKey(secret);
    if (!key)
        return { {}, u"a Standard Webhooks secret is \"whsec_\" followed by base64"_s };
    const bool svix = !event.hasHeader("webhook-id")
        && (event.hasHeader("svix-id") || event.hasHeader("svix-signature"));
    const QByteArray family = svix ? "svix-"_ba : "webhook-"_ba;
    const QByteArray idName = family + "id"_ba;
    QByteArray id = event.headerValue(idName);
    if (id.isEmpty())
        id = "msg_"_ba + QUuid::createUuid().toByteArray(QUuid::Id128);
    const QByteArray timestamp = QByteArray::number(nowSecs);
    const QByteArray content = id + '.' + timestamp + '.' + event.body;
    const QByteArray signature =
        SignatureCrypto::hmac(QCryptographicHash::Sha256, *key, content).toBase64();
    return { { { idName, id },
               { QByteArray(family + "timestamp"), timestamp },
               { QByteArray(family + "signature"), QByteArray("v1," + signature) } },
             {} };
}

SigningResult signStripe(const Event &event, const QByteArray &secret, qint64 nowSecs)
{
    const QByteArray timestamp = QByteArray::number(nowSecs);
    const QByteArray digest =
        hexHmac(QCryptographicHash::Sha256, secret, timestamp + '.' + event.body);
    return { { { "Stripe-Signature"_ba, "t="_ba + timestamp + ",v1=" + digest } }, {} };
}

SigningResult signGithub(const Event &event, const QByteArray &secret)
{
    return { { { "X-Hub-Signature-256"_ba,
                 "sha256="_ba + hexHmac(QCryptographicHash::Sha256, secret, event.body) },
               { "X-Hub-Signature"_ba,
                 "sha1="_ba + hexHmac(QCryptographicHash::Sha1, secret, event.body) } },
             {} };
}

SigningResult signPreset(const Event &event, const QByteArray &secret)
{
    for (const HmacConfig &config : HmacConfig::presets()) {
        if (event.hasHeader(config.header))
            return signatureHeaders(event, config, secret);
    }
    return { {},
             u"the event carries no header of a known HMAC preset; give the generic HMAC "
             "configuration (header, encoding, algorithm, template)"_s };
}

} // namespace

SigningResult signatureHeaders(const Event &event, const QString &schemeName,
                               const QByteArray &secret, qint64 nowSecs)
{
    if (secret.isEmpty())
        return { {}, u"the secret is empty"_s };
    const QString scheme = SecretSet::canonicalScheme(schemeName).value_or(QString());
    if (scheme == u"solaris")
        return signSolaris(event, secret);
    if (scheme == u"standard")
        return signStandard(event, secret, nowSecs);
    if (scheme == u"stripe")
        return signStripe(event, secret, nowSecs);
    if (scheme == u"github")
        return signGithub(event, secret);
    if (scheme == u"hmac")
        return signPreset(event, secret);
    return { {},
             u"unknown scheme \"%1\" (known: %2)"_s.arg(schemeName,
                                                        SecretSet::schemes().join(u", "_s)) };
}

SigningResult signatureHeaders(const Event &event, const HmacConfig &config,
                               const QByteArray &secret)
{
    if (secret.isEmpty())
        return { {}, u"the secret is empty"_s };
    if (auto error = config.error())
        return { {}, *error };
    const auto content = config.signedContent(event);
    if (const QString *error = std::get_if<QString>(&content))
        return { {}, *error };
    const QByteArray digest =
        SignatureCrypto::hmac(config.algorithm, secret, std::get<QByteArray>(content));
    return { { { config.header, config.prefix + config.encode(digest) } }, {} };
}

HeaderList withHeaders(const HeaderList &headers, const HeaderList &replacements)
{
    HeaderList result;
    QList<bool> used(replacements.size(), false);
    for (const auto &header : headers) {
        qsizetype match = -1;
        for (qsizetype i = 0; i < replacements.size() && match < 0; ++i) {
            if (header.first.compare(replacements.at(i).first, Qt::CaseInsensitive) == 0)
                match = i;
        }
        if (match < 0) {
            result.append(header);
        } else if (!used.at(match)) {
            result.append(replacements.at(match));
            used[match] = true;
        }
    }
    for (qsizetype i = 0; i < replacements.size(); ++i) {
        if (!used.at(i))
            result.append(replacements.at(i));
    }
    return result;
}
