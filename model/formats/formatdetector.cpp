#include "formatdetector.h"

#include "curlcommandreader.h"
#include "jsontext.h"
#include "rawhttpreader.h"

#include <QFileInfo>
#include <QJsonObject>

using namespace Qt::StringLiterals;

qsizetype FormatDetector::contentStart(QByteArrayView bytes)
{
    qsizetype i = JsonText::bomLength(bytes);
    while (i < bytes.size() && JsonText::isJsonSpace(bytes[i]))
        ++i;
    return i;
}

bool FormatDetector::firstLineIsCompleteJson(QByteArrayView bytes, qsizetype start)
{
    const qsizetype newline = bytes.indexOf('\n', start);
    if (newline < 0 || contentStart(bytes.sliced(newline)) == bytes.size() - newline)
        return false; // a single line is a document, not a stream of them
    QJsonParseError error;
    QJsonDocument::fromJson(bytes.sliced(start, newline - start).toByteArray(), &error);
    return error.error == QJsonParseError::NoError;
}

InputFormat FormatDetector::detect(QByteArrayView head, const QString &fileName)
{
    const qsizetype start = contentStart(head);
    if (start == head.size())
        return InputFormat::Empty;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"ndjson"_s || suffix == u"jsonl"_s)
        return InputFormat::JsonLines;
    const char first = head[start];
    if (CurlCommandReader::looksLikeCurl(head.sliced(start)))
        return InputFormat::CurlCommand;
    if (first != '{' && first != '[') {
        if (RawHttpReader::looksLikeRequest(head.sliced(start)))
            return InputFormat::RawHttp;
        // A bare scalar (42, "x", true, null) is a JSON payload too (RFC 8259).
        return "\"-0123456789tfn"_ba.contains(first) ? InputFormat::JsonPayload
                                                     : InputFormat::NotJson;
    }
    if (firstLineIsCompleteJson(head, start))
        return InputFormat::JsonLines;
    if (suffix == u"har"_s)
        return InputFormat::Har;
    return first == '[' ? InputFormat::JsonArray : InputFormat::JsonPayload;
}

InputFormat FormatDetector::classify(const QJsonDocument &document)
{
    if (document.isArray())
        return InputFormat::JsonArray;
    const QJsonObject object = document.object();
    // A payload may well have a "log" object of its own; a HAR log has entries or a creator.
    const QJsonObject log = object.value(u"log"_s).toObject();
    if (log.value(u"entries"_s).isArray() || log.value(u"creator"_s).isObject())
        return InputFormat::Har;
    if (object.contains(u"hookscope"_s))
        return InputFormat::Fixture;
    return InputFormat::JsonPayload;
}

QString FormatDetector::name(InputFormat format)
{
    switch (format) {
    case InputFormat::Empty:
        return u"empty"_s;
    case InputFormat::JsonPayload:
        return u"JSON payload"_s;
    case InputFormat::JsonArray:
        return u"JSON array"_s;
    case InputFormat::JsonLines:
        return u"NDJSON"_s;
    case InputFormat::Har:
        return u"HAR"_s;
    case InputFormat::Fixture:
        return u"Hookscope fixture"_s;
    case InputFormat::RawHttp:
        return u"HTTP request"_s;
    case InputFormat::CurlCommand:
        return u"curl command"_s;
    case InputFormat::NotJson:
        return u"not JSON"_s;
    }
    return {};
}
