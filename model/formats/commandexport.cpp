// toCurl() and toHttpie(): requests as commands for a POSIX shell (declared in exporters.h).
#include "exporters.h"
#include "httptext.h"
#include "redaction.h"
#include "shellquote.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <array>
#include <cctype>

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

QString requestBaseUrl(const Event &e, const QString &fallback)
{
    const QByteArray host = e.headerValue("host").trimmed();
    if (host.isEmpty() || !host.isValidUtf8())
        return fallback;
    // Only an authority: a Host such as "evil.example/x" or "user@host" would change the path
    // or add credentials.
    const QUrl url(u"http://"_s + QString::fromUtf8(host), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || !url.path().isEmpty()
        || url.hasQuery() || url.hasFragment())
        return fallback;
    return url.toString(QUrl::FullyEncoded);
}

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

namespace {

// In the order HTTPie keeps them (its default header dict, then Content-Type).
constexpr std::array<QByteArrayView, 5> httpieDefaultHeaders = {
    "User-Agent", "Accept-Encoding", "Accept", "Connection", "Content-Type",
};

// Requests (under HTTPie) percent-encodes these in a target even with --path-as-is, and in the
// query decodes %XX of unreserved characters.
bool httpieRewritesTarget(const QByteArray &target)
{
    static constexpr QByteArrayView reencoded = "{}|\\^`\"<>";
    const qsizetype query = target.indexOf('?');
    for (qsizetype i = 0; i < target.size(); ++i) {
        if (reencoded.contains(target[i]))
            return true;
        if (query >= 0 && i > query && target[i] == '%' && i + 2 < target.size()) {
            const char c = QByteArray::fromHex(target.mid(i + 1, 2)).append(char(0)).at(0);
            if (std::isalnum(static_cast<unsigned char>(c)) || QByteArrayView("-._~").contains(c))
                return true;
        }
    }
    return false;
}

// What HTTPie 3 (Debian's 3.2.1) does to the request that no item can prevent, and the headers
// it cannot send, as comment lines above the command; E is the event as the command sends it.
QByteArray httpieNotes(const Event &e, const QList<QByteArray> &unsendable, bool hasBackslash)
{
    QList<QByteArray> changes;
    // Python's http.client and urllib3 add these when HTTPie's own were removed.
    if (!e.hasHeader("Accept-Encoding"))
        changes.append("adds Accept-Encoding: identity");
    if (!e.hasHeader("User-Agent"))
        changes.append("adds User-Agent: python-urllib3/...");
    if (!e.body.isEmpty())
        changes.append("sends its own Content-Length first");
    QList<QByteArray> moved; // HTTPie's default headers keep their slots in its header dict
    for (const QByteArrayView name : httpieDefaultHeaders) {
        if (e.hasHeader(name))
            moved.append(name.toByteArray());
    }
    if (!moved.isEmpty())
        changes.append("sends " + moved.join(", ") + " before the other headers");
    if (std::any_of(e.headers.begin(), e.headers.end(),
                    [](const auto &header) { return header.second.trimmed().isEmpty(); }))
        changes.append("sends an empty value as \"Name: \"");
    if (httpieRewritesTarget(e.target))
        changes.append("percent-encodes { } | \\ ^ ` \" < > in the target and decodes %XX of "
                       "letters, digits and - . _ ~ in its query");
    QByteArray notes;
    if (!changes.isEmpty())
        notes += "# HTTPie " + changes.join("; ") + ".\n";
    for (const QByteArray &name : unsendable)
        notes += "# HTTPie cannot send header " + name + ": its value is not UTF-8; left out.\n";
    if (hasBackslash)
        notes += "# HTTPie drops a backslash before : = @ ; in a header value.\n";
    return notes;
}

} // namespace

QString toHttpie(const Event &e, const QString &baseUrl, bool redact)
{
    // HTTPie counts the piped body itself: given a Content-Length as well, it sends both that
    // and "Transfer-Encoding: chunked" with an unchunked body, which no server reads right.
    Event sent = e;
    sent.headers.clear();
    QList<QByteArray> unsendable;
    bool hasBackslash = false;
    for (const auto &header : e.headers) {
        if (header.first.compare("content-length", Qt::CaseInsensitive) == 0)
            continue;
        if (!header.second.isValidUtf8()) {
            unsendable.append(header.first);
            continue;
        }
        static const QRegularExpression escaped(u"\\\\[:=@;]"_s);
        hasBackslash = hasBackslash || QString::fromUtf8(header.second).contains(escaped);
        sent.headers.append(header);
    }
    const HeaderArgs headers = headerArgs(
        sent, redact, { "Accept", "Accept-Encoding", "Connection", "User-Agent" }, ";", ":");
    // --path-as-is: "/../" and "/./" segments are sent as they are, as curl's --path-as-is does.
    QByteArray prefix =
        e.body.isEmpty() ? "http --ignore-stdin --path-as-is "_ba : "http --path-as-is "_ba;
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
    return QString::fromLatin1(httpieNotes(sent, unsendable, hasBackslash))
        + joinLines(prefix, words);
}
