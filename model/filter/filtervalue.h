#pragma once

#include "filterast.h"
#include "regex/boundedregex.h"
#include "json/jsonnumber.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

// A literal from the expression, prepared once at compile time in every form a comparison may
// need, so that evaluating a row converts nothing.
struct FilterValue
{
    QString text;
    QByteArray lowerUtf8; // for case-insensitive searches in raw bytes, when text is ASCII
    bool ascii = false;
    std::optional<double> number; // set when the text is a number
    std::optional<JsonNumber> exactNumber; // the same, every digit kept
    // number compares exactly with the doubles JsonPathReader gives (12345678901234567891 does not)
    bool doubleIsExact = true;
    BoundedRegex regex; // for `matches`
    Qt::CaseSensitivity equalityCase = Qt::CaseSensitive;

    static FilterValue fromText(const QString &text);
};

// Comparison rules shared by every field: numeric when both sides are numbers, else text.
namespace FilterCompare {
// Strict decimal number ("12", "-3.5", "1e3"); no whitespace, hex, inf or nan.
std::optional<double> parseNumber(QStringView text);
bool ordered(int comparison, FilterOp op);
// `undecided`, when given and still empty, receives why a `matches` could not be decided within
// its budget (BoundedRegex); the comparison then counts as false.
bool text(QStringView text, FilterOp op, const FilterValue &value, QString *undecided = nullptr);
bool number(double x, FilterOp op, const FilterValue &value, QString *undecided = nullptr);
// A JSON number as sent: compared by exact value with a number literal, else as its text.
bool number(const JsonNumber &x, QStringView sourceText, FilterOp op, const FilterValue &value,
            QString *undecided = nullptr);
// Case-insensitive substring search in UTF-8 bytes without decoding them when the needle is ASCII.
bool bytesContain(QByteArrayView haystack, const FilterValue &value);
// "12", "12.5", "1e+21": how a JSON number reads as text.
QString numberText(double x);
} // namespace FilterCompare
