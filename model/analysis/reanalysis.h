#pragma once

#include "analyzer.h"
#include "event/eventsummary.h"

#include <QFuture>

#include <memory>

// Checks a whole session again with another Analyzer (new secrets, new schemas), on a worker
// thread with its own connection: stored summaries are updated in transactions of kChunk events
// and each chunk's new summaries arrive as one result, for the table to update in place.
namespace Reanalysis {
constexpr int kChunk = 1000;
QFuture<QList<EventSummary>> start(const QString &sessionPath,
                                   std::shared_ptr<const Analyzer> analyzer);
} // namespace Reanalysis
