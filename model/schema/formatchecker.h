#pragma once

#include <QString>

// The JSON Schema "format" values Hookscope asserts (draft 7 §7.3). Formats it does not know
// (OpenAPI's int64, float, ...) are annotations only and always pass.
class FormatChecker
{
public:
    static bool isKnown(QStringView format);
    static bool isValid(QStringView format, QStringView value);
    // "a date-time (RFC 3339, e.g. 2024-05-01T12:00:00Z)": for messages.
    static QString describe(QStringView format);

    static bool isDateTime(QStringView value);
    static bool isDate(QStringView value);
    static bool isTime(QStringView value);
    static bool isEmail(QStringView value);
    static bool isHostname(QStringView value);
    static bool isIpv4(QStringView value);
    static bool isIpv6(QStringView value);
    static bool isUri(QStringView value);
    static bool isUuid(QStringView value);
    static bool isJsonPointer(QStringView value);
    static bool isRegex(QStringView value);
};
