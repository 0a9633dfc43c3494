#pragma once

#include "analyzer.h"
#include "event/eventsummary.h"

#include <functional>

class JobControl;

// Checks a whole session again with another Analyzer (new secrets, new schemas), as a JobTracker
// job with its own connection: stored summaries are updated in transactions of kChunk events,
// each chunk's new summaries are handed to onChunk on the tracker's thread (for the table to
// update in place), and progress is reported in percent. A cancelled job stops after its chunk.
namespace Reanalysis {
constexpr int kChunk = 1000;
void run(JobControl &job, const QString &sessionPath, const Analyzer &analyzer,
         const std::function<void(const QList<EventSummary> &)> &onChunk);
} // namespace Reanalysis
