#pragma once

#include "analysis/analyzer.h"
#include "formats/importer.h"
#include "store/sessionstore.h"

#include <QList>
#include <QString>

#include <functional>

// Adds loaded events to an open session: numbered after the session's highest seq, analysed,
// and appended in batches so a big NDJSON file never sits in memory whole.
class SessionImporter
{
public:
    static constexpr qsizetype batchSize = 500;

    SessionImporter(SessionStore &store, const Analyzer &analyzer,
                    ImportOptions options = {}); // store and analyzer not owned

    struct FileResult
    {
        qint64 events = 0; // stored
        QList<ImportError> errors; // bad entries, skipped
        QString storeError; // set when the session could not be written: stop importing
        // SIGINT or SIGTERM came: the batches stored before it stay, nothing after it is stored.
        bool interrupted = false;
    };
    FileResult importFile(const QString &path);

private:
    bool flush(FileResult &result);

    SessionStore &m_store; // not owned
    const Analyzer &m_analyzer; // not owned
    ImportOptions m_options;
    qint64 m_nextSeq;
    QList<Event> m_pending;
};
