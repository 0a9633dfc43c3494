#include "exporters.h"

#include "httptext.h"
#include "jsontext.h"
#include "redaction.h"

#include <QJsonDocument>

#include <array>

using namespace Qt::StringLiterals;
using HttpText::lineSafe;

namespace {

constexpr std::array<std::pair<ExportFormat, const char16_t *>, 7> formatNames { {
    { ExportFormat::Har, u"har" },
    { ExportFormat::Ndjson, u"ndjson" },
    { ExportFormat::Fixtures, u"fixtures" },
    { ExportFormat::Curl, u"curl" },
    { ExportFormat::Httpie, u"httpie" },
    { ExportFormat::Raw, u"raw" },
    { ExportFormat::JsonBody, u"json" },
} };

QByteArray quoteText(const QByteArray &bytes)
{
    return JsonText::quote(bytes.isValidUtf8() ? bytes : QString::fromUtf8(bytes).toUtf8());
}

QByteArray quoteText(const QString &text)
{
    return JsonText::quote(text.toUtf8());
}

QByteArray violationsJson(const Violations &violations)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < violations.size(); ++i) {
        const Violation &v = violations[i];
        out += (i ? ",{\"pointer\":"_ba : "{\"pointer\":"_ba) + quoteText(v.pointer)
            + ",\"keyword\":" + quoteText(v.keyword) + ",\"severity\":"
            + quoteText(severityName(v.severity)) + ",\"message\":" + quoteText(v.message) + '}';
    }
    return out + ']';
}

// `valid` is null when there was nothing to judge by (no schema).
QByteArray verdictJson(Verdict verdict)
{
    return verdict == Verdict::None ? "null"_ba
                                    : (verdict == Verdict::Valid ? "true"_ba : "false"_ba);
}

// The fields after seq, receivedAt, method and target in `--headless --json`.
QByteArray analysisFields(const Event &e, const EventAnalysis &analysis)
{
    const QByteArray status =
        e.origin == Origin::Loaded ? "null"_ba : QByteArray::number(e.response.status);
    // An unknown type is null, as in every other JSON Hookscope writes.
    const QByteArray eventType =
        analysis.eventType.isEmpty() ? "null"_ba : quoteText(analysis.eventType);
    return ",\"eventType\":" + eventType
        + ",\"classifiedBy\":" + quoteText(classifiedByName(analysis.classifiedBy)) + ",\"valid\":"
        + verdictJson(analysis.verdict()) + ",\"violations\":" + violationsJson(analysis.violations)
        + ",\"signature\":" + quoteText(signatureStateName(analysis.signature.state))
        + ",\"status\":" + status;
}

} // namespace

QString exportFormatName(ExportFormat format)
{
    for (const auto &[candidate, name] : formatNames) {
        if (candidate == format)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    for (const auto &[format, candidate] : formatNames) {
        if (name.compare(QString::fromUtf16(candidate), Qt::CaseInsensitive) == 0)
            return format;
    }
    return std::nullopt;
}

QByteArray toJsonBody(const Event &e)
{
    QJsonParseError error;
    QJsonDocument::fromJson(e.body, &error);
    return error.error == QJsonParseError::NoError ? JsonText::pretty(e.body) : e.body;
}

QByteArray toRawHttp(const Event &e, bool redact)
{
    QByteArray out = lineSafe(e.method) + ' ' + lineSafe(e.target) + " HTTP/1.1\r\n";
    for (const auto &[name, value] : Redaction::headers(e.headers, redact))
        out += lineSafe(name) + ": " + lineSafe(value) + "\r\n";
    return out + "\r\n" + e.body;
}

QByteArray toHeadlessJsonLine(const Event &e, const EventAnalysis &analysis)
{
    return "{\"seq\":" + QByteArray::number(e.seq) + ",\"receivedAt\":"
        + quoteText(Fixture::isoUtc(e.receivedAtMs)) + ",\"method\":" + quoteText(e.method)
        + ",\"target\":" + quoteText(e.target) + analysisFields(e, analysis) + "}\n";
}

QByteArray toNdjsonLine(const Event &e, const EventAnalysis &analysis, bool redact)
{
    const Fixture::Members m = Fixture::members(e, analysis.eventType, redact);
    QByteArray out = "{\"hookscope\":" + QByteArray::number(Fixture::version)
        + ",\"seq\":" + QByteArray::number(e.seq) + ",\"receivedAt\":" + m.receivedAt + ",\""
        + m.methodKey + "\":" + m.method + ",\"" + m.targetKey + "\":" + m.target
        + analysisFields(e, analysis) + ",\"headers\":[";
    for (qsizetype i = 0; i < m.headers.size(); ++i)
        out += (i ? ","_ba : QByteArray())
            + Fixture::headerJson(m.headers[i].first, m.headers[i].second, false);
    out += ']';
    if (!m.bodyEncoding.isEmpty())
        out += ",\"bodyEncoding\":" + m.bodyEncoding;
    return out + ",\"body\":" + m.body + "}\n";
}

QString fixtureFileName(const Event &e, const QString &eventType)
{
    QString type = eventType.left(80);
    for (QChar &c : type) {
        const bool safe = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
        if (!safe)
            c = u'_';
    }
    if (type.isEmpty())
        type = u"event"_s;
    return type + u'-' + QString::number(e.seq) + u".json"_s;
}
