#include "selectionexport.h"

QStringList exportSelection(const SessionStore &store, const Analyzer &analyzer,
                            const QList<qint64> &seqs, const SelectionExport &what,
                            const ExportProgress &progress)
{
    SessionExport exporter(store, analyzer, what.format, what.options);
    exporter.selectSeqs(seqs);
    exporter.setProgress(progress);
    const SessionExport::Result result =
        what.oneFilePerEvent ? exporter.toFolder(what.target) : exporter.toFile(what.target);
    return result.error.isEmpty() ? QStringList() : QStringList { result.error };
}
