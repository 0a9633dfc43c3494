#include "redaction.h"

#include <array>

using namespace Qt::StringLiterals;

QByteArray Redaction::placeholder()
{
    return "[redacted]"_ba;
}

bool Redaction::isSecretHeader(QByteArrayView name)
{
    // Exact names are credentials; the fragments catch every provider's signature header
    // (Solaris-Webhook-Signature, X-Hub-Signature-256, Stripe-Signature, webhook-signature,
    // X-Shopify-Hmac-Sha256, X-Gitlab-Token, X-Api-Key, ...).
    static constexpr std::array<QByteArrayView, 4> exact { "authorization", "proxy-authorization",
                                                           "cookie", "set-cookie" };
    static constexpr std::array<QByteArrayView, 6> fragments { "signature", "hmac",   "token",
                                                               "api-key",   "apikey", "secret" };
    const QByteArray lower = name.toByteArray().toLower();
    for (const QByteArrayView candidate : exact) {
        if (lower == candidate)
            return true;
    }
    for (const QByteArrayView fragment : fragments) {
        if (lower.contains(fragment))
            return true;
    }
    return false;
}

HeaderList Redaction::apply(const HeaderList &headers)
{
    HeaderList out = headers;
    for (auto &[name, value] : out) {
        if (isSecretHeader(name))
            value = placeholder();
    }
    return out;
}
