#pragma once

#include "event/violation.h"

#include <QJsonValue>

#include <optional>

class SchemaGraph;

// An upper bound on what valijson will spend on one body, computed before it runs, because it
// cannot be stopped once started. Counted in units of about one std::regex step (0.2-0.5 µs):
// each schema application along every allOf/anyOf/oneOf/$ref/not/if path, each enum member it
// compares, each patternProperties search of a key (StdRegexCost), each uniqueItems comparison.
// Over the budget, the body is not validated and gets one "undecided" violation saying why: never a
// silent verdict. Only run for schemas whose cost can grow faster than the body
// (SchemaGraph::needsBudget).
class ValidationBudget
{
public:
    static constexpr double baseUnits = 300'000; // about 0.1 s
    static constexpr double unitsPerValue = 64; // what an ordinary schema spends per body value
    static constexpr double unitsPerApplication = 4;

    static std::optional<Violation> check(const SchemaGraph &graph, int root,
                                          const QJsonValue &body, const QString &eventType);
};
