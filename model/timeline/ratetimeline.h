#pragma once

#include "event/eventsummary.h"

#include <QHash>
#include <QStringList>

#include <array>
#include <vector>

// How many events arrived in one bucket of time, split by their verdict (verdictOf()).
struct RateCount
{
    quint32 valid = 0;
    quint32 invalid = 0;
    quint32 unchecked = 0; // Verdict::None: no schema to judge by

    quint32 total() const { return valid + invalid + unchecked; }
    bool operator==(const RateCount &) const = default;
};

// Events per second over a session, kept as bucket counts and never per event: a million events
// cost at most a million occupied seconds (24 bytes each), and usually far fewer. Seconds,
// minutes and hours are counted side by side, so a query for coarse bins (a zoomed-out chart)
// reads the coarse level and costs the number of bins shown, not the number of events.
//
// Times are UTC milliseconds; bins are aligned to multiples of their width since the epoch.
// Per-type counts are kept only while splitByType() is on (the caller adds the events again
// after turning it on), so the split costs nothing until it is asked for.
class RateTimeline
{
public:
    static constexpr qint64 kSecondMs = 1000;
    static constexpr qint64 kMinuteMs = 60 * kSecondMs;
    static constexpr qint64 kHourMs = 60 * kMinuteMs;
    static constexpr qint64 kDayMs = 24 * kHourMs;

    void add(const EventSummary &summary);
    void add(qint64 timeMs, Verdict verdict, const QString &eventType);
    void clear(); // keeps splitByType()

    // Turning the split on or off empties the per-type counts; add every event again.
    void setSplitByType(bool on);
    bool splitByType() const { return m_splitByType; }

    bool isEmpty() const { return m_eventCount == 0; }
    qint64 eventCount() const { return m_eventCount; }
    qint64 firstMs() const { return m_firstMs; } // earliest event; 0 when empty
    qint64 lastMs() const { return m_lastMs; } // latest event; 0 when empty
    RateCount total() const { return m_total; }

    // `count` bins of `binMs` (a whole number of seconds) starting at `fromMs` (aligned to
    // binMs by alignDown()).
    std::vector<RateCount> bins(qint64 fromMs, qint64 binMs, int count) const;
    // The same for one event type (an index into types()); empty counts unless splitByType().
    std::vector<RateCount> typeBins(int type, qint64 fromMs, qint64 binMs, int count) const;
    // Event types in order of first appearance ("" for events of unknown type), with totals.
    const QStringList &types() const { return m_types; }
    RateCount typeTotal(int type) const;

    // The narrowest of 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, … 12 h, 1 day, 2 days, 1 week …
    // that shows spanMs in at most maxBins bins.
    static qint64 binWidthFor(qint64 spanMs, int maxBins);
    static qint64 alignDown(qint64 ms, qint64 binMs); // floor, also before 1970

private:
    // One sparse count per level: seconds, minutes, hours; each sorted by key.
    class Series
    {
    public:
        void add(qint64 timeMs, Verdict verdict);
        void accumulate(qint64 fromMs, qint64 binMs, std::vector<RateCount> &bins) const;

    private:
        struct Bucket
        {
            qint64 key = 0; // time / level width, floored
            RateCount count;
        };
        std::array<std::vector<Bucket>, 3> m_levels;
    };

    int typeIndex(const QString &eventType);

    Series m_all;
    std::vector<Series> m_byType; // parallel to m_types while m_splitByType
    QStringList m_types;
    std::vector<RateCount> m_typeTotals;
    QHash<QString, int> m_typeIds;
    RateCount m_total;
    qint64 m_eventCount = 0;
    qint64 m_firstMs = 0;
    qint64 m_lastMs = 0;
    bool m_splitByType = false;
};
