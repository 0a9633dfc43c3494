#pragma once

#include "analysis/analyzer.h"
#include "formats/exportwriter.h"
#include "store/sessionstore.h"

#include <QStringList>

#include <functional>

// Where and how the window's chosen events (a selection or the filtered view) are written.
struct SelectionExport
{
    ExportFormat format = ExportFormat::Har;
    ExportOptions options;
    QString target; // the file, or the folder that receives one fixture file per event
    bool oneFilePerEvent = false; // fixtures into the folder TARGET
};

// Called with the number of events written so far; returning false stops the export.
using ExportProgress = std::function<bool(qint64 done)>;

// Writes SEQS of the session in STORE, one event in memory at a time, each analysed afresh (so
// violations and signatures reflect the current schemas and secrets). A single file is written
// through QSaveFile: a stopped or failed export leaves nothing behind. Returns the errors, each
// naming the file; an export stopped by PROGRESS returns none.
QStringList exportSelection(const SessionStore &store, const Analyzer &analyzer,
                            const QList<qint64> &seqs, const SelectionExport &what,
                            const ExportProgress &progress = {});
