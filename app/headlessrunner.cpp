#include "headlessrunner.h"

#include "formats/exporters.h"

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
    QString verdict = analysis.isValid() ? u"valid"_s : u"%1 error(s)"_s.arg(analysis.errorCount());
    if (!analysis.parseError.isEmpty())
        verdict =
            u"not JSON: %1 at byte %2"_s.arg(analysis.parseError).arg(analysis.parseErrorOffset);
    const QString type = analysis.eventType.isEmpty() ? u"-"_s : analysis.eventType;
    return u"#%1 %2 %3 %4 %5 %6 %7 bytes, %8"_s.arg(event.seq)
        .arg(time, QString::fromLatin1(event.method), QString::fromUtf8(event.target), type)
        .arg(event.response.status)
        .arg(event.body.size())
        .arg(verdict)
        .toUtf8();
}

void HeadlessRunner::print(const CapturedBatch &batch)
{
    // One write per batch: a line per write() costs more than everything else under load.
    QByteArray lines;
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        const Event &event = batch.events.at(i);
        const EventAnalysis &analysis = batch.analyses.at(i);
        if (!m_filter.isEmpty() && !m_filter.matches(EventSummary::from(event, analysis), &event))
            continue;
        lines +=
            m_json ? toHeadlessJsonLine(event, analysis).chopped(1) : textLine(event, analysis);
        lines += '\n';
    }
    if (!lines.isEmpty())
        m_out->write(lines);
}
