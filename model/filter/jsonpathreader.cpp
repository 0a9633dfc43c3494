#include "jsonpathreader.h"

#include "filterjsonpath.h"
#include "json/jsondocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// What QString and QJsonDocument may treat in their own way is left to them.
bool isPlainCodePoint(char32_t c)
{
    return c != 0 && !(c >= 0xD800 && c <= 0xDFFF) && !(c >= 0xFDD0 && c <= 0xFDEF)
        && (c & 0xFFFE) != 0xFFFE && c <= 0x10FFFF;
}

// One pass over one body. Every function returns false at the first thing it cannot read with
// certainty; the reader then gives up on the whole body.
class Cursor
{
public:
    Cursor(QByteArrayView body, const QList<JsonPathStep> &path, const QList<QByteArray> &keys)
        : m_at(body.data())
        , m_end(body.data() + body.size())
        , m_path(path)
        , m_keys(keys)
    { }

    bool document(QList<QJsonValue> &out)
    {
        skipSpace();
        // A bare scalar or an empty body: FilterContext reads those its own way.
        if (m_at == m_end || (*m_at != '{' && *m_at != '['))
            return false;
        if (!walk(0, 0, out))
            return false;
        skipSpace();
        return m_at == m_end;
    }

private:
    void skipSpace()
    {
        while (m_at != m_end && isSpace(*m_at))
            ++m_at;
    }

    bool take(char c)
    {
        skipSpace();
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }

    bool peekIs(char c)
    {
        skipSpace();
        return m_at != m_end && *m_at == c;
    }

    // The value at the cursor, consumed whole; the values that path steps [step..] reach
    // from it are appended to `out`.
    bool walk(qsizetype step, int depth, QList<QJsonValue> &out)
    {
        skipSpace();
        if (m_at == m_end)
            return false;
        if (step == m_path.size())
            return materialize(depth, out);
        if (*m_at == '{')
            return object(step, depth + 1, out);
        if (*m_at == '[')
            return array(step, depth + 1, out);
        return skipScalar(); // no step goes into a scalar
    }

    // Validates the value at the cursor and consumes it, collecting nothing.
    bool skip(int depth)
    {
        QList<QJsonValue> none; // never appended to: no step is matched inside
        skipSpace();
        if (m_at == m_end)
            return false;
        if (*m_at == '{')
            return object(-1, depth + 1, none);
        if (*m_at == '[')
            return array(-1, depth + 1, none);
        return skipScalar();
    }

    // step < 0: nothing to match inside, only validation.
    bool object(qsizetype step, int depth, QList<QJsonValue> &out)
    {
        if (depth > JsonPathReader::kMaxDepth)
            return false;
        ++m_at; // '{'
        if (take('}'))
            return true;
        const bool any = step >= 0 && m_path.at(step).kind == JsonPathStep::Kind::Any;
        std::vector<QString> names; // for [*]: QJsonObject keeps one of duplicate names
        int matches = 0;
        do {
            QString name;
            const char *keyStart = nullptr;
            const char *keyEnd = nullptr;
            if (!peekIs('"') || !string(step >= 0 ? &name : nullptr, &keyStart, &keyEnd)
                || !take(':'))
                return false;
            bool follow = any;
            if (any)
                names.push_back(name.isNull() ? QString::fromUtf8(keyStart, keyEnd - keyStart)
                                              : name);
            else if (step >= 0 && nameMatches(step, name, keyStart, keyEnd))
                follow = ++matches == 1;
            if (step >= 0 && matches > 1)
                return false; // a duplicate name on the path
            if (!(follow ? walk(step + 1, depth, out) : skip(depth)))
                return false;
        } while (take(','));
        return take('}') && (!any || unique(names));
    }

    bool nameMatches(qsizetype step, const QString &decoded, const char *start, const char *end)
    {
        if (!decoded.isNull())
            return decoded == m_path.at(step).key;
        return QByteArrayView(start, end - start) == QByteArrayView(m_keys.at(step));
    }

    static bool unique(std::vector<QString> &names)
    {
        std::sort(names.begin(), names.end());
        return std::adjacent_find(names.begin(), names.end()) == names.end();
    }

    bool array(qsizetype step, int depth, QList<QJsonValue> &out)
    {
        if (depth > JsonPathReader::kMaxDepth)
            return false;
        ++m_at; // '['
        const bool any = step >= 0 && m_path.at(step).kind == JsonPathStep::Kind::Any;
        std::vector<const char *> starts; // where each element begins, when one is wanted
        if (!take(']')) {
            do {
                skipSpace();
                if (step >= 0 && !any)
                    starts.push_back(m_at);
                if (!(any ? walk(step + 1, depth, out) : skip(depth)))
                    return false;
            } while (take(','));
            if (!take(']'))
                return false;
        }
        if (step < 0 || any)
            return true;
        const qsizetype index =
            FilterJsonPath::arrayIndex(m_path.at(step), qsizetype(starts.size()));
        if (index < 0)
            return true;
        // Read the wanted element again, now with the rest of the path.
        const char *after = m_at;
        m_at = starts[size_t(index)];
        const bool ok = walk(step + 1, depth, out);
        m_at = after;
        return ok;
    }

    bool skipScalar()
    {
        switch (*m_at) {
        case '"':
            return string(nullptr, nullptr, nullptr);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number(nullptr);
        }
    }

    bool literal(const char *word)
    {
        const size_t length = std::strlen(word);
        if (size_t(m_end - m_at) < length || std::memcmp(m_at, word, length) != 0)
            return false;
        m_at += length;
        return true;
    }

    static int significantDigits(const char *begin, const char *end)
    {
        int count = 0;
        for (const char *at = begin; at != end && *at != 'e' && *at != 'E'; ++at) {
            if (isDigit(*at) && (count > 0 || *at != '0'))
                ++count;
        }
        return count;
    }

    // RFC 8259 numbers only, and only those that convert to the same double everywhere.
    bool number(double *value)
    {
        const char *start = m_at;
        bool integer = true;
        if (m_at != m_end && *m_at == '-')
            ++m_at;
        if (m_at == m_end || !isDigit(*m_at))
            return false;
        if (*m_at == '0') {
            if (++m_at != m_end && isDigit(*m_at))
                return false; // a leading zero
        } else {
            while (m_at != m_end && isDigit(*m_at))
                ++m_at;
        }
        if (m_at != m_end && *m_at == '.') {
            integer = false;
            if (++m_at == m_end || !isDigit(*m_at))
                return false;
            while (m_at != m_end && isDigit(*m_at))
                ++m_at;
        }
        if (m_at != m_end && (*m_at == 'e' || *m_at == 'E')) {
            integer = false;
            ++m_at;
            if (m_at != m_end && (*m_at == '+' || *m_at == '-'))
                ++m_at;
            if (m_at == m_end || !isDigit(*m_at))
                return false;
            while (m_at != m_end && isDigit(*m_at))
                ++m_at;
        }
        const qsizetype length = m_at - start;
        if (length > (integer ? 18 : 40))
            return false; // past where every converter agrees to the last bit
        double d = 0;
        const auto [end, error] = std::from_chars(start, m_at, d);
        if (error != std::errc() || end != m_at || std::isinf(d))
            return false;
        if (d == 0 && *start == '-')
            return false; // -0: an integer to some parsers, -0.0 to others
        // Only numbers a double tells apart from every other (filters compare exactly):
        // integers below 2^53, and decimals of at most 15 significant digits (DBL_DIG).
        if (integer ? std::abs(d) >= 9007199254740992.0 : significantDigits(start, m_at) > 15)
            return false;
        if (value)
            *value = d;
        return true;
    }

    // A string at the cursor. With `decoded`, its text when it has escapes; `rawStart`/`rawEnd`
    // get the bytes between the quotes when it has none (then `decoded` is left null, and the
    // caller compares or converts the bytes).
    bool string(QString *decoded, const char **rawStart, const char **rawEnd)
    {
        ++m_at; // '"'
        const char *start = m_at;
        const char *plainFrom = m_at; // the bytes since the last escape, not yet in `decoded`
        bool escaped = false;
        while (m_at != m_end && *m_at != '"') {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c == '\\') {
                const char *at = m_at;
                char32_t unit = 0;
                if (!escape(unit))
                    return false;
                if (decoded) {
                    decoded->append(
                        JsonDocument::decodeUtf8(QByteArrayView(plainFrom, at - plainFrom)));
                    decoded->append(QString::fromUcs4(&unit, 1));
                    plainFrom = m_at;
                }
                escaped = true;
            } else if (c < 0x20) {
                return false;
            } else if (c < 0x80) {
                ++m_at;
            } else if (!skipUtf8()) {
                return false;
            }
        }
        if (m_at == m_end)
            return false;
        const char *end = m_at++;
        if (escaped && decoded)
            decoded->append(JsonDocument::decodeUtf8(QByteArrayView(plainFrom, end - plainFrom)));
        if (!escaped && rawStart) {
            *rawStart = start;
            *rawEnd = end;
        }
        return true;
    }

    // One escape at the cursor, consumed: `unit` gets the character it stands for.
    bool escape(char32_t &unit)
    {
        if (m_end - m_at < 2)
            return false;
        const char kind = m_at[1];
        m_at += 2;
        static constexpr char kNames[] = "\"\\/bfnrt";
        static constexpr char kMeanings[] = "\"\\/\b\f\n\r\t";
        if (const char *name = kind ? std::strchr(kNames, kind) : nullptr) {
            unit = char32_t(kMeanings[name - kNames]);
            return true;
        }
        if (kind != 'u' || !hex4(unit))
            return false;
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return false; // a low surrogate first
        if (unit < 0xD800 || unit > 0xDBFF)
            return isPlainCodePoint(unit);
        char32_t low = 0;
        if (m_end - m_at < 2 || m_at[0] != '\\' || m_at[1] != 'u')
            return false;
        m_at += 2;
        if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
            return false;
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        return isPlainCodePoint(unit);
    }

    bool hex4(char32_t &unit)
    {
        if (m_end - m_at < 4)
            return false;
        for (int i = 0; i < 4; ++i) {
            const char c = *m_at++;
            const int digit = isDigit(c) ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
            if (digit < 0)
                return false;
            unit = unit * 16 + char32_t(digit);
        }
        return true;
    }

    // One UTF-8 sequence of two to four bytes, well formed (RFC 3629).
    bool skipUtf8()
    {
        const auto lead = static_cast<unsigned char>(*m_at);
        const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : -1;
        if (extra < 0 || lead > 0xF4 || m_end - m_at <= extra)
            return false;
        char32_t c = lead & (0x3F >> extra);
        for (int i = 1; i <= extra; ++i) {
            const auto next = static_cast<unsigned char>(m_at[i]);
            if ((next & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (next & 0x3F);
        }
        static constexpr char32_t kLowest[] = { 0, 0x80, 0x800, 0x10000 };
        if (c < kLowest[extra] || !isPlainCodePoint(c))
            return false;
        m_at += extra + 1;
        return true;
    }

    // The value the path ends on, as QJsonDocument would give it.
    bool materialize(int depth, QList<QJsonValue> &out)
    {
        const char *start = m_at;
        switch (*m_at) {
        case '{':
        case '[': {
            if (!skip(depth))
                return false;
            const QByteArray span(start, m_at - start);
            // Which of two members of one name QJsonObject keeps depends on where it meets them
            // (the whole body or this span): with a duplicate inside, leave it to the reference.
            // Likewise a byte order mark inside: QJsonDocument over the span drops it from a name.
            if (span.contains("\xEF\xBB\xBF") || JsonDocument::parse(span).hasDuplicates())
                return false;
            const QJsonDocument document = QJsonDocument::fromJson(span);
            if (document.isNull())
                return false;
            out.append(document.isObject() ? QJsonValue(document.object())
                                           : QJsonValue(document.array()));
            return true;
        }
        case '"': {
            QString text;
            const char *rawStart = nullptr;
            const char *rawEnd = nullptr;
            if (!string(&text, &rawStart, &rawEnd))
                return false;
            out.append(rawStart
                           ? JsonDocument::decodeUtf8(QByteArrayView(rawStart, rawEnd - rawStart))
                           : text);
            return true;
        }
        case 't':
        case 'f':
            if (!skipScalar())
                return false;
            out.append(*start == 't');
            return true;
        case 'n':
            if (!literal("null"))
                return false;
            out.append(QJsonValue(QJsonValue::Null));
            return true;
        default: {
            double value = 0;
            if (!number(&value))
                return false;
            out.append(value);
            return true;
        }
        }
    }

    const char *m_at;
    const char *m_end;
    const QList<JsonPathStep> &m_path;
    const QList<QByteArray> &m_keys;
};

} // namespace

JsonPathReader::JsonPathReader(QList<JsonPathStep> path)
    : m_path(std::move(path))
{
    m_keys.reserve(m_path.size());
    for (const JsonPathStep &step : std::as_const(m_path))
        m_keys.append(step.key.toUtf8());
}

std::optional<QList<QJsonValue>> JsonPathReader::read(QByteArrayView body) const
{
    QList<QJsonValue> values;
    if (!Cursor(body, m_path, m_keys).document(values))
        return std::nullopt;
    return values;
}
