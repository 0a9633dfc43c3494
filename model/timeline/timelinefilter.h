#pragma once

#include <QString>

// The filter expressions the timeline and the per-type panel write into the filter bar, where
// the user sees and can edit them (grammar: README "Filter language").
namespace TimelineFilter {
// `time >= "…" && time < "…"` for [fromMs, toMs), written in local time with its UTC offset
// ("2026-11-22T10:00:05+01:00"), so it reads like the table and is exact across DST changes.
// Whole seconds are written without milliseconds.
QString timeRange(qint64 fromMs, qint64 toMs);
// `event == "TYPE"`, or `!event` for events of unknown type (""); with alsoInferred,
// `event in {"TYPE" "TYPE?"}`: the events that say TYPE and those it was inferred for.
QString eventType(const QString &type, bool alsoInferred = false);
// The text with `term` in it: replaces `previous` (the term this source wrote last) where the
// text still holds it, else joins it to what the user has with `&&` (parenthesised when the
// text has an `||`), else the term alone.
QString combine(const QString &text, const QString &previous, const QString &term);
// What clicking an event type writes: `term` (an eventType() term) in place of the event
// term the text has (`event == "X"`, `event == X`, `event in {…}` or `!event`); without one, the
// term alone, joined only to `keep` (the timeline's range) when the text still holds it. An
// unrelated filter the user left in the bar is never narrowed further: the table would show
// nothing.
QString withEventType(const QString &text, const QString &keep, const QString &term);
// The text without `term` and the `&&` that joined it; unchanged when the term is not there.
QString without(const QString &text, const QString &term);
} // namespace TimelineFilter
