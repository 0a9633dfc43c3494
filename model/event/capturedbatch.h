#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"

#include <QList>
#include <QMetaType>

// Events that are on disk, with their analysis, in capture order. Crosses threads by value;
// bodies are implicitly shared, not copied.
struct CapturedBatch
{
    QList<Event> events;
    QList<EventAnalysis> analyses;
};

Q_DECLARE_METATYPE(CapturedBatch)
