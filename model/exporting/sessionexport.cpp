#include "sessionexport.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

SessionExport::SessionExport(const SessionStore &store, const Analyzer &analyzer,
                             ExportFormat format, ExportOptions options)
    : m_store(store)
    , m_analyzer(analyzer)
    , m_format(format)
    , m_options(std::move(options))
{ }

void SessionExport::selectMatching(Filter filter)
{
    m_seqs.reset();
    m_filter = std::move(filter);
}

EventAnalysis SessionExport::analysisOf(const Event &event, const EventSummary &summary) const
{
    if (m_format == ExportFormat::Ndjson)
        return m_analyzer.rejudge(event, summary);
    EventAnalysis analysis;
    analysis.bodyKind = summary.bodyKind;
    analysis.eventType = summary.eventType;
    analysis.classifiedBy = summary.classifiedBy;
    analysis.schemaChecked = summary.schemaChecked;
    analysis.signature.state = summary.signature;
    return analysis;
}

SessionExport::Result SessionExport::forEachSelected(const Sink &sink) const
{
    return m_seqs ? forEachSeq(sink) : forEachMatch(sink);
}

// Each chosen seq by its key: a selection is usually a small part of the session.
SessionExport::Result SessionExport::forEachSeq(const Sink &sink) const
{
    Result result;
    qint64 done = 0;
    for (qint64 seq : *m_seqs) {
        if (auto stored = m_store.loadWithSummary(seq)) {
            result.error = sink(stored->first, analysisOf(stored->first, stored->second));
            if (!result.error.isEmpty())
                return result;
            ++result.events;
        }
        if (m_progress && !m_progress(++done)) {
            result.stopped = true;
            return result;
        }
    }
    return result;
}

// One pass over the session in seq order, the filter deciding on each stored summary (and the
// event, for the terms that read it).
SessionExport::Result SessionExport::forEachMatch(const Sink &sink) const
{
    Result result;
    qint64 done = 0;
    const bool needsEvent = m_filter.needsEvent();
    const Status read = m_store.forEachEventAndSummary([&](Event &&event, EventSummary &&summary) {
        const Filter::Verdict verdict = m_filter.evaluate(summary, needsEvent ? &event : nullptr);
        if (verdict.isUndecided() && result.undecided++ == 0)
            result.firstUndecided = u"event %1: %2"_s.arg(event.seq).arg(verdict.undecided);
        if (verdict.matched) {
            result.error = sink(event, analysisOf(event, summary));
            if (!result.error.isEmpty())
                return false;
            ++result.events;
        }
        result.stopped = m_progress && !m_progress(++done);
        return !result.stopped;
    });
    if (!read && result.error.isEmpty())
        result.error = u"%1: cannot read the session: %2"_s.arg(m_store.path(), read.error());
    return result;
}

SessionExport::Result SessionExport::toDevice(QIODevice &device, const QString &label) const
{
    ExportWriter writer(&device, m_format, m_options);
    const auto writeError = [&device, &label] {
        return u"%1: cannot write: %2"_s.arg(label, device.errorString());
    };
    Result result = forEachSelected([&](const Event &event, const EventAnalysis &analysis) {
        return writer.add(event, analysis) ? QString() : writeError();
    });
    if (result.error.isEmpty() && !result.stopped && !writer.finish())
        result.error = writeError();
    return result;
}

SessionExport::Result SessionExport::toFile(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return { 0, u"%1: cannot write: %2"_s.arg(path, file.errorString()) };
    Result result = toDevice(file, path);
    if (!result.error.isEmpty() || result.stopped)
        file.cancelWriting();
    else if (!file.commit())
        result.error = u"%1: cannot write: %2"_s.arg(path, file.errorString());
    return result;
}

SessionExport::Result SessionExport::toFolder(const QString &folder) const
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return { 0, u"%1: exists and is not a folder"_s.arg(folder) };
    if (!QDir().mkpath(folder))
        return { 0, u"%1: cannot create the folder"_s.arg(folder) };
    FixtureFolderWriter writer(folder, m_options.redact);
    return forEachSelected([&writer](const Event &event, const EventAnalysis &analysis) {
        return writer.write(event, analysis.eventType).error;
    });
}
