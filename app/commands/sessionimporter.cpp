#include "sessionimporter.h"

#include "shutdownsignals.h"

#include <QtConcurrent/QtConcurrentMap>

using namespace Qt::StringLiterals;

SessionImporter::SessionImporter(SessionStore &store, const Analyzer &analyzer,
                                 ImportOptions options)
    : m_store(store)
    , m_analyzer(analyzer)
    , m_options(options)
    , m_nextSeq(store.maxSeq() + 1)
{ }

SessionImporter::FileResult SessionImporter::importFile(const QString &path)
{
    FileResult result;
    PayloadImporter::streamFile(
        path,
        [this, &result](Event &&event, const QString &) {
            result.interrupted = result.interrupted || ShutdownSignals::requested();
            if (!result.storeError.isEmpty() || result.interrupted)
                return; // the session cannot take more: read on only to report the file
            event.seq = m_nextSeq++;
            m_pending.append(std::move(event));
            if (m_pending.size() >= batchSize)
                flush(result);
        },
        [&result](ImportError &&error) { result.errors.append(std::move(error)); }, m_options);
    if (result.storeError.isEmpty() && !result.interrupted)
        flush(result);
    m_pending.clear();
    return result;
}

// Analysis is const and thread-safe, so a batch is analysed on all cores before one commit.
bool SessionImporter::flush(FileResult &result)
{
    if (m_pending.isEmpty())
        return true;
    const QList<EventAnalysis> analyses = QtConcurrent::blockingMapped(
        m_pending, [this](const Event &event) { return m_analyzer.analyze(event); });
    if (const Status stored = m_store.append(m_pending, analyses); !stored) {
        result.storeError = u"%1: cannot store events: %2"_s.arg(m_store.path(), stored.error());
        return false;
    }
    result.events += m_pending.size();
    m_pending.clear();
    return true;
}
