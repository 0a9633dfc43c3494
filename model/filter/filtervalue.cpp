#include "filtervalue.h"

#include <QLocale>

#include <cmath>

namespace {
bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Skips digits from `at`; returns how many there were.
qsizetype skipDigits(QStringView text, qsizetype &at)
{
    const qsizetype start = at;
    while (at < text.size() && isDigit(text.at(at)))
        ++at;
    return at - start;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

bool asciiContains(QByteArrayView haystack, QByteArrayView lowerNeedle)
{
    const qsizetype n = lowerNeedle.size();
    if (n == 0)
        return true;
    const char first = lowerNeedle.at(0);
    for (qsizetype i = 0; i + n <= haystack.size(); ++i) {
        if (asciiLower(haystack.at(i)) != first)
            continue;
        qsizetype j = 1;
        while (j < n && asciiLower(haystack.at(i + j)) == lowerNeedle.at(j))
            ++j;
        if (j == n)
            return true;
    }
    return false;
}
} // namespace

FilterValue FilterValue::fromText(const QString &text)
{
    FilterValue value;
    value.text = text;
    value.number = FilterCompare::parseNumber(text);
    if (value.number) {
        value.exactNumber = JsonNumber::fromLiteral(text.toLatin1());
        value.doubleIsExact = value.exactNumber && value.exactNumber->isSafeDouble();
    }
    value.ascii =
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
    if (value.ascii)
        value.lowerUtf8 = text.toLower().toUtf8();
    return value;
}

std::optional<double> FilterCompare::parseNumber(QStringView text)
{
    qsizetype at = 0;
    if (at < text.size() && (text.at(at) == u'-' || text.at(at) == u'+'))
        ++at;
    qsizetype digits = skipDigits(text, at);
    if (at < text.size() && text.at(at) == u'.') {
        ++at;
        digits += skipDigits(text, at);
    }
    if (digits == 0)
        return std::nullopt;
    if (at < text.size() && (text.at(at) == u'e' || text.at(at) == u'E')) {
        ++at;
        if (at < text.size() && (text.at(at) == u'-' || text.at(at) == u'+'))
            ++at;
        if (skipDigits(text, at) == 0)
            return std::nullopt;
    }
    if (at != text.size())
        return std::nullopt;
    bool ok = false;
    const double value = QLocale::c().toDouble(text, &ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

bool FilterCompare::ordered(int comparison, FilterOp op)
{
    switch (op) {
    case FilterOp::Eq:
        return comparison == 0;
    case FilterOp::Ne:
        return comparison != 0;
    case FilterOp::Lt:
        return comparison < 0;
    case FilterOp::Le:
        return comparison <= 0;
    case FilterOp::Gt:
        return comparison > 0;
    case FilterOp::Ge:
        return comparison >= 0;
    default:
        return false;
    }
}

bool FilterCompare::text(QStringView text, FilterOp op, const FilterValue &value,
                         QString *undecided)
{
    if (op == FilterOp::Contains)
        return text.contains(value.text, Qt::CaseInsensitive);
    if (op == FilterOp::Matches) {
        BoundedRegex::Result result = value.regex.match(text);
        if (result.outcome == BoundedRegex::Outcome::Undecided && undecided && undecided->isEmpty())
            *undecided = std::move(result.reason);
        return result.outcome == BoundedRegex::Outcome::Match;
    }
    if (value.number) {
        if (const std::optional<double> x = parseNumber(text))
            return ordered(*x < *value.number ? -1 : (*x > *value.number ? 1 : 0), op);
    } else if (op == FilterOp::Eq || op == FilterOp::Ne) {
        // Interned summary strings often share the literal's data; other lengths never match
        // (Qt's case-insensitive compare folds code unit by code unit).
        if (text.size() != value.text.size())
            return op == FilterOp::Ne;
        if (text.data() == value.text.constData())
            return op == FilterOp::Eq;
    }
    const Qt::CaseSensitivity cs =
        (op == FilterOp::Eq || op == FilterOp::Ne) ? value.equalityCase : Qt::CaseSensitive;
    return ordered(text.compare(value.text, cs), op);
}

bool FilterCompare::number(double x, FilterOp op, const FilterValue &value, QString *undecided)
{
    if (value.number && op != FilterOp::Contains && op != FilterOp::Matches)
        return ordered(x < *value.number ? -1 : (x > *value.number ? 1 : 0), op);
    return text(numberText(x), op, value, undecided);
}

bool FilterCompare::number(const JsonNumber &x, QStringView sourceText, FilterOp op,
                           const FilterValue &value, QString *undecided)
{
    if (value.exactNumber && op != FilterOp::Contains && op != FilterOp::Matches)
        return ordered(x.compare(*value.exactNumber), op);
    return text(sourceText, op, value, undecided);
}

bool FilterCompare::bytesContain(QByteArrayView haystack, const FilterValue &value)
{
    if (value.ascii)
        return asciiContains(haystack, value.lowerUtf8);
    return QString::fromUtf8(haystack).contains(value.text, Qt::CaseInsensitive);
}

QString FilterCompare::numberText(double x)
{
    if (std::trunc(x) == x && std::abs(x) < 1e15)
        return QString::number(qint64(x));
    return QString::number(x, 'g', QLocale::FloatingPointShortest);
}
