#include "formatchecker.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2 && isLeapYear(year) ? 29 : days[month - 1];
}

bool matches(const QRegularExpression &re, QStringView value)
{
    return re.match(value).hasMatch();
}

} // namespace

namespace {

using Check = bool (*)(QStringView);

const QHash<QString, Check> &checks()
{
    static const QHash<QString, Check> table = {
        { u"date-time"_s, &FormatChecker::isDateTime },
        { u"date"_s, &FormatChecker::isDate },
        { u"time"_s, &FormatChecker::isTime },
        { u"email"_s, &FormatChecker::isEmail },
        { u"hostname"_s, &FormatChecker::isHostname },
        { u"ipv4"_s, &FormatChecker::isIpv4 },
        { u"ipv6"_s, &FormatChecker::isIpv6 },
        { u"uri"_s, &FormatChecker::isUri },
        { u"uuid"_s, &FormatChecker::isUuid },
        { u"json-pointer"_s, &FormatChecker::isJsonPointer },
        { u"regex"_s, &FormatChecker::isRegex },
    };
    return table;
}

} // namespace

bool FormatChecker::isKnown(QStringView format)
{
    return checks().contains(format.toString());
}

bool FormatChecker::isValid(QStringView format, QStringView value)
{
    const Check check = checks().value(format.toString(), nullptr);
    return check == nullptr || check(value);
}

QString FormatChecker::describe(QStringView format)
{
    if (format == u"date-time") {
        return u"a date-time (RFC 3339, e.g. 2024-05-01T12:00:00Z)"_s;
    }
    if (format == u"date") {
        return u"a date (YYYY-MM-DD)"_s;
    }
    if (format == u"time") {
        return u"a time (RFC 3339, e.g. 12:00:00Z)"_s;
    }
    return u"a valid %1"_s.arg(format);
}

// RFC 3339 §5.6 full-date, with real calendar limits (so 2025-02-31 fails).
bool FormatChecker::isDate(QStringView value)
{
    static const QRegularExpression re(u"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"_s);
    const QRegularExpressionMatch m = re.match(value);
    if (!m.hasMatch()) {
        return false;
    }
    const int year = m.capturedView(1).toInt();
    const int month = m.capturedView(2).toInt();
    const int day = m.capturedView(3).toInt();
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// RFC 3339 §5.6 full-time: hh:mm:ss[.frac](Z|±hh:mm); second 60 allowed for leap seconds.
bool FormatChecker::isTime(QStringView value)
{
    static const QRegularExpression re(
        u"^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"_s);
    return matches(re, value);
}

bool FormatChecker::isDateTime(QStringView value)
{
    if (value.size() < 11 || (value.at(10) != u'T' && value.at(10) != u't')) {
        return false;
    }
    return isDate(value.left(10)) && isTime(value.mid(11));
}

bool FormatChecker::isEmail(QStringView value)
{
    const qsizetype at = value.lastIndexOf(u'@');
    if (at <= 0 || at == value.size() - 1) {
        return false;
    }
    const QStringView local = value.left(at);
    static const QRegularExpression localRe(
        u"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"_s);
    return matches(localRe, local) && isHostname(value.mid(at + 1));
}

bool FormatChecker::isHostname(QStringView value)
{
    static const QRegularExpression labelRe(u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
    if (value.isEmpty() || value.size() > 253) {
        return false;
    }
    for (const QStringView label : value.split(u'.')) {
        if (!matches(labelRe, label)) {
            return false;
        }
    }
    return true;
}

bool FormatChecker::isIpv4(QStringView value)
{
    const auto parts = value.split(u'.');
    if (parts.size() != 4) {
        return false;
    }
    for (const QStringView part : parts) {
        bool ok = false;
        const int octet = part.toInt(&ok);
        const bool digitsOnly = !part.isEmpty() && part.size() <= 3
            && std::all_of(part.begin(), part.end(),
                           [](QChar c) { return c.isDigit() && c.unicode() < 128; });
        if (!ok || !digitsOnly || octet > 255 || (part.size() > 1 && part.front() == u'0')) {
            return false;
        }
    }
    return true;
}

bool FormatChecker::isIpv6(QStringView value)
{
    qsizetype groups = 0;
    bool compressed = false;
    QStringView rest = value;
    if (rest.startsWith(u"::")) {
        compressed = true;
        rest = rest.mid(2);
    }
    while (!rest.isEmpty()) {
        const qsizetype colon = rest.indexOf(u':');
        const QStringView group = colon < 0 ? rest : rest.left(colon);
        if (colon < 0 && group.contains(u'.')) {
            return isIpv4(group) && (compressed ? groups <= 5 : groups == 6);
        }
        static const QRegularExpression hexRe(u"^[0-9A-Fa-f]{1,4}$"_s);
        if (!matches(hexRe, group)) {
            return false;
        }
        ++groups;
        if (colon < 0) {
            break;
        }
        rest = rest.mid(colon + 1);
        if (rest.startsWith(u':')) {
            if (compressed) {
                return false;
            }
            compressed = true;
            rest = rest.mid(1);
        } else if (rest.isEmpty()) {
            return false;
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

// RFC 3986 absolute URI: scheme ":" then characters a URI may contain (percent-escapes valid).
bool FormatChecker::isUri(QStringView value)
{
    static const QRegularExpression re(
        u"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\\-._~!$&'()*+,;=:@/?#\\[\\]]|%[0-9A-Fa-f]{2})*$"_s);
    return matches(re, value);
}

bool FormatChecker::isUuid(QStringView value)
{
    static const QRegularExpression re(
        u"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"_s);
    return matches(re, value);
}

bool FormatChecker::isJsonPointer(QStringView value)
{
    static const QRegularExpression re(u"^(/([^~/]|~[01])*)*$"_s);
    return matches(re, value);
}

bool FormatChecker::isRegex(QStringView value)
{
    return QRegularExpression(value.toString()).isValid();
}
