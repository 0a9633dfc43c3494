#include "analyzer.h"

EventAnalysis Analyzer::analyze(const Event &) const
{
    return {};
}
