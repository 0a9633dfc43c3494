#include "jsontext.h"

namespace {

void appendEscape(QByteArray &out, unsigned char c)
{
    switch (c) {
    case '"':
        out += "\\\"";
        return;
    case '\\':
        out += "\\\\";
        return;
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    case '\b':
        out += "\\b";
        return;
    case '\f':
        out += "\\f";
        return;
    default:
        break;
    }
    static const char hex[] = "0123456789abcdef";
    out += "\\u00";
    out += hex[c >> 4];
    out += hex[c & 0xf];
}

void newline(QByteArray &out, int depth)
{
    out += '\n';
    out += QByteArray(depth * 2, ' ');
}

} // namespace

QByteArray JsonText::quote(QByteArrayView utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == '"' || c == '\\')
            appendEscape(out, c);
        else
            out += ch;
    }
    out += '"';
    return out;
}

qsizetype JsonText::stringEnd(QByteArrayView json, qsizetype quoteAt)
{
    qsizetype i = quoteAt + 1;
    while (i < json.size() && json[i] != '"')
        i += json[i] == '\\' ? 2 : 1;
    return qMin(i + 1, json.size());
}

QByteArray JsonText::pretty(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    for (qsizetype i = bomLength(json); i < json.size(); ++i) {
        const char c = json[i];
        if (isJsonSpace(c))
            continue;
        if (c == '"') {
            const qsizetype end = stringEnd(json, i);
            out += json.sliced(i, end - i);
            i = end - 1;
        } else if (c == '{' || c == '[') {
            qsizetype next = i + 1;
            while (next < json.size() && isJsonSpace(json[next]))
                ++next;
            out += c;
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {
                out += json[next]; // empty container stays on one line
                i = next;
            } else {
                newline(out, ++depth);
            }
        } else if (c == '}' || c == ']') {
            newline(out, --depth);
            out += c;
        } else if (c == ',') {
            out += c;
            newline(out, depth);
        } else if (c == ':') {
            out += ": ";
        } else {
            out += c;
        }
    }
    out += '\n';
    return out;
}

QList<JsonText::Span> JsonText::arrayElements(QByteArrayView json)
{
    QList<Span> spans;
    int depth = 0;
    qsizetype start = -1;
    qsizetype lastNonSpace = -1;
    for (qsizetype i = bomLength(json); i < json.size(); ++i) {
        const char c = json[i];
        if (isJsonSpace(c))
            continue;
        if (depth == 1 && start < 0 && c != ']')
            start = i;
        if (c == '"') {
            i = stringEnd(json, i) - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0 && start >= 0)
                spans.append({ start, lastNonSpace - start + 1 });
        } else if (c == ',' && depth == 1) {
            spans.append({ start, lastNonSpace - start + 1 });
            start = -1;
        }
        lastNonSpace = i;
    }
    return spans;
}

qint64 JsonText::lineAt(QByteArrayView text, qsizetype offset)
{
    return text.first(qBound(qsizetype(0), offset, text.size())).count('\n') + 1;
}

qsizetype JsonText::bomLength(QByteArrayView text)
{
    return text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
}
