#include "jsonnumber.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace {
using uint128 = unsigned __int128;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Adds without overflow: an exponent of 1e999999999999999999 stays a very large exponent.
qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<qint64>::max() / 4
                     : std::numeric_limits<qint64>::min() / 4;
    return std::clamp(sum, std::numeric_limits<qint64>::min() / 4,
                      std::numeric_limits<qint64>::max() / 4);
}

// (digits × 10^shift) mod divisor, for a divisor below 2^63.
quint64 remainder(const std::string &digits, qint64 shift, quint64 divisor)
{
    uint128 r = 0;
    for (char c : digits)
        r = (r * 10 + unsigned(c - '0')) % divisor;
    for (qint64 i = 0; i < shift && r != 0; ++i)
        r = (r * 10) % divisor;
    return quint64(r);
}
} // namespace

std::optional<JsonNumber> JsonNumber::fromLiteral(QByteArrayView text)
{
    if (text.startsWith('+'))
        text = text.sliced(1);
    return fromText(text);
}

std::optional<JsonNumber> JsonNumber::fromText(QByteArrayView text)
{
    JsonNumber n;
    qsizetype i = 0;
    const qsizetype size = text.size();
    if (i < size && text[i] == '-') {
        n.m_negative = true;
        ++i;
    }
    if (i >= size || !isDigit(text[i]))
        return std::nullopt;
    std::string digits;
    if (text[i] == '0') {
        ++i;
    } else {
        while (i < size && isDigit(text[i]))
            digits.push_back(text[i++]);
    }
    qint64 exponent = 0;
    if (i < size && text[i] == '.') {
        ++i;
        if (i >= size || !isDigit(text[i]))
            return std::nullopt;
        while (i < size && isDigit(text[i])) {
            digits.push_back(text[i++]);
            exponent = saturatingAdd(exponent, -1);
        }
    }
    if (i < size && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < size && (text[i] == '+' || text[i] == '-'))
            negative = text[i++] == '-';
        if (i >= size || !isDigit(text[i]))
            return std::nullopt;
        // Saturates far beyond any exponent a double or a schema needs, early enough that
        // value * 10 never overflows.
        constexpr qint64 kExponentCap = qint64(1) << 59;
        qint64 value = 0;
        while (i < size && isDigit(text[i])) {
            const int digit = text[i++] - '0';
            if (value < kExponentCap)
                value = std::min<qint64>(value * 10 + digit, kExponentCap);
        }
        exponent = saturatingAdd(exponent, negative ? -value : value);
    }
    if (i != size)
        return std::nullopt;
    const size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
        digits.clear();
        exponent = 0;
    } else {
        const size_t last = digits.find_last_not_of('0');
        exponent = saturatingAdd(exponent, qint64(digits.size() - 1 - last));
        digits = digits.substr(first, last - first + 1);
    }
    n.m_digits = std::move(digits);
    n.m_exponent = exponent;
    n.m_text = std::string(text.data(), size_t(size));
    return n;
}

std::optional<qint64> JsonNumber::toInt64() const
{
    if (!isInteger() || qint64(m_digits.size()) + m_exponent > 19)
        return std::nullopt;
    uint128 magnitude = 0;
    for (char c : m_digits)
        magnitude = magnitude * 10 + unsigned(c - '0');
    for (qint64 i = 0; i < m_exponent; ++i)
        magnitude *= 10;
    const uint128 limit = uint128(std::numeric_limits<qint64>::max()) + (m_negative ? 1 : 0);
    if (magnitude > limit)
        return std::nullopt;
    return m_negative ? qint64(-magnitude) : qint64(magnitude);
}

double JsonNumber::toDouble() const
{
    double value = 0;
    const char *begin = m_text.data();
    const auto [end, error] = std::from_chars(begin, begin + m_text.size(), value);
    if (error == std::errc::result_out_of_range) {
        if (m_exponent < 0 && qint64(m_digits.size()) + m_exponent < 0)
            return m_negative ? -0.0 : 0.0;
        return m_negative ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::infinity();
    }
    return value;
}

bool JsonNumber::fitsDouble() const
{
    const double value = toDouble();
    if (!std::isfinite(value))
        return false;
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc())
        return false;
    const auto back = fromText(QByteArrayView(buffer, end - buffer));
    return back && back->compare(*this) == 0;
}

bool JsonNumber::isSafeDouble() const
{
    if (isZero())
        return !m_negative; // -0 is 0 to some readers and -0.0 to others
    const qint64 lead = qint64(m_digits.size()) + m_exponent;
    if (lead > 300 || lead < -300)
        return false;
    if (isInteger()) {
        const std::optional<qint64> value = toInt64();
        return value && std::abs(*value) < (qint64(1) << 53);
    }
    return m_digits.size() <= 15;
}

int JsonNumber::compareMagnitude(const JsonNumber &other) const
{
    if (isZero() || other.isZero())
        return int(!isZero()) - int(!other.isZero());
    // The position of the leading digit decides first, then the digits themselves.
    const qint64 lead = qint64(m_digits.size()) + m_exponent;
    const qint64 otherLead = qint64(other.m_digits.size()) + other.m_exponent;
    if (lead != otherLead)
        return lead < otherLead ? -1 : 1;
    const int byDigits = m_digits.compare(other.m_digits);
    return byDigits < 0 ? -1 : byDigits > 0 ? 1 : 0;
}

int JsonNumber::compare(const JsonNumber &other) const
{
    const bool negative = isNegative();
    if (negative != other.isNegative())
        return negative ? -1 : 1;
    const int magnitude = compareMagnitude(other);
    return negative ? -magnitude : magnitude;
}

bool JsonNumber::isMultipleOf(const JsonNumber &divisor) const
{
    if (divisor.isZero())
        return false;
    if (isZero())
        return true;
    // value / divisor = (d1 / d2) × 10^(e1 - e2): an integer when d1 × 10^(e1 - e2) is a
    // multiple of d2. Beyond 18 divisor digits it falls back to doubles.
    const qint64 shift = m_exponent - divisor.m_exponent;
    if (shift < 0)
        return false; // d1 has no trailing zero, so it is no multiple of d2 × 10^-shift
    if (divisor.m_digits.size() > 18 || shift > 100000) {
        const double q = toDouble() / divisor.toDouble();
        return std::isfinite(q) && q == std::floor(q);
    }
    const quint64 d = std::stoull(divisor.m_digits);
    return remainder(m_digits, shift, d) == 0;
}
