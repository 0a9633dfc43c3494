#pragma once

#include "filter/filter.h"
#include "formats/exportwriter.h"
#include "schema/schemaregistry.h"
#include "store/sessionstore.h"

#include <QString>

class QIODevice;

// Streams a session's events, filtered, into one export format: one event in memory at a time.
// The analysis comes from the stored summary; the violations, which the store only counts, are
// recomputed against SCHEMAS for the formats that print them (NDJSON).
class SessionExporter
{
public:
    SessionExporter(const SessionStore &store, ExportFormat format, Filter filter,
                    ExportOptions options, const SchemaRegistry &schemas); // store not owned

    struct Result
    {
        qint64 events = 0;
        QString error; // names the file and the reason; empty on success
        // Events left out because the filter could not decide them within its budget.
        qint64 undecided {};
        QString firstUndecided {}; // "event N: reason"
    };
    // Everything into DEVICE as one stream (a file, stdout).
    Result toDevice(QIODevice &device, const QString &label) const;
    // Fixtures: one file per event into FOLDER, each written atomically.
    Result toFolder(const QString &folder) const;

    EventAnalysis analysisOf(const Event &event, const EventSummary &summary) const;

private:
    using Sink = std::function<QString(const Event &, const EventAnalysis &)>;
    Result forEachMatch(const Sink &sink) const;

    const SessionStore &m_store; // not owned
    ExportFormat m_format;
    Filter m_filter;
    ExportOptions m_options;
    SchemaRegistry m_schemas;
};
