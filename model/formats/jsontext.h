#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// Byte-level helpers for JSON text that QJsonDocument cannot give us: it sorts object keys and
// turns big integers into doubles, so anything that must keep the sender's bytes works on text.
class JsonText
{
public:
    struct Span
    {
        qsizetype offset = 0;
        qsizetype length = 0;
    };

    // A JSON string literal for valid UTF-8 text: quotes, backslashes and control characters
    // escaped, everything else written as is.
    static QByteArray quote(QByteArrayView utf8);
    // Re-indents valid JSON text (2 spaces), keeping key order, numbers and strings byte-exact.
    static QByteArray pretty(QByteArrayView json);
    // The exact text of each element of a valid top-level JSON array, in order.
    static QList<Span> arrayElements(QByteArrayView json);
    // 1-based line number of a byte offset.
    static qint64 lineAt(QByteArrayView text, qsizetype offset);
    // Length of a leading UTF-8 byte order mark (0 or 3).
    static qsizetype bomLength(QByteArrayView text);
    static bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

private:
    static qsizetype stringEnd(QByteArrayView json, qsizetype quoteAt);
};
