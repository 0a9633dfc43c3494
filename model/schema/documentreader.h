#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// A schema file's text as a JSON value, read as JSON or as YAML (libyaml-cpp).
struct ParsedDocument
{
    QJsonValue root;
    QString error; // names the line/column or byte offset; empty on success
    bool ok() const { return error.isEmpty(); }
};

class DocumentReader
{
public:
    static constexpr int maxDepth = 256;
    static constexpr qsizetype maxNodes = 2'000'000; // bounds alias expansion ("billion laughs")
    // The memory budget (model/schema/README.md): files up to maxFileBytes, and what YAML aliases
    // expand to up to maxExpandedBytes of keys and scalars; 10^5 aliases of one 64 KiB scalar
    // would otherwise be 6.4 GB from a 66 KB file.
    static constexpr qsizetype maxFileBytes = 16 * 1024 * 1024;
    static constexpr qsizetype maxExpandedBytes = 64 * 1024 * 1024;

    static ParsedDocument read(const QByteArray &bytes);
    static QString tooLarge(qint64 bytes);

private:
    static bool looksLikeJson(const QByteArray &bytes);
    static ParsedDocument readJson(const QByteArray &bytes);
    static ParsedDocument readYaml(const QByteArray &bytes);
};
