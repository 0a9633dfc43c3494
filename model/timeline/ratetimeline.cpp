#include "ratetimeline.h"

#include <algorithm>

namespace {
constexpr std::array<qint64, 3> kLevelMs { RateTimeline::kSecondMs, RateTimeline::kMinuteMs,
                                           RateTimeline::kHourMs };

void count(RateCount &into, Verdict verdict)
{
    ++(verdict == Verdict::Valid ? into.valid
                                 : (verdict == Verdict::Invalid ? into.invalid : into.unchecked));
}

void addCount(RateCount &into, const RateCount &more)
{
    into.valid += more.valid;
    into.invalid += more.invalid;
    into.unchecked += more.unchecked;
}
} // namespace

qint64 RateTimeline::alignDown(qint64 ms, qint64 binMs)
{
    const qint64 quotient = ms / binMs;
    return (ms % binMs < 0 ? quotient - 1 : quotient) * binMs;
}

qint64 RateTimeline::binWidthFor(qint64 spanMs, int maxBins)
{
    static constexpr std::array<qint64, 22> widths {
        kSecondMs,  2 * kSecondMs, 5 * kSecondMs, 10 * kSecondMs, 15 * kSecondMs, 30 * kSecondMs,
        kMinuteMs,  2 * kMinuteMs, 5 * kMinuteMs, 10 * kMinuteMs, 15 * kMinuteMs, 30 * kMinuteMs,
        kHourMs,    2 * kHourMs,   3 * kHourMs,   6 * kHourMs,    12 * kHourMs,   kDayMs,
        2 * kDayMs, 7 * kDayMs,    30 * kDayMs,   365 * kDayMs,
    };
    const qint64 bins = std::max(1, maxBins);
    for (const qint64 width : widths) {
        if (spanMs <= width * bins)
            return width;
    }
    // Spans of centuries: whole years, as many as needed.
    return (spanMs / bins / widths.back() + 1) * widths.back();
}

void RateTimeline::Series::add(qint64 timeMs, Verdict verdict)
{
    for (size_t level = 0; level < m_levels.size(); ++level) {
        std::vector<Bucket> &buckets = m_levels[level];
        const qint64 key = alignDown(timeMs, kLevelMs[level]) / kLevelMs[level];
        // Live events arrive in time order: the last bucket or a new one at the end. Loaded
        // payloads may carry older times and are inserted in place.
        if (buckets.empty() || buckets.back().key < key) {
            buckets.push_back({ key, {} });
            count(buckets.back().count, verdict);
            continue;
        }
        auto it = std::lower_bound(buckets.begin(), buckets.end(), key,
                                   [](const Bucket &b, qint64 k) { return b.key < k; });
        if (it == buckets.end() || it->key != key)
            it = buckets.insert(it, { key, {} });
        count(it->count, verdict);
    }
}

void RateTimeline::Series::accumulate(qint64 fromMs, qint64 binMs,
                                      std::vector<RateCount> &bins) const
{
    // The coarsest level whose buckets each fall inside one bin.
    size_t level = kLevelMs.size() - 1;
    while (level > 0 && (binMs % kLevelMs[level] != 0 || fromMs % kLevelMs[level] != 0))
        --level;
    const qint64 width = kLevelMs[level];
    const std::vector<Bucket> &buckets = m_levels[level];
    const qint64 endMs = fromMs + binMs * qint64(bins.size());
    auto it = std::lower_bound(buckets.begin(), buckets.end(), alignDown(fromMs, width) / width,
                               [](const Bucket &b, qint64 k) { return b.key < k; });
    for (; it != buckets.end() && it->key * width < endMs; ++it) {
        const qint64 at = it->key * width;
        if (at >= fromMs)
            addCount(bins[size_t((at - fromMs) / binMs)], it->count);
    }
}

void RateTimeline::add(const EventSummary &summary)
{
    add(summary.receivedAtMs, summary.verdict(), summary.eventType);
}

void RateTimeline::add(qint64 timeMs, Verdict verdict, const QString &eventType)
{
    m_firstMs = m_eventCount == 0 ? timeMs : std::min(m_firstMs, timeMs);
    m_lastMs = m_eventCount == 0 ? timeMs : std::max(m_lastMs, timeMs);
    ++m_eventCount;
    count(m_total, verdict);
    m_all.add(timeMs, verdict);
    const int type = typeIndex(eventType);
    count(m_typeTotals[size_t(type)], verdict);
    if (m_splitByType)
        m_byType[size_t(type)].add(timeMs, verdict);
}

int RateTimeline::typeIndex(const QString &eventType)
{
    const auto it = m_typeIds.constFind(eventType);
    if (it != m_typeIds.cend())
        return *it;
    const int index = int(m_types.size());
    m_typeIds.insert(eventType, index);
    m_types.append(eventType);
    m_typeTotals.push_back({});
    m_byType.resize(m_types.size());
    return index;
}

void RateTimeline::clear()
{
    const bool split = m_splitByType;
    *this = RateTimeline();
    m_splitByType = split;
}

void RateTimeline::setSplitByType(bool on)
{
    m_splitByType = on;
    m_byType.assign(m_types.size(), Series());
}

std::vector<RateCount> RateTimeline::bins(qint64 fromMs, qint64 binMs, int count) const
{
    std::vector<RateCount> out(size_t(std::max(0, count)));
    if (!out.empty() && binMs > 0)
        m_all.accumulate(fromMs, binMs, out);
    return out;
}

std::vector<RateCount> RateTimeline::typeBins(int type, qint64 fromMs, qint64 binMs,
                                              int count) const
{
    std::vector<RateCount> out(size_t(std::max(0, count)));
    if (m_splitByType && type >= 0 && type < int(m_byType.size()) && !out.empty() && binMs > 0)
        m_byType[size_t(type)].accumulate(fromMs, binMs, out);
    return out;
}

RateCount RateTimeline::typeTotal(int type) const
{
    return type >= 0 && type < int(m_typeTotals.size()) ? m_typeTotals[size_t(type)] : RateCount();
}
