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
