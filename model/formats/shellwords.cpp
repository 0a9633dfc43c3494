#include "shellwords.h"

using namespace Qt::StringLiterals;

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads up to MAX digits of BASE at AT; returns the value and advances AT. 64 bits: \U takes
// eight hex digits, which overflow an int.
qint64 readNumber(QByteArrayView text, qsizetype *at, int base, int max)
{
    qint64 value = 0;
    for (int n = 0; n < max && *at < text.size(); ++n, ++*at) {
        const int digit = hexValue(text[*at]);
        if (digit < 0 || digit >= base)
            break;
        value = value * base + digit;
    }
    return value;
}

void appendCodePoint(QByteArray &out, char32_t codePoint)
{
    out += QString::fromUcs4(&codePoint, 1).toUtf8();
}

// One backslash escape of $'...' or printf, the backslash at AT - 1; advances AT.
void appendEscape(QByteArrayView text, qsizetype *at, QByteArray &out, bool ansiC)
{
    static constexpr QByteArrayView from = "abefnrtv\\'\"?";
    static constexpr QByteArrayView to = "\a\b\x1b\f\n\r\t\v\\'\"?";
    if (*at >= text.size()) {
        out += '\\';
        return;
    }
    const char c = text[*at];
    const qsizetype simple = from.indexOf(c);
    if (simple >= 0 && (ansiC || (c != '\'' && c != '?'))) {
        out += to[simple];
        ++*at;
    } else if (c == 'x' && *at + 1 < text.size() && hexValue(text[*at + 1]) >= 0) {
        ++*at;
        out += char(readNumber(text, at, 16, 2));
    } else if (c >= '0' && c <= '7') {
        out += char(readNumber(text, at, 8, 3)); // \NNN: one to three octal digits
    } else if ((c == 'u' || c == 'U') && *at + 1 < text.size() && hexValue(text[*at + 1]) >= 0) {
        ++*at;
        appendCodePoint(out, char32_t(readNumber(text, at, 16, c == 'u' ? 4 : 8)));
    } else if (c == 'c' && ansiC && *at + 1 < text.size()) {
        out += char(text[*at + 1] & 0x1f);
        *at += 2;
    } else {
        out += '\\';
    }
}

class Splitter
{
public:
    explicit Splitter(QByteArrayView text)
        : m_text(text)
    { }

    std::optional<QList<ShellWords::Token>> run(QString *error, qint64 *errorLine);

private:
    bool quoted(char quote, QString *error);
    bool ansiC(QString *error);
    void finishWord();
    void push(ShellWords::Token::Kind kind);

    QByteArrayView m_text;
    qsizetype m_at = 0;
    qint64 m_line = 1;
    QList<ShellWords::Token> m_tokens;
    QByteArray m_word;
    bool m_inWord = false;
    qint64 m_wordLine = 1;
};

void Splitter::finishWord()
{
    if (m_inWord)
        m_tokens.append({ ShellWords::Token::Word, m_word, m_wordLine });
    m_word.clear();
    m_inWord = false;
}

void Splitter::push(ShellWords::Token::Kind kind)
{
    finishWord();
    m_tokens.append({ kind, {}, m_line });
}

bool Splitter::quoted(char quote, QString *error)
{
    const qint64 startLine = m_line;
    while (m_at < m_text.size() && m_text[m_at] != quote) {
        const char c = m_text[m_at++];
        m_line += c == '\n';
        if (quote == '"' && c == '\\' && m_at < m_text.size()
            && QByteArrayView("$`\"\\\n").contains(m_text[m_at])) {
            const char next = m_text[m_at++];
            if (next != '\n')
                m_word += next;
            else
                ++m_line;
        } else {
            m_word += c;
        }
    }
    if (m_at >= m_text.size()) {
        *error = u"unterminated %1 quote starting on line %2"_s
                     .arg(quote == '"' ? u"double"_s : u"single"_s)
                     .arg(startLine);
        return false;
    }
    ++m_at;
    return true;
}

bool Splitter::ansiC(QString *error)
{
    const qint64 startLine = m_line;
    while (m_at < m_text.size() && m_text[m_at] != '\'') {
        const char c = m_text[m_at++];
        m_line += c == '\n';
        if (c == '\\')
            appendEscape(m_text, &m_at, m_word, true);
        else
            m_word += c;
    }
    if (m_at >= m_text.size()) {
        *error = u"unterminated $'...' quote starting on line %1"_s.arg(startLine);
        return false;
    }
    ++m_at;
    return true;
}

std::optional<QList<ShellWords::Token>> Splitter::run(QString *error, qint64 *errorLine)
{
    while (m_at < m_text.size()) {
        const char c = m_text[m_at++];
        if (!m_inWord)
            m_wordLine = m_line;
        if (c == ' ' || c == '\t' || c == '\r') {
            finishWord();
        } else if (c == '\n' || c == ';') {
            push(ShellWords::Token::End);
            m_line += c == '\n';
        } else if (c == '&' && m_at < m_text.size() && m_text[m_at] == '&') {
            ++m_at;
            push(ShellWords::Token::End);
        } else if (c == '|') {
            push(ShellWords::Token::Pipe);
        } else if (c == '#' && !m_inWord) {
            while (m_at < m_text.size() && m_text[m_at] != '\n')
                ++m_at;
        } else if (c == '\\') {
            if (m_text.sliced(m_at).startsWith("\r\n"))
                ++m_at; // a continuation pasted with Windows line ends
            if (m_at < m_text.size() && m_text[m_at] == '\n') {
                ++m_line; // line continuation
            } else if (m_at < m_text.size()) {
                m_word += m_text[m_at];
                m_inWord = true;
            }
            ++m_at;
        } else if (c == '\'' || c == '"') {
            m_inWord = true;
            if (!quoted(c, error)) {
                *errorLine = m_wordLine;
                return std::nullopt;
            }
        } else if (c == '$' && m_at < m_text.size() && m_text[m_at] == '\'') {
            ++m_at;
            m_inWord = true;
            if (!ansiC(error)) {
                *errorLine = m_wordLine;
                return std::nullopt;
            }
        } else {
            m_word += c;
            m_inWord = true;
        }
    }
    finishWord();
    return m_tokens;
}

} // namespace

std::optional<QList<ShellWords::Token>> ShellWords::split(QByteArrayView text, QString *error,
                                                          qint64 *errorLine)
{
    return Splitter(text).run(error, errorLine);
}

QByteArray ShellWords::printf(const QByteArray &format, const QList<QByteArray> &args)
{
    QByteArray out;
    qsizetype nextArg = 0;
    for (qsizetype at = 0; at < format.size();) {
        const char c = format[at++];
        if (c == '\\') {
            appendEscape(format, &at, out, false);
        } else if (c == '%' && at < format.size() && format[at] == '%') {
            out += '%';
            ++at;
        } else if (c == '%' && at < format.size() && (format[at] == 's' || format[at] == 'b')) {
            if (nextArg < args.size())
                out += args[nextArg++];
            ++at;
        } else {
            out += c;
        }
    }
    return out;
}
