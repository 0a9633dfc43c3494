#include "signaturecrypto.h"

#include <QMessageAuthenticationCode>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cctype>

using namespace Qt::StringLiterals;

namespace SignatureCrypto {

namespace {

struct NamedAlgorithm
{
    QByteArrayView name;
    QCryptographicHash::Algorithm algorithm;
};

constexpr std::array<NamedAlgorithm, 10> algorithms { {
    { "sha256", QCryptographicHash::Sha256 },
    { "sha1", QCryptographicHash::Sha1 },
    { "sha512", QCryptographicHash::Sha512 },
    { "sha384", QCryptographicHash::Sha384 },
    { "sha224", QCryptographicHash::Sha224 },
    { "md5", QCryptographicHash::Md5 },
    { "sha3-256", QCryptographicHash::Sha3_256 },
    { "sha3-384", QCryptographicHash::Sha3_384 },
    { "sha3-512", QCryptographicHash::Sha3_512 },
    { "sha3-224", QCryptographicHash::Sha3_224 },
} };

// Lower-case, without an "hmac" prefix and without '-' or '_' except after "sha3", so that
// "HmacSHA256", "hmac-sha256", "SHA-256" and "sha256" all name the same algorithm.
QByteArray normalizedName(QByteArrayView name)
{
    QByteArray text = name.toByteArray().trimmed().toLower();
    if (text.startsWith("hmac"))
        text.remove(0, 4);
    text.replace('_', '-');
    while (text.startsWith('-'))
        text.remove(0, 1);
    if (!text.startsWith("sha3-"))
        text.replace("-", "");
    return text;
}

} // namespace

std::optional<QCryptographicHash::Algorithm> algorithmFromName(QByteArrayView name)
{
    const QByteArray normalized = normalizedName(name);
    for (const NamedAlgorithm &entry : algorithms) {
        if (entry.name == normalized)
            return entry.algorithm;
    }
    return std::nullopt;
}

QString algorithmName(QCryptographicHash::Algorithm algorithm)
{
    for (const NamedAlgorithm &entry : algorithms) {
        if (entry.algorithm == algorithm)
            return QString::fromLatin1(entry.name);
    }
    return u"unknown"_s;
}

QString supportedAlgorithmNames()
{
    QStringList names;
    for (const NamedAlgorithm &entry : algorithms)
        names.append(QString::fromLatin1(entry.name));
    return names.join(u", "_s);
}

QByteArray hmac(QCryptographicHash::Algorithm algorithm, QByteArrayView key, QByteArrayView message)
{
    QMessageAuthenticationCode code(algorithm, key.toByteArray());
    code.addData(message.data(), message.size());
    return code.result();
}

std::optional<QByteArray> decodeHex(QByteArrayView text)
{
    if (text.size() % 2 != 0)
        return std::nullopt;
    for (const char c : text) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
    }
    return QByteArray::fromHex(text.toByteArray());
}

std::optional<QByteArray> decodeBase64(QByteArrayView text)
{
    auto result =
        QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(result.decoded);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    const qsizetype length = std::max(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0u : 1u;
    for (qsizetype i = 0; i < length; ++i) {
        const unsigned x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0u;
        const unsigned y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0u;
        difference |= x ^ y;
    }
    return difference == 0;
}

} // namespace SignatureCrypto

namespace SignatureCrypto {

std::optional<QByteArray> standardWebhooksKey(QByteArrayView secret)
{
    const QByteArrayView encoded = secret.startsWith("whsec_") ? secret.sliced(6) : secret;
    auto key = decodeBase64(encoded);
    if (!key || key->isEmpty())
        return std::nullopt;
    return key;
}

} // namespace SignatureCrypto
