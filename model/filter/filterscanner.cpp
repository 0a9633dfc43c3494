#include "filterscanner.h"

using namespace Qt::StringLiterals;

namespace {
bool isIdentifierStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isIdentifierChar(QChar c)
{
    return isIdentifierStart(c) || (c >= u'0' && c <= u'9');
}

// Characters that begin operators, strings or groups: they always end an unquoted word.
bool isOperatorChar(QChar c)
{
    switch (c.unicode()) {
    case u'(':
    case u')':
    case u'"':
    case u'\'':
    case u'&':
    case u'|':
    case u'!':
    case u'=':
    case u'<':
    case u'>':
        return true;
    default:
        return false;
    }
}

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}
} // namespace

QChar FilterScanner::peek(qsizetype ahead) const
{
    const qsizetype at = m_pos + ahead;
    return at < m_text.size() ? m_text.at(at) : QChar();
}

void FilterScanner::skipSpace()
{
    while (!atEnd() && m_text.at(m_pos).isSpace())
        ++m_pos;
}

bool FilterScanner::tryConsume(QStringView token)
{
    if (!m_text.mid(m_pos).startsWith(token))
        return false;
    m_pos += token.size();
    return true;
}

bool FilterScanner::tryConsumeKeyword(QStringView word)
{
    if (!m_text.mid(m_pos).startsWith(word, Qt::CaseInsensitive))
        return false;
    const QChar next = peek(word.size());
    if (!isWordBoundary(next) && next != u'{') // "in{a b}" reads as "in {a b}"
        return false;
    m_pos += word.size();
    return true;
}

bool FilterScanner::isWordBoundary(QChar c)
{
    return c.isNull() || c.isSpace() || isOperatorChar(c);
}

bool FilterScanner::isBareWordChar(QChar c)
{
    return !c.isNull() && !c.isSpace() && !isOperatorChar(c);
}

QStringView FilterScanner::readIdentifier()
{
    const qsizetype start = m_pos;
    if (!atEnd() && isIdentifierStart(peek())) {
        while (!atEnd() && isIdentifierChar(peek()))
            ++m_pos;
    }
    return m_text.mid(start, m_pos - start);
}

QStringView FilterScanner::readBareWord()
{
    const qsizetype start = m_pos;
    // A lone '=' inside a word is text ("sha256=abc", "a=b"); "==" is always the operator.
    while (isBareWordChar(peek())
           || (peek() == u'=' && m_pos > start && peek(1) != u'=' && isBareWordChar(peek(1))))
        ++m_pos;
    return m_text.mid(start, m_pos - start);
}

QStringView FilterScanner::readKeyWord()
{
    const qsizetype start = m_pos;
    while (isBareWordChar(peek()) && peek() != u'.' && peek() != u'[' && peek() != u']')
        ++m_pos;
    return m_text.mid(start, m_pos - start);
}

QStringView FilterScanner::readSetWord()
{
    const qsizetype start = m_pos;
    while (isBareWordChar(peek()) && peek() != u',' && peek() != u'{' && peek() != u'}')
        ++m_pos;
    return m_text.mid(start, m_pos - start);
}

bool FilterScanner::atQuote() const
{
    return peek() == u'"' || peek() == u'\'';
}

std::optional<FilterLiteral> FilterScanner::readString(QString *error)
{
    FilterLiteral literal;
    literal.position = m_pos;
    literal.quoted = true;
    const QChar quote = peek();
    ++m_pos;
    while (!atEnd() && peek() != quote) {
        QChar c = peek();
        ++m_pos;
        if (c != u'\\') {
            literal.text.append(c);
            continue;
        }
        literal.verbatim = false;
        if (atEnd())
            break;
        const QChar escaped = peek();
        ++m_pos;
        switch (escaped.unicode()) {
        case u'n':
            literal.text.append(u'\n');
            break;
        case u't':
            literal.text.append(u'\t');
            break;
        case u'r':
            literal.text.append(u'\r');
            break;
        case u'\\':
        case u'"':
        case u'\'':
            literal.text.append(escaped);
            break;
        case u'u': {
            int code = 0;
            for (int i = 0; i < 4; ++i) {
                const int digit = hexValue(peek(i));
                if (digit < 0) {
                    *error = u"expected four hex digits after \\u"_s;
                    m_pos -= 2;
                    return std::nullopt;
                }
                code = code * 16 + digit;
            }
            m_pos += 4;
            literal.text.append(QChar(char16_t(code)));
            break;
        }
        default:
            // Unknown escapes stay as typed, so regular expressions read naturally: "\d+", "\.".
            literal.text.append(c);
            literal.text.append(escaped);
            break;
        }
    }
    if (atEnd()) {
        m_pos = literal.position;
        *error = u"unterminated string: expected a closing %1"_s.arg(quote);
        return std::nullopt;
    }
    ++m_pos;
    literal.length = m_pos - literal.position;
    return literal;
}
