#pragma once

#include "hmacconfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

// One configured secret. The label names it in results and the UI; the value is never shown.
struct Secret
{
    QString scheme; // "solaris", "standard", "stripe", "github" or "hmac"
    QString eventType; // upper-case event type it belongs to; empty: any event of the scheme
    QByteArray value;
    QString label; // e.g. "solaris:IDENTIFICATION #1" or "standard #2"

    friend bool operator==(const Secret &, const Secret &) = default;
};

// Why one --secret SPEC was refused. spec is the spec with the secret masked, so that the
// message can go to stderr and CI logs without leaking it.
struct SecretSpecError
{
    QString spec;
    QString reason;
    int index = 0; // 1-based position among the specs given

    QString message() const;
};

// The secrets signatures are checked with, per scheme and (optionally) per event type, plus the
// generic HMAC schemes they apply to. A value type: copy it into each SignatureVerifier.
//
// Spec syntax (DESIGN.md, --secret): SCHEME:SECRET or SCHEME:EVENT_TYPE:SECRET. The text after
// SCHEME is split on its first ':' only when what precedes that colon looks like an event type
// (an upper-case letter followed by [A-Z0-9_-]*, as Solaris types are); otherwise all of it is
// the secret, colons included. "SCHEME::SECRET" forces the whole rest to be the secret, for a
// secret that itself starts with such a word and a colon. Schemes are case-insensitive; "svix" is
// an alias of "standard". Event types match case-insensitively when verifying.
class SecretSet
{
public:
    static QStringList schemes();
    static std::optional<QString> canonicalScheme(const QString &name);

    static std::variant<SecretSet, SecretSpecError> parse(const QStringList &specs);
    static std::variant<Secret, SecretSpecError> parseSpec(const QString &spec);

    // Adds a secret unless the same one is already there; labels are numbered per scheme and
    // event type in the order secrets are added.
    void add(const QString &scheme, const QByteArray &value, const QString &eventType = {});
    void add(const Secret &secret);
    void merge(const SecretSet &other);
    void addHmacConfig(const HmacConfig &config);

    bool isEmpty() const { return m_secrets.isEmpty(); }
    qsizetype size() const { return m_secrets.size(); }
    const QList<Secret> &secrets() const { return m_secrets; }
    const QList<HmacConfig> &hmacConfigs() const { return m_hmacConfigs; }
    bool hasScheme(const QString &scheme) const;
    // The secrets to try for an event, best first: those for its type (a trailing '?' of an
    // inferred type is ignored), then the scheme-wide ones, then those of other event types.
    QList<Secret> candidates(const QString &scheme, const QString &eventType) const;

    QJsonObject toJson() const;
    // Errors name the JSON Pointer of the offending member.
    static std::variant<SecretSet, QString> fromJson(const QJsonObject &object);

    // Adds the secrets of a file written by saveFile(); on error (naming the file) nothing is
    // added.
    std::optional<QString> loadFile(const QString &path);
    // Writes atomically, readable and writable by the owner only (0600) from the first byte.
    std::optional<QString> saveFile(const QString &path) const;
    // Where Hookscope keeps the user's secrets: outside every session file.
    static QString userFilePath();

private:
    QString nextLabel(const QString &scheme, const QString &eventType) const;

    QList<Secret> m_secrets;
    QList<HmacConfig> m_hmacConfigs;
};
