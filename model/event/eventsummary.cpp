#include "eventsummary.h"

#include <limits>

namespace {
quint16 clampCount(int count)
{
    return quint16(std::min(count, int(std::numeric_limits<quint16>::max())));
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
