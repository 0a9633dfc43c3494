#include "selectionexport.h"

#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
using Sink = std::function<QString(const Event &, const EventAnalysis &)>;

struct Outcome
{
    QString error; // the first failed write; the rest would fail the same way
    bool stopped = false; // progress said stop
};

// Loads and analyses each event in turn and hands it to SINK, until an error or a stop.
Outcome forEachSelected(const SessionStore &store, const Analyzer &analyzer,
                        const QList<qint64> &seqs, const ExportProgress &progress, const Sink &sink)
{
    qint64 done = 0;
    for (qint64 seq : seqs) {
        if (const std::optional<Event> event = store.load(seq)) {
            if (QString error = sink(*event, analyzer.analyze(*event)); !error.isEmpty())
                return { error };
        }
        if (progress && !progress(++done))
            return { {}, true };
    }
    return {};
}

QStringList toFolder(const SessionStore &store, const Analyzer &analyzer, const QList<qint64> &seqs,
                     const SelectionExport &what, const ExportProgress &progress)
{
    FixtureFolderWriter writer(what.target, what.options.redact);
    const Outcome outcome =
        forEachSelected(store, analyzer, seqs, progress,
                        [&writer](const Event &event, const EventAnalysis &analysis) {
                            return writer.write(event, analysis.eventType).error;
                        });
    return outcome.error.isEmpty() ? QStringList() : QStringList { outcome.error };
}

QStringList toFile(const SessionStore &store, const Analyzer &analyzer, const QList<qint64> &seqs,
                   const SelectionExport &what, const ExportProgress &progress)
{
    QSaveFile file(what.target);
    const auto failure = [&file, &what] {
        return u"%1: %2"_s.arg(what.target, file.errorString());
    };
    if (!file.open(QIODevice::WriteOnly))
        return { failure() };
    ExportWriter writer(&file, what.format, what.options);
    const Outcome outcome = forEachSelected(
        store, analyzer, seqs, progress, [&](const Event &event, const EventAnalysis &analysis) {
            return writer.add(event, analysis) ? QString() : failure();
        });
    if (outcome.stopped || !outcome.error.isEmpty()) {
        file.cancelWriting();
        return outcome.error.isEmpty() ? QStringList() : QStringList { outcome.error };
    }
    if (!writer.finish() || !file.commit())
        return { failure() };
    return {};
}
} // namespace

QStringList exportSelection(const SessionStore &store, const Analyzer &analyzer,
                            const QList<qint64> &seqs, const SelectionExport &what,
                            const ExportProgress &progress)
{
    return what.oneFilePerEvent ? toFolder(store, analyzer, seqs, what, progress)
                                : toFile(store, analyzer, seqs, what, progress);
}
