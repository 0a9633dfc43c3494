#include "filtertime.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
// Zone designator: Z, ±HH:MM or ±HHMM; nullopt for local time.
std::optional<QTimeZone> zoneOf(const QString &zone)
{
    if (zone.isEmpty())
        return std::nullopt;
    if (zone.compare(u"Z", Qt::CaseInsensitive) == 0)
        return QTimeZone::utc();
    const int sign = zone.startsWith(u'-') ? -1 : 1;
    const QString digits = zone.mid(1).remove(u':');
    const int seconds = digits.left(2).toInt() * 3600 + digits.mid(2).toInt() * 60;
    return QTimeZone(sign * seconds);
}

qint64 spanMs(const QRegularExpressionMatch &match)
{
    if (match.capturedLength(7) > 0)
        return 1;
    if (match.capturedLength(6) > 0)
        return 1000;
    return 60 * 1000;
}

int milliseconds(const QString &fraction)
{
    return fraction.isEmpty() ? 0 : QString(fraction + u"00"_s).left(3).toInt();
}
} // namespace

std::optional<FilterTime::Interval> FilterTime::parse(const QString &text)
{
    static const QRegularExpression pattern(
        u"^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?)?"
        "(Z|[+-]\\d{2}:?\\d{2})?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    const bool hasTime = match.capturedLength(4) > 0;
    const QTime time = hasTime ? QTime(match.captured(4).toInt(), match.captured(5).toInt(),
                                       match.captured(6).toInt(), milliseconds(match.captured(7)))
                               : QTime(0, 0);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const std::optional<QTimeZone> zone = zoneOf(match.captured(8));
    const QDateTime from = zone ? QDateTime(date, time, *zone) : QDateTime(date, time);
    // A day is counted in calendar terms, so a day with a DST change still ends at midnight.
    const QDateTime to = hasTime ? from.addMSecs(spanMs(match)) : from.addDays(1);
    return Interval { from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch() };
}
