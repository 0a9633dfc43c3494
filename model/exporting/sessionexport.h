#pragma once

#include "analysis/analyzer.h"
#include "filter/filter.h"
#include "formats/exportwriter.h"
#include "store/sessionstore.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

// Called with the number of events visited so far; returning false stops the export.
using ExportProgress = std::function<bool(qint64 done)>;

// The one way a session's events become an export, for File ▸ Export and `hookscope export`
// alike, so the same events in the same format give the same bytes. One event is in memory at a
// time. An event's analysis is its stored summary (type, classification, signature: what the
// table shows, which the window re-checks whenever its schemas or secrets change) with, for the
// formats that print violations (NDJSON), the body judged again against the analyzer's schemas:
// the store keeps only their counts. The other formats never parse a body.
class SessionExport
{
public:
    SessionExport(const SessionStore &store, const Analyzer &analyzer, ExportFormat format,
                  ExportOptions options); // store and analyzer not owned

    // The events to write: these seqs in this order (missing ones are skipped), or else every
    // event FILTER matches, in seq order (the default filter matches all).
    void selectSeqs(QList<qint64> seqs) { m_seqs = std::move(seqs); }
    void selectMatching(Filter filter);
    void setProgress(ExportProgress progress) { m_progress = std::move(progress); }

    struct Result
    {
        qint64 events = 0;
        QString error; // names the file and the reason; empty on success
        bool stopped = false; // progress said stop
        // Events left out because the filter could not decide them within its budget.
        qint64 undecided = 0;
        QString firstUndecided; // "event N: reason"
    };
    // Everything into DEVICE as one stream (stdout); LABEL names it in errors.
    Result toDevice(QIODevice &device, const QString &label) const;
    // One file, through QSaveFile: a failed or stopped export leaves nothing behind.
    Result toFile(const QString &path) const;
    // Fixtures: one file per event into FOLDER (created if need be), each written atomically.
    Result toFolder(const QString &folder) const;

    EventAnalysis analysisOf(const Event &event, const EventSummary &summary) const;

private:
    using Sink = std::function<QString(const Event &, const EventAnalysis &)>;
    Result forEachSelected(const Sink &sink) const;
    Result forEachSeq(const Sink &sink) const;
    Result forEachMatch(const Sink &sink) const;

    const SessionStore &m_store; // not owned
    const Analyzer &m_analyzer; // not owned
    ExportFormat m_format;
    ExportOptions m_options;
    std::optional<QList<qint64>> m_seqs;
    Filter m_filter;
    ExportProgress m_progress;
};
