#pragma once

#include "event/event.h"
#include "event/eventsummary.h"
#include "filtererror.h"

#include <QString>

#include <memory>
#include <variant>

class FilterPredicate;

// A compiled filter expression (grammar in the project README, "Filter language"): one
// implementation for the filter bar, response rules, `export --filter` and `--headless --filter`.
// Cheap to copy: copies share one immutable compiled tree, and matches() is const and keeps its
// scratch state on the stack, so any number of threads may evaluate the same Filter at once.
class Filter
{
public:
    Filter() = default; // the empty filter: matches everything

    // Empty or blank text gives the empty filter.
    static std::variant<Filter, FilterError> compile(const QString &expression);

    bool isEmpty() const { return !m_data; }
    // True when a term reads headers, json., body or searches bare words: the caller must then
    // pass the full Event. Summary-only filters never allocate while matching.
    bool needsEvent() const;
    // `event` may be null when !needsEvent(); terms that need it then count as missing fields.
    bool matches(const EventSummary &summary, const Event *event = nullptr) const;
    // matches() with its third outcome: a `matches` term that ran out of its budget
    // (BoundedRegex) makes the whole verdict undecided, with the reason; matched is then false.
    struct Verdict
    {
        bool matched = false;
        QString undecided;
        bool isUndecided() const { return !undecided.isEmpty(); }
    };
    Verdict evaluate(const EventSummary &summary, const Event *event = nullptr) const;
    QString expression() const;

private:
    struct Data;
    std::shared_ptr<const Data> m_data;
};
