#include "secretset.h"

#include "signaturecrypto.h"

#include "event/userfolders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 maxFileSize = 4 * 1024 * 1024;
const QString fileFormat = u"hookscope-secrets"_s;

// [A-Z][A-Z0-9_-]*, like Solaris event types. Only a secret containing ':' can be mistaken for
// EVENT_TYPE:SECRET, and only if its text before that colon has this shape.
bool looksLikeEventType(QStringView text)
{
    if (text.isEmpty() || text.front() < u'A' || text.front() > u'Z')
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
    });
}

QString masked(const QString &scheme, const QString &eventType, const QString &secret)
{
    const QString hidden = u"<secret, %1 characters>"_s.arg(secret.size());
    if (eventType.isEmpty())
        return scheme % u':' % hidden;
    return scheme % u':' % eventType % u':' % hidden;
}

QString normalizedType(const QString &eventType)
{
    QString type = eventType.trimmed();
    if (type.endsWith(u'?'))
        type.chop(1);
    return type;
}

std::optional<QString> secretProblem(const QString &scheme, const QByteArray &value)
{
    if (value.isEmpty())
        return u"the secret is empty"_s;
    if (scheme == u"standard" && !SignatureCrypto::standardWebhooksKey(value))
        return u"a Standard Webhooks secret is \"whsec_\" followed by base64 (the key bytes)"_s;
    return std::nullopt;
}

std::variant<Secret, QString> secretFromJson(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    if (!value.isObject())
        return u": expected an object"_s;
    const auto scheme = SecretSet::canonicalScheme(object.value(u"scheme"_s).toString());
    if (!scheme)
        return u"/scheme: unknown scheme (known: %1)"_s.arg(SecretSet::schemes().join(u", "_s));
    const QString eventType = object.value(u"eventType"_s).toString();
    if (!eventType.isEmpty() && !looksLikeEventType(eventType))
        return u"/eventType: expected upper-case letters, digits, '_' or '-'"_s;
    const QByteArray secret = object.value(u"secret"_s).toString().toUtf8();
    if (auto problem = secretProblem(*scheme, secret))
        return u"/secret: "_s % *problem;
    return Secret { *scheme, eventType, secret, object.value(u"label"_s).toString() };
}

} // namespace

QString SecretSpecError::message() const
{
    return u"--secret #%1 \"%2\": %3"_s.arg(index).arg(spec, reason);
}

QStringList SecretSet::schemes()
{
    return { u"solaris"_s, u"standard"_s, u"stripe"_s, u"github"_s, u"hmac"_s };
}

std::optional<QString> SecretSet::canonicalScheme(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"svix" || lower == u"standard-webhooks" || lower == u"standardwebhooks")
        return u"standard"_s;
    if (schemes().contains(lower))
        return lower;
    return std::nullopt;
}

std::variant<Secret, SecretSpecError> SecretSet::parseSpec(const QString &spec)
{
    const qsizetype colon = spec.indexOf(u':');
    if (colon < 0)
        return SecretSpecError { u"<secret, %1 characters>"_s.arg(spec.size()),
                                 u"expected SCHEME:SECRET or SCHEME:EVENT_TYPE:SECRET"_s };
    const QString schemeName = spec.left(colon);
    QString rest = spec.mid(colon + 1);
    QString eventType;
    if (rest.startsWith(u':')) {
        rest.remove(0, 1); // "SCHEME::SECRET": everything after "::" is the secret
    } else if (const qsizetype second = rest.indexOf(u':');
               second > 0 && looksLikeEventType(QStringView(rest).left(second))) {
        eventType = rest.left(second);
        rest.remove(0, second + 1);
    }
    const auto scheme = canonicalScheme(schemeName);
    if (!scheme)
        return SecretSpecError { masked(schemeName, eventType, rest),
                                 u"unknown scheme \"%1\" (known: %2)"_s.arg(
                                     schemeName, schemes().join(u", "_s)) };
    const QByteArray value = rest.toUtf8();
    if (auto problem = secretProblem(*scheme, value))
        return SecretSpecError { masked(*scheme, eventType, rest), *problem };
    return Secret { *scheme, eventType, value, {} };
}

std::variant<SecretSet, SecretSpecError> SecretSet::parse(const QStringList &specs)
{
    SecretSet set;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        auto parsed = parseSpec(specs.at(i));
        if (auto *error = std::get_if<SecretSpecError>(&parsed)) {
            error->index = int(i + 1);
            return *error;
        }
        set.add(std::get<Secret>(parsed));
    }
    return set;
}

void SecretSet::add(const QString &scheme, const QByteArray &value, const QString &eventType)
{
    add(Secret { scheme, eventType, value, {} });
}

void SecretSet::add(const Secret &secret)
{
    for (const Secret &existing : std::as_const(m_secrets)) {
        if (existing.scheme == secret.scheme && existing.value == secret.value
            && existing.eventType.compare(secret.eventType, Qt::CaseInsensitive) == 0)
            return;
    }
    Secret added = secret;
    if (added.label.isEmpty())
        added.label = nextLabel(secret.scheme, secret.eventType);
    m_secrets.append(added);
}

void SecretSet::merge(const SecretSet &other)
{
    for (const Secret &secret : other.m_secrets)
        add(secret);
    for (const HmacConfig &config : other.m_hmacConfigs)
        addHmacConfig(config);
}

void SecretSet::addHmacConfig(const HmacConfig &config)
{
    if (!m_hmacConfigs.contains(config))
        m_hmacConfigs.append(config);
}

QString SecretSet::nextLabel(const QString &scheme, const QString &eventType) const
{
    const auto sameGroup = [&](const Secret &s) {
        return s.scheme == scheme && s.eventType.compare(eventType, Qt::CaseInsensitive) == 0;
    };
    const auto number = std::count_if(m_secrets.cbegin(), m_secrets.cend(), sameGroup) + 1;
    const QString group = eventType.isEmpty() ? scheme : scheme % u':' % eventType.toUpper();
    return group % u" #"_s % QString::number(number);
}

bool SecretSet::hasScheme(const QString &scheme) const
{
    return std::any_of(m_secrets.cbegin(), m_secrets.cend(),
                       [&](const Secret &s) { return s.scheme == scheme; });
}

QList<Secret> SecretSet::candidates(const QString &scheme, const QString &eventType) const
{
    const QString type = normalizedType(eventType);
    QList<Secret> forType, schemeWide, others;
    for (const Secret &secret : m_secrets) {
        if (secret.scheme != scheme)
            continue;
        if (secret.eventType.isEmpty())
            schemeWide.append(secret);
        else if (!type.isEmpty() && secret.eventType.compare(type, Qt::CaseInsensitive) == 0)
            forType.append(secret);
        else
            others.append(secret);
    }
    return forType + schemeWide + others;
}

QJsonObject SecretSet::toJson() const
{
    QJsonArray secrets;
    for (const Secret &secret : m_secrets) {
        QJsonObject object { { u"scheme"_s, secret.scheme },
                             { u"secret"_s, QString::fromUtf8(secret.value) },
                             { u"label"_s, secret.label } };
        if (!secret.eventType.isEmpty())
            object.insert(u"eventType"_s, secret.eventType);
        secrets.append(object);
    }
    QJsonArray configs;
    for (const HmacConfig &config : m_hmacConfigs)
        configs.append(config.toJson());
    return QJsonObject { { u"format"_s, fileFormat },
                         { u"version"_s, 1 },
                         { u"secrets"_s, secrets },
                         { u"hmac"_s, configs } };
}

std::variant<SecretSet, QString> SecretSet::fromJson(const QJsonObject &object)
{
    if (object.value(u"format"_s).toString() != fileFormat)
        return u"/format: expected \"%1\""_s.arg(fileFormat);
    if (object.value(u"version"_s).toInt() != 1)
        return u"/version: only version 1 is known"_s;
    SecretSet set;
    const QJsonArray secrets = object.value(u"secrets"_s).toArray();
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        auto secret = secretFromJson(secrets.at(i));
        if (const QString *error = std::get_if<QString>(&secret))
            return u"/secrets/%1%2"_s.arg(i).arg(*error);
        set.add(std::get<Secret>(secret));
    }
    const QJsonArray configs = object.value(u"hmac"_s).toArray();
    for (qsizetype i = 0; i < configs.size(); ++i) {
        auto config = HmacConfig::fromJson(configs.at(i).toObject());
        if (const QString *error = std::get_if<QString>(&config))
            return u"/hmac/%1/%2"_s.arg(i).arg(*error);
        set.addHmacConfig(std::get<HmacConfig>(config));
    }
    return set;
}

std::optional<QString> SecretSet::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return path % u": "_s % file.errorString();
    if (file.size() > maxFileSize)
        return path % u": larger than %1 bytes, not a secrets file"_s.arg(maxFileSize);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return path
            % u": byte offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString());
    if (!document.isObject())
        return path % u": expected a JSON object"_s;
    auto loaded = fromJson(document.object());
    if (const QString *error = std::get_if<QString>(&loaded))
        return path % u": "_s % *error;
    merge(std::get<SecretSet>(loaded));
    return std::nullopt;
}

std::optional<QString> SecretSet::saveFile(const QString &path) const
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return path % u": cannot create folder "_s % info.absolutePath();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return path % u": "_s % file.errorString();
    // Before the first byte: the temporary file becomes the final one on commit().
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return path % u": cannot restrict permissions to the owner: "_s % file.errorString();
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return path % u": "_s % file.errorString();
    return std::nullopt;
}

QString SecretSet::userFilePath()
{
    return UserFolders::secretsFile();
}
