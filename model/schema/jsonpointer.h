#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

// RFC 6901 JSON Pointers: building them token by token and resolving them in a document.
class JsonPointer
{
public:
    static QString escape(const QString &token);
    static QString unescape(QStringView token);
    static QString append(const QString &pointer, const QString &token);
    static QString append(const QString &pointer, qsizetype index);
    // "" -> {}, "/a/b~1c" -> {"a", "b/c"}; std::nullopt when the pointer does not start with '/'.
    static std::optional<QStringList> split(const QString &pointer);
    static std::optional<QJsonValue> resolve(const QJsonValue &root, const QString &pointer);
    // The fragment of a local "$ref" ("#/a/b", "#", percent-encoded per RFC 3986) as a pointer.
    static std::optional<QString> fromUriFragment(const QString &ref);
};
