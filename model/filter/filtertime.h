#pragma once

#include <QString>

#include <optional>

namespace FilterTime {
// The span of time a literal names, as [fromMs, toMs) in UTC milliseconds since the epoch.
struct Interval
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

// ISO-8601 dates and date-times down to milliseconds: "2026-11-22" (that day),
// "2026-11-22T10:00" (that minute), "2026-11-22 10:00:05", "2026-11-22T10:00:05.250Z",
// "2026-11-22T10:00+01:00". Without Z or an offset the time is local, as the table shows it.
std::optional<Interval> parse(const QString &text);
} // namespace FilterTime
