#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QString>

#include <optional>

// The primitives every signature scheme shares: HMAC, digest encodings, timing-safe comparison.
namespace SignatureCrypto {

// "sha256", "SHA-256", "HmacSHA256", "hmac-sha1" ... (case-insensitive): the names senders put
// in signature prefixes. Unknown names give std::nullopt.
std::optional<QCryptographicHash::Algorithm> algorithmFromName(QByteArrayView name);
// Canonical lower-case name ("sha256"), as written back into signature headers.
QString algorithmName(QCryptographicHash::Algorithm algorithm);
QString supportedAlgorithmNames();

QByteArray hmac(QCryptographicHash::Algorithm algorithm, QByteArrayView key,
                QByteArrayView message);

// Strict decoders: std::nullopt on any character outside the alphabet, odd hex length or bad
// base64 padding (QByteArray::fromHex silently skips junk, which would hide malformed headers).
std::optional<QByteArray> decodeHex(QByteArrayView text);
std::optional<QByteArray> decodeBase64(QByteArrayView text);

// Compares every byte of both inputs whatever they contain, so the time taken reveals nothing
// about how many leading bytes of a forged signature were right.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace SignatureCrypto

namespace SignatureCrypto {

// The HMAC key of a Standard Webhooks / Svix secret: "whsec_" (optional) + base64 of the key.
std::optional<QByteArray> standardWebhooksKey(QByteArrayView secret);

} // namespace SignatureCrypto
