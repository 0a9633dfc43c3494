#include "eventsummary.h"

#include <QStringList>

#include <limits>

using namespace Qt::StringLiterals;

namespace {
quint16 clampCount(int count)
{
    return quint16(std::min(count, int(std::numeric_limits<quint16>::max())));
}

QString countText(int count, const QString &one, const QString &many)
{
    return count == 1 ? one : many.arg(count);
}
} // namespace

EventSummary EventSummary::from(const Event &event, const EventAnalysis &analysis)
{
    EventSummary summary;
    summary.seq = event.seq;
    summary.receivedAtMs = event.receivedAtMs;
    summary.method = QString::fromLatin1(event.method);
    summary.target = QString::fromUtf8(event.target);
    summary.eventType = analysis.eventType;
    summary.remote = event.remote;
    summary.contentType = QString::fromLatin1(event.headerValue("content-type").trimmed());
    summary.attempt = attemptOf(event.headers);
    summary.bodySize =
        quint32(std::min<qsizetype>(event.body.size(), std::numeric_limits<quint32>::max()));
    summary.status = quint16(event.response.status);
    summary.errorCount = clampCount(analysis.errorCount());
    summary.warningCount = clampCount(analysis.warningCount());
    summary.classifiedBy = analysis.classifiedBy;
    summary.signature = analysis.signature.state;
    summary.bodyKind = analysis.bodyKind;
    summary.origin = event.origin;
    summary.schemaChecked = analysis.schemaChecked;
    return summary;
}

quint16 EventSummary::attemptOf(const HeaderList &headers)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("attempt", Qt::CaseInsensitive) != 0
            && !name.toLower().endsWith("-attempt"))
            continue;
        bool ok = false;
        const uint number = value.trimmed().toUInt(&ok);
        if (ok)
            return quint16(std::min<uint>(number, std::numeric_limits<quint16>::max()));
    }
    return 0;
}

QString EventSummary::validityText() const
{
    // "text, 1 error": a schema expected JSON and got text.
    if (bodyKind != BodyKind::Json)
        return bodyKind != BodyKind::InvalidJson && errorCount
            ? bodyKindName(bodyKind) + u", "_s + countText(errorCount, u"1 error"_s, u"%1 errors"_s)
            : bodyKindName(bodyKind);
    if (errorCount == 0 && warningCount == 0)
        return schemaChecked ? u"valid"_s : u"no schema"_s;
    QStringList parts;
    if (errorCount)
        parts.append(countText(errorCount, u"1 error"_s, u"%1 errors"_s));
    if (warningCount)
        parts.append(countText(warningCount, u"1 warning"_s, u"%1 warnings"_s));
    return parts.join(u", "_s);
}
