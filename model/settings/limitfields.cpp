#include "limitfields.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kDay = 24 * 3600 * 1000;
constexpr qint64 kTiB = qint64(1) << 40;

std::optional<qint64> sizeOf(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\s*(\\d+)\\s*(?:([kKmMgG])(?:i?[bB])?|[bB])?\\s*$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch() || match.capturedLength(1) > 15)
        return std::nullopt;
    const qint64 number = match.captured(1).toLongLong();
    const QString unit = match.captured(2).toLower();
    const int shift = unit == u"k"_s ? 10 : unit == u"m"_s ? 20 : unit == u"g"_s ? 30 : 0;
    if (number > (qint64(1) << (62 - shift)))
        return std::nullopt;
    return number << shift;
}

std::optional<qint64> millisecondsOf(const QString &text)
{
    static const QRegularExpression pattern(u"^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch() || match.capturedLength(1) > 12)
        return std::nullopt;
    const QString unit = match.captured(2);
    const double factor = unit == u"ms"_s ? 1
        : unit == u"m"_s                  ? 60'000
        : unit == u"h"_s                  ? 3'600'000
                                          : 1000;
    return qint64(std::llround(match.captured(1).toDouble() * factor));
}

std::optional<qint64> countOf(const QString &text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

QString formatSize(qint64 bytes)
{
    for (const auto &[shift, unit] : { std::pair { 30, u"G"_s }, { 20, u"M"_s }, { 10, u"K"_s } }) {
        if (bytes >= (qint64(1) << shift) && bytes % (qint64(1) << shift) == 0)
            return QString::number(bytes >> shift) + unit;
    }
    return QString::number(bytes);
}

QString formatDuration(qint64 ms)
{
    return ms % 1000 == 0 ? u"%1s"_s.arg(ms / 1000) : u"%1ms"_s.arg(ms);
}
} // namespace

std::variant<qint64, QString> LimitField::parse(const QString &text) const
{
    const std::optional<qint64> value = unit == Unit::Milliseconds ? millisecondsOf(text)
        : unit == Unit::Count                                      ? countOf(text)
                                                                   : sizeOf(text);
    if (!value) {
        const QString expected = unit == Unit::Milliseconds ? u"a duration (30, 1.5s, 500ms, 2m)"_s
            : unit == Unit::Count                           ? u"a whole number"_s
                                  : u"a size in bytes (65536, 512K, 10M)"_s;
        return u"--%1: \"%2\" is not %3"_s.arg(option, text, expected);
    }
    if (*value < minimum || *value > maximum)
        return u"--%1: %2 is out of range (%3 to %4)"_s.arg(option, text, format(minimum),
                                                            format(maximum));
    return *value;
}

QString LimitField::format(qint64 value) const
{
    switch (unit) {
    case Unit::Bytes:
    case Unit::BytesPerSecond:
        return formatSize(value);
    case Unit::Milliseconds:
        return formatDuration(value);
    case Unit::Count:
        break;
    }
    return QString::number(value);
}

QString LimitField::valueName() const
{
    switch (unit) {
    case Unit::Bytes:
    case Unit::BytesPerSecond:
        return u"BYTES"_s;
    case Unit::Milliseconds:
        return u"SECONDS"_s;
    case Unit::Count:
        break;
    }
    return u"N"_s;
}

const QList<LimitField> &limitFields()
{
    using U = LimitField::Unit;
    static const QList<LimitField> fields {
        { u"max-body"_s, u"limits/maxBodyBytes"_s, U::Bytes, 0, kTiB,
          u"Largest request body; a larger one (declared, or chunks as they arrive) gets 413."_s,
          [](const CaptureLimits &l) { return l.maxBodyBytes; },
          [](CaptureLimits &l, qint64 v) {
              l.maxBodyBytes = v;
          } },
        { u"max-headers"_s, u"limits/maxHeaderCount"_s, U::Count, 1, 100'000,
          u"Most header lines in a request; more get 431."_s,
          [](const CaptureLimits &l) { return qint64(l.maxHeaderCount); },
          [](CaptureLimits &l, qint64 v) {
              l.maxHeaderCount = int(v);
          } },
        { u"max-head"_s, u"limits/maxHeadBytes"_s, U::Bytes, 256, qint64(1) << 30,
          u"Largest request line plus headers; a larger head gets 431."_s,
          [](const CaptureLimits &l) { return l.maxHeadBytes; },
          [](CaptureLimits &l, qint64 v) {
              l.maxHeadBytes = v;
          } },
        { u"max-target"_s, u"limits/maxTargetBytes"_s, U::Bytes, 16, qint64(1) << 30,
          u"Longest request target (path and query); a longer one gets 414."_s,
          [](const CaptureLimits &l) { return l.maxTargetBytes; },
          [](CaptureLimits &l, qint64 v) {
              l.maxTargetBytes = v;
          } },
        { u"max-connections"_s, u"limits/maxConnections"_s, U::Count, 1, 100'000,
          u"Most connections open at once; further ones get 503 and are closed."_s,
          [](const CaptureLimits &l) { return qint64(l.maxConnections); },
          [](CaptureLimits &l, qint64 v) {
              l.maxConnections = int(v);
          } },
        { u"idle-timeout"_s, u"limits/idleTimeoutMs"_s, U::Milliseconds, 100, kDay,
          u"A connection with no request in progress is closed after this long."_s,
          [](const CaptureLimits &l) { return qint64(l.idleTimeoutMs); },
          [](CaptureLimits &l, qint64 v) {
              l.idleTimeoutMs = int(v);
          } },
        { u"head-timeout"_s, u"limits/headTimeoutMs"_s, U::Milliseconds, 100, kDay,
          u"A request line and headers must arrive within this, from their first byte; else 408."_s,
          [](const CaptureLimits &l) { return qint64(l.headTimeoutMs); },
          [](CaptureLimits &l, qint64 v) {
              l.headTimeoutMs = int(v);
          } },
        { u"body-timeout"_s, u"limits/bodyTimeoutMs"_s, U::Milliseconds, 100, kDay,
          u"A body must arrive within this, plus 1 s per --min-body-rate bytes received; else 408."_s,
          [](const CaptureLimits &l) { return qint64(l.bodyTimeoutMs); },
          [](CaptureLimits &l, qint64 v) {
              l.bodyTimeoutMs = int(v);
          } },
        { u"min-body-rate"_s, u"limits/minBodyBytesPerSecond"_s, U::BytesPerSecond, 0,
          qint64(1) << 30,
          u"Bytes per second a body must keep up to earn more time (0: --body-timeout is all it gets)."_s,
          [](const CaptureLimits &l) { return l.minBodyBytesPerSecond; },
          [](CaptureLimits &l, qint64 v) {
              l.minBodyBytesPerSecond = v;
          } },
    };
    return fields;
}
