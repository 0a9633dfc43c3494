#pragma once

#include <QByteArrayView>
#include <QJsonDocument>
#include <QString>

enum class InputFormat : quint8 {
    Empty, // nothing but whitespace
    JsonPayload, // one JSON document: a payload, a fixture or a HAR log (see classify())
    JsonArray, // an array of payloads and/or fixtures
    JsonLines, // NDJSON / JSON Lines: one JSON value per line
    Har,
    Fixture,
    RawHttp, // HTTP/1.1 request messages (see RawHttpReader)
    CurlCommand, // pasted "Copy as cURL" commands (see CurlCommandReader)
    NotJson,
};

// Picks a reader from a file's first bytes, with its extension as a hint (.ndjson and .jsonl are
// always read as lines). Content decides the rest: a first line that is a complete JSON value
// followed by more content means JSON Lines; a whole document is classified after parsing.
class FormatDetector
{
public:
    // HEAD must hold the first line and whatever follows it in the same read.
    static InputFormat detect(QByteArrayView head, const QString &fileName);
    static InputFormat classify(const QJsonDocument &document);
    static QString name(InputFormat format);
    // Offset of the first byte that is neither a byte order mark nor JSON whitespace.
    static qsizetype contentStart(QByteArrayView bytes);
    static bool firstLineIsCompleteJson(QByteArrayView bytes, qsizetype start);
};
