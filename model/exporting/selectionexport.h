#pragma once

#include "sessionexport.h"

#include <QStringList>

// Where and how the window's chosen events (a selection or the filtered view) are written.
struct SelectionExport
{
    ExportFormat format = ExportFormat::Har;
    ExportOptions options;
    QString target; // the file, or the folder that receives one fixture file per event
    bool oneFilePerEvent = false; // fixtures into the folder TARGET
};

// SEQS of the session in STORE written through SessionExport, the path `hookscope export` takes
// too. A single file is written through QSaveFile: a stopped or failed export leaves nothing
// behind. Returns the errors, each naming the file; an export stopped by PROGRESS returns none.
QStringList exportSelection(const SessionStore &store, const Analyzer &analyzer,
                            const QList<qint64> &seqs, const SelectionExport &what,
                            const ExportProgress &progress = {});
