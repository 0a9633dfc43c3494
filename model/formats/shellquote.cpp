#include "shellquote.h"

namespace {

const char hexDigits[] = "0123456789abcdef";

} // namespace

QByteArray ShellQuote::word(QByteArrayView bytes)
{
    const bool plain = std::all_of(bytes.begin(), bytes.end(), isPlain);
    QByteArray out;
    if (plain) {
        out.reserve(bytes.size() + 2);
        out += '\'';
        for (const char c : bytes)
            out += c == '\'' ? QByteArrayView("'\\''") : QByteArrayView(&c, 1);
        out += '\'';
        return out;
    }
    // $'...' with every quote, backslash and '!' escaped as well, so no shell's quote or
    // history scanning can end the string early.
    out.reserve(bytes.size() * 2 + 3);
    out += "$'";
    for (const char c : bytes) {
        if (isPlain(c) && c != '\'' && c != '\\' && c != '!') {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += "\\x";
            out += hexDigits[u >> 4];
            out += hexDigits[u & 0xf];
        }
    }
    out += '\'';
    return out;
}

QByteArray ShellQuote::printfFormat(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size() * 2 + 2);
    out += '\'';
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        // A leading '-' would make printf read the format as an option.
        if (isPlain(c) && c != '\'' && c != '\\' && c != '%' && (i > 0 || c != '-')) {
            out += c;
        } else {
            // Three-digit octal is the one escape every printf (POSIX, bash, dash) reads.
            const auto u = static_cast<unsigned char>(c);
            out += '\\';
            out += char('0' + (u >> 6));
            out += char('0' + ((u >> 3) & 7));
            out += char('0' + (u & 7));
        }
    }
    out += '\'';
    return out;
}
