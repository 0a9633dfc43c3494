#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"

// Derives an EventAnalysis from an Event: body kind and JSON parse, event type, schema
// violations, signature. Const and thread-safe, so batches can be analysed in parallel.
class Analyzer
{
public:
    EventAnalysis analyze(const Event &event) const;
};
