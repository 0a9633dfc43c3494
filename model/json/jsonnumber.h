#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <string>

// A JSON number as an exact decimal, read from its source text (RFC 8259 section 6): no digit
// is lost, however long, so 12345678901234567891 and 12345678901234567890 differ, and 1.50,
// 1.5 and 15e-1 are equal. Comparison is by value; the text it came from stays with the caller.
class JsonNumber
{
public:
    // text: a number as RFC 8259 writes it; nullopt for anything else ("+1", "01", "1.", " 1").
    static std::optional<JsonNumber> fromText(QByteArrayView text);
    // The same, more lenient, for filter literals: a leading '+' is allowed.
    static std::optional<JsonNumber> fromLiteral(QByteArrayView text);

    bool isZero() const { return m_digits.empty(); }
    bool isNegative() const { return m_negative && !isZero(); }
    // Integer-valued, whatever the size or spelling: 7, 7.0, 7e0, 70e-1 (JSON Schema draft 6+).
    bool isInteger() const { return isZero() || m_exponent >= 0; }
    std::optional<qint64> toInt64() const;
    double toDouble() const; // the nearest double (±inf beyond its range)
    bool fitsDouble() const; // toDouble() gives this value back exactly
    // A double tells this number apart from every other such number, so comparing the two
    // doubles is exact: integers below 2^53, decimals of at most 15 significant digits.
    bool isSafeDouble() const;

    // <0, 0, >0 as this is less than, equal to or greater than other, exactly.
    int compare(const JsonNumber &other) const;
    bool operator==(const JsonNumber &other) const { return compare(other) == 0; }
    // Exact: value / divisor is an integer. False when divisor is zero.
    bool isMultipleOf(const JsonNumber &divisor) const;

private:
    int compareMagnitude(const JsonNumber &other) const;

    bool m_negative = false;
    std::string m_digits; // significant digits, no leading or trailing zeros; empty for zero
    qint64 m_exponent = 0; // value = digits × 10^exponent
    std::string m_text; // the normalised source, for toDouble
};
