#include "headlessrunner.h"

#include "formats/exporters.h"
#include "shutdownsignals.h"

#include <QDateTime>
#include <QIODevice>

using namespace Qt::StringLiterals;

HeadlessRunner::HeadlessRunner(bool json, const Filter &filter, QIODevice *out, QObject *parent)
    : QObject(parent)
    , m_json(json)
    , m_filter(filter)
    , m_out(out)
{ }

QByteArray HeadlessRunner::textLine(const Event &event, const EventAnalysis &analysis)
{
    const QString time =
        QDateTime::fromMSecsSinceEpoch(event.receivedAtMs).toString(u"HH:mm:ss.zzz"_s);
    // The table's words, so a refused or empty request is not called "valid".
    QString verdict = EventSummary::from(event, analysis).validityText();
    if (!analysis.parseError.isEmpty())
        verdict = u"not JSON: %1 at byte %2"_s.arg(analysis.parseError,
                                                   QString::number(analysis.parseErrorOffset));
    const QString type = analysis.eventType.isEmpty() ? u"-"_s : analysis.eventType;
    // One arg() call, so a "%2" in the target (percent-encoding) is never taken for a
    // placeholder, as it would be by a later arg() in a chain.
    return terminalSafe(u"#%1 %2 %3 %4 %5 %6 %7 bytes, %8"_s.arg(
                            QString::number(event.seq), time, QString::fromLatin1(event.method),
                            QString::fromUtf8(event.target), type,
                            QString::number(event.response.status),
                            QString::number(event.body.size()), verdict))
        .toUtf8();
}

QString HeadlessRunner::terminalSafe(QString text)
{
    // An event type from a header could hold ESC sequences that retitle, recolour or rewrite
    // the user's terminal: C0, DEL and C1 controls are shown as \xHH instead.
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            const QString escaped = u"\\x"_s + QString::number(c, 16).rightJustified(2, u'0');
            text.replace(i, 1, escaped);
            i += escaped.size() - 1;
        }
    }
    return text;
}

void HeadlessRunner::print(const CapturedBatch &batch)
{
    // One write per batch: a line per write() costs more than everything else under load.
    QByteArray lines;
    qsizetype unjudged = 0;
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        const Event &event = batch.events.at(i);
        const EventAnalysis &analysis = batch.analyses.at(i);
        // Each evaluation is bounded, but a backlog of them is not: after SIGINT, stop judging.
        if (!m_filter.isEmpty() && ShutdownSignals::requested()) {
            ++unjudged;
            continue;
        }
        if (!m_filter.isEmpty()) {
            const Filter::Verdict verdict =
                m_filter.evaluate(EventSummary::from(event, analysis), &event);
            if (verdict.isUndecided())
                qWarning("--filter is undecided for event %lld: %s; not shown",
                         static_cast<long long>(event.seq), qUtf8Printable(verdict.undecided));
            if (!verdict.matched)
                continue;
        }
        lines +=
            m_json ? toHeadlessJsonLine(event, analysis).chopped(1) : textLine(event, analysis);
        lines += '\n';
    }
    if (!lines.isEmpty())
        m_out->write(lines);
    if (unjudged > 0)
        qWarning("--filter: %lld events not judged, not shown: stopping (they are in the session)",
                 static_cast<long long>(unjudged));
}
