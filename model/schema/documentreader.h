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

    static ParsedDocument read(const QByteArray &bytes);

private:
    static bool looksLikeJson(const QByteArray &bytes);
    static ParsedDocument readJson(const QByteArray &bytes);
    static ParsedDocument readYaml(const QByteArray &bytes);
};
