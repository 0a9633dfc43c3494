#include "hmacconfig.h"

#include "signaturecrypto.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

struct TemplatePart
{
    enum Kind : quint8 { Literal, Body, Header, Method, Target };
    Kind kind = Literal;
    QByteArray text; // the literal bytes, or the header name
};

using TemplateParts = QList<TemplatePart>;

std::variant<TemplatePart, QString> parsePlaceholder(const QString &inner)
{
    if (inner == u"body")
        return TemplatePart { TemplatePart::Body, {} };
    if (inner == u"method")
        return TemplatePart { TemplatePart::Method, {} };
    if (inner == u"target")
        return TemplatePart { TemplatePart::Target, {} };
    if (inner.startsWith(u"header:") && inner.size() > 7)
        return TemplatePart { TemplatePart::Header, inner.mid(7).trimmed().toLatin1() };
    return u"unknown placeholder {%1} (known: {body}, {header:NAME}, {method}, {target})"_s.arg(
        inner);
}

std::variant<TemplateParts, QString> parseTemplate(const QString &text)
{
    TemplateParts parts;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'{', pos);
        if (open < 0) {
            parts.append({ TemplatePart::Literal, text.mid(pos).toUtf8() });
            break;
        }
        if (open > pos)
            parts.append({ TemplatePart::Literal, text.mid(pos, open - pos).toUtf8() });
        const qsizetype close = text.indexOf(u'}', open);
        if (close < 0)
            return u"template: '{' at offset %1 is never closed"_s.arg(open);
        auto part = parsePlaceholder(text.mid(open + 1, close - open - 1));
        if (const QString *error = std::get_if<QString>(&part))
            return u"template: offset %1: %2"_s.arg(open).arg(*error);
        parts.append(std::get<TemplatePart>(part));
        pos = close + 1;
    }
    return parts;
}

HmacConfig preset(const QString &name, const QByteArray &header, DigestEncoding encoding)
{
    HmacConfig config;
    config.name = name;
    config.header = header;
    config.encoding = encoding;
    return config;
}

std::optional<QString> applyItem(HmacConfig &config, const QString &key, const QString &value)
{
    if (key == u"header") {
        config.header = value.trimmed().toLatin1();
    } else if (key == u"prefix") {
        config.prefix = value.toLatin1();
    } else if (key == u"name") {
        config.name = value;
    } else if (key == u"template") {
        config.contentTemplate = value;
    } else if (key == u"encoding") {
        if (value.compare(u"hex", Qt::CaseInsensitive) == 0)
            config.encoding = DigestEncoding::Hex;
        else if (value.compare(u"base64", Qt::CaseInsensitive) == 0)
            config.encoding = DigestEncoding::Base64;
        else
            return u"encoding: expected \"hex\" or \"base64\", got \"%1\""_s.arg(value);
    } else if (key == u"algorithm") {
        const auto algorithm = SignatureCrypto::algorithmFromName(value.toLatin1());
        if (!algorithm)
            return u"algorithm: unknown \"%1\" (known: %2)"_s.arg(
                value, SignatureCrypto::supportedAlgorithmNames());
        config.algorithm = *algorithm;
    } else {
        return u"unknown item \"%1\" (known: header, prefix, encoding, algorithm, template, "
               "name)"_s.arg(key);
    }
    return std::nullopt;
}

} // namespace

QList<HmacConfig> HmacConfig::presets()
{
    return {
        preset(u"Shopify"_s, "X-Shopify-Hmac-Sha256"_ba, DigestEncoding::Base64),
        preset(u"Hookdeck"_s, "X-Hookdeck-Signature"_ba, DigestEncoding::Base64),
        preset(u"Gitea"_s, "X-Gitea-Signature"_ba, DigestEncoding::Hex),
        preset(u"Linear"_s, "Linear-Signature"_ba, DigestEncoding::Hex),
        preset(u"Sentry"_s, "Sentry-Hook-Signature"_ba, DigestEncoding::Hex),
        preset(u"Cal.com"_s, "X-Cal-Signature-256"_ba, DigestEncoding::Hex),
    };
}

std::variant<HmacConfig, QString> HmacConfig::parse(const QString &spec)
{
    HmacConfig config;
    config.name = u"custom"_s;
    const QStringList items = spec.split(u';', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals < 0)
            return u"\"%1\" is not KEY=VALUE"_s.arg(item);
        const QString key = item.left(equals).trimmed().toLower();
        if (auto error = applyItem(config, key, item.mid(equals + 1)))
            return *error;
    }
    if (auto error = config.error())
        return *error;
    return config;
}

QString HmacConfig::toSpec() const
{
    return u"name=%1;header=%2;prefix=%3;encoding=%4;algorithm=%5;template=%6"_s.arg(
        name, QString::fromLatin1(header), QString::fromLatin1(prefix),
        digestEncodingName(encoding), SignatureCrypto::algorithmName(algorithm), contentTemplate);
}

QJsonObject HmacConfig::toJson() const
{
    return QJsonObject { { u"name"_s, name },
                         { u"header"_s, QString::fromLatin1(header) },
                         { u"prefix"_s, QString::fromLatin1(prefix) },
                         { u"encoding"_s, digestEncodingName(encoding) },
                         { u"algorithm"_s, SignatureCrypto::algorithmName(algorithm) },
                         { u"template"_s, contentTemplate } };
}

std::variant<HmacConfig, QString> HmacConfig::fromJson(const QJsonObject &object)
{
    HmacConfig config;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString())
            return u"%1: expected a string"_s.arg(it.key());
        if (auto error = applyItem(config, it.key(), it.value().toString()))
            return *error;
    }
    if (auto error = config.error())
        return *error;
    return config;
}

std::optional<QString> HmacConfig::error() const
{
    if (header.isEmpty())
        return u"header: a header name is required"_s;
    auto parts = parseTemplate(contentTemplate);
    if (const QString *error = std::get_if<QString>(&parts))
        return *error;
    return std::nullopt;
}

std::variant<QByteArray, QString> HmacConfig::signedContent(const Event &event) const
{
    auto parsed = parseTemplate(contentTemplate);
    if (const QString *error = std::get_if<QString>(&parsed))
        return *error;
    QByteArray content;
    for (const TemplatePart &part : std::get<TemplateParts>(parsed)) {
        switch (part.kind) {
        case TemplatePart::Literal:
            content += part.text;
            break;
        case TemplatePart::Body:
            content += event.body;
            break;
        case TemplatePart::Method:
            content += event.method;
            break;
        case TemplatePart::Target:
            content += event.target;
            break;
        case TemplatePart::Header:
            if (!event.hasHeader(part.text))
                return u"the signed content needs header %1, which is missing"_s.arg(
                    QString::fromLatin1(part.text));
            content += event.headerValue(part.text);
            break;
        }
    }
    return content;
}

QString HmacConfig::describeContent() const
{
    auto parsed = parseTemplate(contentTemplate);
    if (const QString *error = std::get_if<QString>(&parsed))
        return *error;
    QStringList pieces;
    for (const TemplatePart &part : std::get<TemplateParts>(parsed)) {
        switch (part.kind) {
        case TemplatePart::Literal:
            pieces.append(u"\"%1\""_s.arg(QString::fromUtf8(part.text)));
            break;
        case TemplatePart::Body:
            pieces.append(u"raw body"_s);
            break;
        case TemplatePart::Method:
            pieces.append(u"method"_s);
            break;
        case TemplatePart::Target:
            pieces.append(u"request target"_s);
            break;
        case TemplatePart::Header:
            pieces.append(u"header %1"_s.arg(QString::fromLatin1(part.text)));
            break;
        }
    }
    return pieces.isEmpty() ? u"nothing (empty template)"_s : pieces.join(u" + "_s);
}

QByteArray HmacConfig::encode(const QByteArray &digest) const
{
    return encoding == DigestEncoding::Hex ? digest.toHex() : digest.toBase64();
}

std::optional<QByteArray> HmacConfig::decode(QByteArrayView text) const
{
    return encoding == DigestEncoding::Hex ? SignatureCrypto::decodeHex(text)
                                           : SignatureCrypto::decodeBase64(text);
}

QString digestEncodingName(DigestEncoding encoding)
{
    return encoding == DigestEncoding::Hex ? u"hex"_s : u"base64"_s;
}
