#pragma once

#include "event/event.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

enum class DigestEncoding : quint8 { Hex, Base64 };

// One generic HMAC scheme: which header carries the digest, how it is written, and which bytes
// it is computed over. The content template joins literal text and placeholders:
//   {body} the raw body, {header:NAME} the first value of header NAME, {method}, {target}
// e.g. "{body}" or "{header:X-Timestamp}.{body}". '{' always opens a placeholder.
struct HmacConfig
{
    QString name; // shown in the Signature tab, e.g. "Shopify"
    QByteArray header; // e.g. "X-Signature"
    QByteArray prefix; // stripped from the header value before decoding, e.g. "sha256="
    DigestEncoding encoding = DigestEncoding::Hex;
    QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256;
    QString contentTemplate = QStringLiteral("{body}");

    // Well-known providers that sign the raw body with one HMAC header (field-survey.md §5).
    static QList<HmacConfig> presets();

    // "header=X-Sig;prefix=sha256=;encoding=hex|base64;algorithm=sha256;template=...;name=..."
    // Only header is required. Items are split on ';' and each on its first '=', so a prefix
    // may end in '=' but no value may contain ';'.
    static std::variant<HmacConfig, QString> parse(const QString &spec);
    QString toSpec() const;

    QJsonObject toJson() const;
    // Errors name the member, e.g. "encoding: expected \"hex\" or \"base64\"".
    static std::variant<HmacConfig, QString> fromJson(const QJsonObject &object);

    // Why this configuration cannot be used (empty header, bad template), or std::nullopt.
    std::optional<QString> error() const;
    // The bytes the digest is computed over, or why they cannot be built (a missing header).
    std::variant<QByteArray, QString> signedContent(const Event &event) const;
    // For the Signature tab: "header X-Timestamp + \".\" + raw body".
    QString describeContent() const;

    QByteArray encode(const QByteArray &digest) const;
    std::optional<QByteArray> decode(QByteArrayView text) const;

    friend bool operator==(const HmacConfig &, const HmacConfig &) = default;
};

QString digestEncodingName(DigestEncoding encoding);
