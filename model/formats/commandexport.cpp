// toCurl() and toHttpie(): requests as commands for a POSIX shell (declared in exporters.h).
#include "exporters.h"
#include "httptext.h"
#include "redaction.h"
#include "shellquote.h"

using namespace Qt::StringLiterals;
using HttpText::lineSafe;

namespace {

// Bodies up to this size without NUL go inline; others are printed by printf in chunks of
// this size, so no line gets very long and no argument hits the kernel's 128 KiB limit.
constexpr qsizetype inlineBodyLimit = 4096;

// The URL as curl sends it: bytes curl would reject or cut (space, controls, non-ASCII, '#')
// percent-encoded; everything else, '[', ']', '{', '}' and '..' included, kept as sent.
QByteArray requestUrl(const QString &baseUrl, const QByteArray &target)
{
    QByteArray url = baseUrl.toUtf8();
    while (url.endsWith('/'))
        url.chop(1);
    const QByteArray path = target.startsWith('/') ? target : '/' + target;
    static const char hex[] = "0123456789ABCDEF";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '#') {
            url += '%';
            url += hex[u >> 4];
            url += hex[u & 0xf];
        } else {
            url += c;
        }
    }
    return url;
}

bool bodyNeedsPrintf(const QByteArray &body)
{
    // curl reads a file for a --data-binary value starting with '@'.
    return body.size() > inlineBodyLimit || body.contains('\0') || body.startsWith('@');
}

// `printf '...' | ` or a group of printf lines, for bodies that cannot be one shell word.
QByteArray printfPipe(const QByteArray &body)
{
    if (body.size() <= inlineBodyLimit)
        return "printf " + ShellQuote::printfFormat(body) + " \\\n  | ";
    QByteArray out = "{";
    for (qsizetype at = 0; at < body.size(); at += inlineBodyLimit)
        out += " printf "
            + ShellQuote::printfFormat(
                   QByteArrayView(body).sliced(at, qMin(inlineBodyLimit, body.size() - at)))
            + "\n ";
    return out + "} | ";
}

struct HeaderArgs
{
    QList<QByteArray> sent; // "Name: value" or "Name;" for an empty value
    QList<QByteArray> removed; // tool defaults the event did not have
};

HeaderArgs headerArgs(const Event &e, bool redact, QList<QByteArrayView> toolDefaults,
                      QByteArrayView emptySuffix, QByteArrayView separator)
{
    HeaderArgs args;
    const QByteArray length = QByteArray::number(e.body.size());
    for (const auto &[name, value] : Redaction::headers(e.headers, redact)) {
        if (!HttpText::isToken(name)) // curl and HTTPie cannot send it unchanged
            continue;
        if (name.compare("content-length", Qt::CaseInsensitive) == 0 && value.trimmed() != length)
            continue; // a wrong length would break the request; the tool sends the right one
        const QByteArray safeValue = lineSafe(value);
        args.sent.append(safeValue.trimmed().isEmpty() ? QByteArray(name + emptySuffix)
                                                       : QByteArray(name + separator + safeValue));
    }
    if (!e.body.isEmpty())
        toolDefaults.append("Content-Type");
    for (const QByteArrayView name : toolDefaults) {
        if (!e.hasHeader(name))
            args.removed.append(name.toByteArray() + ':');
    }
    return args;
}

QString joinLines(const QByteArray &prefix, const QList<QByteArray> &words)
{
    QByteArray out = prefix;
    for (const QByteArray &word : words)
        out += " \\\n  " + word;
    return QString::fromLatin1(out);
}

} // namespace

QString toCurl(const Event &e, const QString &baseUrl, bool redact)
{
    QList<QByteArrayView> defaults { "Accept", "User-Agent" };
    if (e.body.size() > 1024)
        defaults.append("Expect");
    const HeaderArgs headers = headerArgs(e, redact, defaults, ";", ": ");
    // -q first: ignore ~/.curlrc, which could add anything to the request.
    const bool head = e.method == "HEAD" && e.body.isEmpty();
    QByteArray prefix = "curl -q --globoff --path-as-is "
        + (head ? "--head"_ba : "-X " + ShellQuote::word(lineSafe(e.method))) + ' '
        + ShellQuote::word(requestUrl(baseUrl, lineSafe(e.target)));
    QList<QByteArray> words;
    for (const QByteArray &header : headers.sent)
        words.append("-H " + ShellQuote::word(header));
    QByteArray removed;
    for (const QByteArray &header : headers.removed)
        removed += (removed.isEmpty() ? "-H "_ba : " -H "_ba) + ShellQuote::word(header);
    if (!removed.isEmpty())
        words.append(removed);
    if (!e.body.isEmpty() && bodyNeedsPrintf(e.body)) {
        prefix = printfPipe(e.body) + prefix;
        words.append("--data-binary @-");
    } else if (!e.body.isEmpty()) {
        words.append("--data-binary " + ShellQuote::word(e.body));
    }
    return joinLines(prefix, words);
}

QString toHttpie(const Event &e, const QString &baseUrl, bool redact)
{
    const HeaderArgs headers = headerArgs(
        e, redact, { "Accept", "Accept-Encoding", "Connection", "User-Agent" }, ";", ":");
    QByteArray prefix = e.body.isEmpty() ? "http --ignore-stdin "_ba : "http "_ba;
    // "--": a method is any token, and one such as "--download" must not be read as an option.
    prefix += "-- " + ShellQuote::word(lineSafe(e.method)) + ' '
        + ShellQuote::word(requestUrl(baseUrl, lineSafe(e.target)));
    QList<QByteArray> words;
    for (QByteArray header : headers.sent + headers.removed) {
        // HTTPie reads "Name:=..." as JSON data and "Name:@..." as a file: escape the value's
        // first character so it stays a plain header value.
        const qsizetype colon = header.indexOf(':');
        if (colon > 0 && colon + 1 < header.size()
            && (header[colon + 1] == '=' || header[colon + 1] == '@'))
            header.insert(colon + 1, '\\');
        words.append(ShellQuote::word(header));
    }
    if (!e.body.isEmpty())
        prefix = (bodyNeedsPrintf(e.body) ? printfPipe(e.body)
                                          : "printf '%s' " + ShellQuote::word(e.body) + " | ")
            + prefix;
    return joinLines(prefix, words);
}
