#include "signatureverifier.h"

#include "signaturecrypto.h"

#include <QStringList>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

// One signature header, read: what its digests are computed over and how to compute them.
struct Attempt
{
    QString scheme;
    QString header;
    QString checked; // what was checked, first line of the detail
    QList<QByteArray> received; // decoded digests found in the header
    QString receivedText; // the header value as received
    std::function<std::optional<QByteArray>(const Secret &)> digest; // nullopt: unusable secret
    std::function<QString(const QByteArray &)> show; // a digest as the header would write it
};

SignatureCheck result(SignatureState state, const QString &scheme, const QString &header,
                      const QString &detail)
{
    return SignatureCheck { state, scheme, header, {}, detail };
}

SignatureCheck malformed(const QString &scheme, const QString &header, const QString &why)
{
    return result(SignatureState::Invalid, scheme, header, header % u": malformed: "_s % why);
}

QString bodyDescription(const Event &event)
{
    return u"raw body (%1 bytes)"_s.arg(event.body.size());
}

// Tries every candidate secret against every received digest; the first secret that matches
// any of them wins. Each comparison runs in constant time.
SignatureCheck decide(const Attempt &attempt, const QList<Secret> &candidates)
{
    if (candidates.isEmpty())
        return result(
            SignatureState::NoSecret, attempt.scheme, attempt.header,
            attempt.checked
                % u"\nNo %1 secret configured (--secret %1:SECRET)."_s.arg(attempt.scheme));
    QStringList expected;
    for (const Secret &secret : candidates) {
        const auto digest = attempt.digest(secret);
        if (!digest) {
            expected.append(secret.label % u": secret not usable for this scheme"_s);
            continue;
        }
        bool matched = false;
        for (const QByteArray &received : attempt.received)
            matched = SignatureCrypto::constantTimeEquals(*digest, received) || matched;
        if (matched) {
            SignatureCheck check =
                result(SignatureState::Valid, attempt.scheme, attempt.header,
                       attempt.checked % u"\nMatches secret "_s % secret.label % u'.');
            check.secretLabel = secret.label;
            return check;
        }
        expected.append(secret.label % u": "_s % attempt.show(*digest));
    }
    return result(SignatureState::Invalid, attempt.scheme, attempt.header,
                  attempt.checked % u"\nNo secret matches.\nreceived: "_s % attempt.receivedText
                      % u"\nexpected with "_s % expected.join(u"\nexpected with "_s));
}

std::optional<qint64> parseTimestamp(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 15)
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toByteArray().toLongLong();
}

QString hashTitle(QCryptographicHash::Algorithm algorithm)
{
    return u"HMAC-"_s % SignatureCrypto::algorithmName(algorithm).toUpper();
}

QString headerText(const QByteArray &value)
{
    return QString::fromLatin1(value);
}

// The digests a header lists: those of the version checked, and the names of the others.
struct SignatureList
{
    QList<QByteArray> digests;
    QStringList ignored;
    QByteArray timestamp; // Stripe's t=
};

// "v1,<base64> v1a,<base64> ...": key rotation sends several; only v1 (HMAC) is checked.
SignatureList parseStandardSignatures(const QByteArray &value)
{
    SignatureList list;
    for (const QByteArray &item : value.split(' ')) {
        if (item.isEmpty())
            continue;
        const qsizetype comma = item.indexOf(',');
        const auto digest = comma > 0 && item.left(comma) == "v1"
            ? SignatureCrypto::decodeBase64(item.mid(comma + 1))
            : std::nullopt;
        if (digest)
            list.digests.append(*digest);
        else
            list.ignored.append(headerText(item.left(comma < 0 ? item.size() : comma)));
    }
    return list;
}

// "t=<ts>,v1=<hex>,v1=<hex>,v0=<hex>": the first t counts; v1 values that are not hex are
// listed as ignored.
SignatureList parseStripeSignatures(const QByteArray &value)
{
    SignatureList list;
    for (const QByteArray &rawItem : value.split(',')) {
        const QByteArray item = rawItem.trimmed();
        const qsizetype equals = item.indexOf('=');
        const QByteArray key = item.left(equals < 0 ? 0 : equals);
        const QByteArray itemValue = item.mid(equals + 1);
        if (key == "t" && list.timestamp.isNull())
            list.timestamp = itemValue;
        else if (const auto digest =
                     key == "v1" ? SignatureCrypto::decodeHex(itemValue) : std::nullopt)
            list.digests.append(*digest);
        else
            list.ignored.append(headerText(key.isEmpty() ? item : key));
    }
    return list;
}

} // namespace

SignatureVerifier::SignatureVerifier(SecretSet secrets, qint64 toleranceSecs)
    : m_secrets(std::move(secrets))
    , m_toleranceSecs(toleranceSecs)
    , m_hmacConfigs(m_secrets.hmacConfigs() + HmacConfig::presets())
{
    QStringList headers {
        u"Solaris-Webhook-Signature"_s, u"webhook-signature"_s,   u"svix-signature"_s,
        u"Stripe-Signature"_s,          u"X-Hub-Signature-256"_s, u"X-Hub-Signature"_s
    };
    for (const HmacConfig &config : m_hmacConfigs)
        headers.append(headerText(config.header));
    m_unsignedDetail =
        u"No signature header of a known scheme (looked for: %1)."_s.arg(headers.join(u", "_s));
}

SignatureCheck SignatureVerifier::verify(const Event &event, const QString &eventType,
                                         qint64 nowSecs) const
{
    if (event.hasHeader("Solaris-Webhook-Signature"))
        return verifySolaris(event, eventType);
    if (event.hasHeader("webhook-signature"))
        return verifyStandard(event, "webhook-"_ba, eventType, nowSecs);
    if (event.hasHeader("svix-signature"))
        return verifyStandard(event, "svix-"_ba, eventType, nowSecs);
    if (event.hasHeader("Stripe-Signature"))
        return verifyStripe(event, eventType, nowSecs);
    if (event.hasHeader("X-Hub-Signature-256"))
        return verifyGithub(event, "X-Hub-Signature-256"_ba, eventType);
    if (event.hasHeader("X-Hub-Signature"))
        return verifyGithub(event, "X-Hub-Signature"_ba, eventType);
    for (const HmacConfig &config : m_hmacConfigs) {
        if (event.hasHeader(config.header))
            return verifyHmac(event, config, eventType);
    }
    return unsignedCheck(event, eventType);
}

SignatureCheck SignatureVerifier::verifySolaris(const Event &event, const QString &eventType) const
{
    const QString scheme = u"solaris"_s;
    const QString header = u"Solaris-Webhook-Signature"_s;
    const QByteArray value = event.headerValue("Solaris-Webhook-Signature").trimmed();
    const qsizetype equals = value.indexOf('=');
    if (equals < 0)
        return malformed(scheme, header,
                         u"expected <algorithm>=<hex digest>, got \"%1\""_s.arg(headerText(value)));
    const QByteArray name = value.left(equals);
    const auto algorithm = SignatureCrypto::algorithmFromName(name);
    if (!algorithm)
        return result(SignatureState::Invalid, scheme, header,
                      header
                          % u": unknown algorithm \"%1\" (known: %2)"_s.arg(
                              headerText(name), SignatureCrypto::supportedAlgorithmNames()));
    const auto received = SignatureCrypto::decodeHex(value.mid(equals + 1));
    if (!received)
        return malformed(scheme, header,
                         u"the digest after \"%1=\" is not hex"_s.arg(headerText(name)));
    Attempt attempt;
    attempt.scheme = scheme;
    attempt.header = header;
    attempt.checked = u"Solaris: %1 = %2 (from the \"%3\" prefix) of the %4, hex."_s.arg(
        header, hashTitle(*algorithm), headerText(name), bodyDescription(event));
    attempt.received = { *received };
    attempt.receivedText = headerText(value);
    attempt.digest = [&](const Secret &secret) {
        return std::optional(SignatureCrypto::hmac(*algorithm, secret.value, event.body));
    };
    attempt.show = [&](const QByteArray &digest) -> QString {
        return headerText(name) % u'=' % headerText(digest.toHex());
    };
    return decide(attempt, m_secrets.candidates(scheme, eventType));
}

SignatureCheck SignatureVerifier::verifyStandard(const Event &event, const QByteArray &family,
                                                 const QString &eventType, qint64 nowSecs) const
{
    const QString scheme = u"standard"_s;
    const QByteArray idName = family + "id"_ba;
    const QByteArray signatureName = family + "signature"_ba;
    const QString header = headerText(signatureName);
    const QByteArray id = event.headerValue(idName);
    const QByteArray timestampText = event.headerValue(QByteArray(family + "timestamp")).trimmed();
    if (!event.hasHeader(idName))
        return malformed(scheme, header, u"header %1id is missing"_s.arg(headerText(family)));
    const auto timestamp = parseTimestamp(timestampText);
    if (!timestamp)
        return malformed(scheme, header,
                         u"%1timestamp \"%2\" is not unix seconds"_s.arg(
                             headerText(family), headerText(timestampText)));
    const QByteArray value = event.headerValue(signatureName).trimmed();
    const SignatureList list = parseStandardSignatures(value);
    if (list.digests.isEmpty())
        return malformed(scheme, header,
                         u"no \"v1,<base64>\" signature (found: %1)"_s.arg(
                             list.ignored.isEmpty() ? u"nothing"_s : list.ignored.join(u", "_s)));
    const QByteArray content = id + '.' + timestampText + '.' + event.body;
    Attempt attempt;
    attempt.scheme = scheme;
    attempt.header = header;
    attempt.checked =
        u"Standard Webhooks: %1 = v1, base64 HMAC-SHA256 of "
        "\"%2id.%2timestamp.\" + %3 (%4 signature(s)%5)."_s
            .arg(header, headerText(family), bodyDescription(event))
            .arg(list.digests.size())
            .arg(list.ignored.isEmpty() ? QString()
                                        : u"; ignored: "_s % list.ignored.join(u", "_s));
    attempt.received = list.digests;
    attempt.receivedText = headerText(value);
    attempt.digest = [&](const Secret &secret) -> std::optional<QByteArray> {
        const auto key = SignatureCrypto::standardWebhooksKey(secret.value);
        if (!key)
            return std::nullopt;
        return SignatureCrypto::hmac(QCryptographicHash::Sha256, *key, content);
    };
    attempt.show = [](const QByteArray &digest) -> QString {
        return u"v1,"_s % headerText(digest.toBase64());
    };
    return staleness(decide(attempt, m_secrets.candidates(scheme, eventType)), *timestamp, nowSecs);
}

SignatureCheck SignatureVerifier::verifyStripe(const Event &event, const QString &eventType,
                                               qint64 nowSecs) const
{
    const QString scheme = u"stripe"_s;
    const QString header = u"Stripe-Signature"_s;
    const QByteArray value = event.headerValue("Stripe-Signature").trimmed();
    const SignatureList list = parseStripeSignatures(value);
    const QByteArray timestampText = list.timestamp;
    const auto timestamp = parseTimestamp(timestampText);
    if (!timestamp)
        return malformed(
            scheme, header,
            u"expected t=<unix seconds>,v1=<hex>, got \"%1\""_s.arg(headerText(value)));
    if (list.digests.isEmpty())
        return malformed(scheme, header,
                         u"no hex v1= signature (found: %1)"_s.arg(list.ignored.join(u", "_s)));
    const QByteArray content = timestampText + '.' + event.body;
    Attempt attempt;
    attempt.scheme = scheme;
    attempt.header = header;
    attempt.checked = u"Stripe: %1 v1 = hex HMAC-SHA256 of \"{t}.\" + %2 (%3 v1 signature(s))."_s
                          .arg(header, bodyDescription(event))
                          .arg(list.digests.size());
    attempt.received = list.digests;
    attempt.receivedText = headerText(value);
    attempt.digest = [&](const Secret &secret) {
        return std::optional(
            SignatureCrypto::hmac(QCryptographicHash::Sha256, secret.value, content));
    };
    attempt.show = [](const QByteArray &digest) -> QString {
        return u"v1="_s % headerText(digest.toHex());
    };
    return staleness(decide(attempt, m_secrets.candidates(scheme, eventType)), *timestamp, nowSecs);
}

SignatureCheck SignatureVerifier::verifyGithub(const Event &event, const QByteArray &headerName,
                                               const QString &eventType) const
{
    const QString scheme = u"github"_s;
    const QString header = headerText(headerName);
    const bool legacy = headerName == "X-Hub-Signature";
    const QByteArray prefix = legacy ? "sha1="_ba : "sha256="_ba;
    const auto algorithm = legacy ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256;
    const QByteArray value = event.headerValue(headerName).trimmed();
    if (!value.toLower().startsWith(prefix))
        return malformed(
            scheme, header,
            u"expected %1<hex>, got \"%2\""_s.arg(headerText(prefix), headerText(value)));
    const auto received = SignatureCrypto::decodeHex(value.mid(prefix.size()));
    if (!received)
        return malformed(scheme, header, u"the digest is not hex"_s);
    Attempt attempt;
    attempt.scheme = scheme;
    attempt.header = header;
    attempt.checked = u"GitHub: %1 = hex %2 of the %3."_s.arg(header, hashTitle(algorithm),
                                                              bodyDescription(event));
    attempt.received = { *received };
    attempt.receivedText = headerText(value);
    attempt.digest = [&](const Secret &secret) {
        return std::optional(SignatureCrypto::hmac(algorithm, secret.value, event.body));
    };
    attempt.show = [&](const QByteArray &digest) -> QString {
        return headerText(prefix) % headerText(digest.toHex());
    };
    return decide(attempt, m_secrets.candidates(scheme, eventType));
}

SignatureCheck SignatureVerifier::verifyHmac(const Event &event, const HmacConfig &config,
                                             const QString &eventType) const
{
    const QString scheme = u"hmac"_s;
    const QString header = headerText(config.header);
    const QByteArray value = event.headerValue(config.header).trimmed();
    if (!value.toLower().startsWith(config.prefix.toLower()))
        return malformed(scheme, header,
                         u"expected the prefix \"%1\", got \"%2\""_s.arg(headerText(config.prefix),
                                                                         headerText(value)));
    const auto received = config.decode(value.mid(config.prefix.size()));
    if (!received)
        return malformed(scheme, header,
                         u"the digest is not %1"_s.arg(digestEncodingName(config.encoding)));
    const auto content = config.signedContent(event);
    if (const QString *error = std::get_if<QString>(&content))
        return result(SignatureState::Invalid, scheme, header, header % u": "_s % *error);
    Attempt attempt;
    attempt.scheme = scheme;
    attempt.header = header;
    attempt.checked = u"HMAC (%1): %2 = %3%4 %5 of %6."_s.arg(
        config.name, header,
        config.prefix.isEmpty() ? QString() : u"\""_s % headerText(config.prefix) % u"\" + "_s,
        digestEncodingName(config.encoding), hashTitle(config.algorithm), config.describeContent());
    attempt.received = { *received };
    attempt.receivedText = headerText(value);
    const QByteArray signedBytes = std::get<QByteArray>(content);
    attempt.digest = [&](const Secret &secret) {
        return std::optional(SignatureCrypto::hmac(config.algorithm, secret.value, signedBytes));
    };
    attempt.show = [&](const QByteArray &digest) -> QString {
        return headerText(config.prefix + config.encode(digest));
    };
    return decide(attempt, m_secrets.candidates(scheme, eventType));
}

SignatureCheck SignatureVerifier::unsignedCheck(const Event &event, const QString &eventType) const
{
    const bool subscription = eventType == u"WEBHOOK-SUBSCRIPTION"
        || event.headerValue("Solaris-Webhook-Event-Type").trimmed().toUpper()
            == "WEBHOOK-SUBSCRIPTION";
    if (subscription)
        return result(SignatureState::Unsigned, u"solaris"_s, {},
                      u"Solaris subscription verification request (WEBHOOK-SUBSCRIPTION): "
                      "Solaris does not sign it, as the subscription's secret does not exist "
                      "yet."_s);
    return result(SignatureState::Unsigned, {}, {}, m_unsignedDetail);
}

SignatureCheck SignatureVerifier::staleness(SignatureCheck check, qint64 timestamp,
                                            qint64 nowSecs) const
{
    if (check.state != SignatureState::Valid)
        return check;
    const qint64 age = nowSecs - timestamp;
    if (age > m_toleranceSecs) {
        check.state = SignatureState::Stale;
        check.detail +=
            u"\nStale: timestamp %1 is %2 s old (tolerance %3 s)."_s.arg(timestamp).arg(age).arg(
                m_toleranceSecs);
    } else if (-age > m_toleranceSecs) {
        check.state = SignatureState::Stale;
        check.detail +=
            u"\nStale: timestamp %1 is %2 s in the future (tolerance %3 s)."_s.arg(timestamp)
                .arg(-age)
                .arg(m_toleranceSecs);
    }
    return check;
}
