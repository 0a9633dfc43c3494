#include "curlcommandreader.h"

#include "harformat.h"
#include "httptext.h"
#include "shellwords.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace {

using Token = ShellWords::Token;

// Options that take a value and change nothing in the request.
const QSet<QByteArray> &ignoredWithValue()
{
    static const QSet<QByteArray> options {
        "-o",
        "--output",
        "-m",
        "--max-time",
        "--connect-timeout",
        "-x",
        "--proxy",
        "-w",
        "--write-out",
        "--retry",
        "--retry-delay",
        "--max-redirs",
        "-c",
        "--cookie-jar",
        "--resolve",
        "--cacert",
        "-E",
        "--cert",
        "--key",
        "--limit-rate",
        "--connect-to",
    };
    return options;
}

// Flags that change nothing in the request (the short ones may be combined: -sSL).
const QSet<QByteArray> &ignoredFlags()
{
    static const QSet<QByteArray> flags {
        "--compressed", "--globoff",      "--path-as-is", "--http1.1",
        "--insecure",   "--location",     "--silent",     "--show-error",
        "--verbose",    "--include",      "--fail",       "--no-progress-meter",
        "--no-buffer",  "--progress-bar", "--disable",
    };
    return flags;
}
constexpr QByteArrayView shortFlags = "qsSvikLgfN#I";

// What the command line says about the request, before it becomes an Event.
struct CurlRequest
{
    QByteArray method, url, auth, userAgent, referer, cookie;
    HeaderList headers;
    QList<QByteArray> removed; // "-H 'Name:'" takes away curl's own header
    QList<QByteArray> data;
    bool hasData = false;
    bool head = false;
};

class CommandParser
{
public:
    CommandParser(const QList<QByteArray> &words, const std::optional<QByteArray> &stdinBytes)
        : m_words(words)
        , m_stdin(stdinBytes)
    { }

    QString parse(CurlRequest *request);

private:
    QString option(const QByteArray &name, const QByteArray &value, CurlRequest *request);
    QString data(const QByteArray &name, const QByteArray &value, CurlRequest *request);
    bool takeValue(const QByteArray &word, QByteArray *name, QByteArray *value, qsizetype *i);

    const QList<QByteArray> &m_words;
    std::optional<QByteArray> m_stdin;
};

QString CommandParser::data(const QByteArray &name, const QByteArray &value, CurlRequest *request)
{
    request->hasData = true;
    if (name == "--data-raw" || !value.startsWith('@')) {
        request->data.append(value);
        return {};
    }
    if (value != "@-")
        return u"%1 %2 reads a file; paste the body instead"_s.arg(QString::fromUtf8(name),
                                                                   QString::fromUtf8(value));
    if (!m_stdin)
        return u"%1 @- reads the body from a pipe, but nothing is piped in"_s.arg(
            QString::fromUtf8(name));
    QByteArray body = *m_stdin;
    if (name != "--data-binary") // curl strips line breaks from -d @file
        body.replace("\r", "").replace("\n", "");
    request->data.append(body);
    return {};
}

QString CommandParser::option(const QByteArray &name, const QByteArray &value, CurlRequest *request)
{
    if (name == "-X" || name == "--request") {
        request->method = value;
    } else if (name == "-H" || name == "--header") {
        const qsizetype colon = value.indexOf(':');
        // "Name;" sends an empty header; it counts as set (never null), so curl adds no default.
        if (colon < 0 && value.endsWith(';'))
            request->headers.append({ value.chopped(1), QByteArray("", 0) });
        else if (colon <= 0)
            return u"-H %1 is not a header \"Name: value\""_s.arg(QString::fromUtf8(value));
        else if (value.mid(colon + 1).trimmed().isEmpty())
            request->removed.append(value.left(colon).toLower());
        else
            request->headers.append({ value.left(colon), value.mid(colon + 1).trimmed() });
    } else if (name.startsWith("-d") || name.startsWith("--data")) {
        if (name == "--data-urlencode")
            return u"--data-urlencode is not supported"_s;
        return data(name, value, request);
    } else if (name == "--url") {
        request->url = value;
    } else if (name == "-A" || name == "--user-agent") {
        request->userAgent = value;
    } else if (name == "-e" || name == "--referer") {
        request->referer = value;
    } else if (name == "-b" || name == "--cookie") {
        request->cookie = value;
    } else if (name == "-u" || name == "--user") {
        request->auth = "Basic " + value.toBase64();
    }
    return {};
}

// Splits "-XPOST" / "-X POST" / "--request POST" into NAME and VALUE; false for flags.
bool CommandParser::takeValue(const QByteArray &word, QByteArray *name, QByteArray *value,
                              qsizetype *i)
{
    static const QSet<QByteArray> withValue {
        "-X",           "--request",
        "-H",           "--header",
        "-d",           "--data",
        "--data-raw",   "--data-binary",
        "--data-ascii", "--data-urlencode",
        "--url",        "-A",
        "--user-agent", "-e",
        "--referer",    "-b",
        "--cookie",     "-u",
        "--user",
    };
    const bool shortAttached =
        word.size() > 2 && !word.startsWith("--") && withValue.contains(word.left(2));
    if (!withValue.contains(word) && !ignoredWithValue().contains(word) && !shortAttached)
        return false;
    *name = shortAttached ? word.left(2) : word;
    if (shortAttached)
        *value = word.mid(2);
    else if (*i + 1 < m_words.size())
        *value = m_words[++*i];
    return true;
}

QString CommandParser::parse(CurlRequest *request)
{
    for (qsizetype i = 1; i < m_words.size(); ++i) {
        const QByteArray &word = m_words[i];
        QByteArray name, value;
        if (takeValue(word, &name, &value, &i)) {
            const QString error = option(name, value, request);
            if (!error.isEmpty())
                return error;
        } else if (word == "-I" || word == "--head"
                   || (word.size() > 1 && word[0] == '-' && word[1] != '-'
                       && std::all_of(word.begin() + 1, word.end(),
                                      [](char c) { return shortFlags.contains(c); }))) {
            request->head = request->head || word.contains('I') || word == "--head";
        } else if (ignoredFlags().contains(word)) {
            continue;
        } else if (word.startsWith('-')) {
            return u"unsupported curl option %1"_s.arg(QString::fromUtf8(word));
        } else {
            request->url = word;
        }
    }
    return request->url.isEmpty() ? u"the command has no URL"_s : QString();
}

QByteArray authorityOf(const QByteArray &url)
{
    const qsizetype scheme = url.indexOf("://");
    const qsizetype start = scheme < 0 ? 0 : scheme + 3;
    qsizetype end = start;
    while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#')
        ++end;
    QByteArray authority = url.mid(start, end - start);
    const qsizetype at = authority.lastIndexOf('@'); // user:password@ is not part of Host
    return at < 0 ? authority : authority.mid(at + 1);
}

bool removedOrSet(const CurlRequest &request, QByteArrayView name)
{
    return request.removed.contains(name.toByteArray().toLower())
        || !headerValue(request.headers, name).isNull();
}

// The request as curl puts it on the wire: Host first, then the headers curl derives from
// options, the -H headers in order, then Content-Length and Content-Type for a body.
Event toEvent(const CurlRequest &request)
{
    Event event;
    event.origin = Origin::Loaded;
    const QByteArray body = request.data.join('&');
    event.method = !request.method.isEmpty() ? request.method
        : request.head                       ? "HEAD"_ba
        : request.hasData                    ? "POST"_ba
                                             : "GET"_ba;
    const QByteArray url = request.url.contains("://") ? request.url : "http://" + request.url;
    event.target = Har::targetOf(QString::fromUtf8(url));
    const QByteArray host = headerValue(request.headers, "host");
    if (!request.removed.contains("host"))
        event.headers.append({ "Host"_ba, host.isNull() ? authorityOf(url) : host });
    const QList<QPair<QByteArrayView, QByteArray>> derived { { "Authorization", request.auth },
                                                             { "User-Agent", request.userAgent },
                                                             { "Referer", request.referer },
                                                             { "Cookie", request.cookie } };
    for (const auto &[name, value] : derived) {
        if (!value.isEmpty() && !removedOrSet(request, name))
            event.headers.append({ name.toByteArray(), value });
    }
    for (const auto &header : request.headers) {
        if (header.first.compare("host", Qt::CaseInsensitive) != 0)
            event.headers.append(header);
    }
    if (request.hasData && !removedOrSet(request, "Content-Length"))
        event.headers.append({ "Content-Length"_ba, QByteArray::number(body.size()) });
    if (request.hasData && !removedOrSet(request, "Content-Type"))
        event.headers.append({ "Content-Type"_ba, "application/x-www-form-urlencoded"_ba });
    event.body = body;
    return event;
}

// Reads tokens from AT to the next END or PIPE: one simple command's words.
QList<QByteArray> commandWords(const QList<Token> &tokens, qsizetype *at)
{
    QList<QByteArray> words;
    while (*at < tokens.size() && tokens[*at].kind == Token::Word)
        words.append(tokens[(*at)++].text);
    return words;
}

// The bytes a printf command or a { printf ...; } group writes, or an error.
std::optional<QByteArray> printfOutput(const QList<Token> &tokens, qsizetype *at, QString *error)
{
    const bool group = tokens[*at].text == "{";
    if (group)
        ++*at;
    QByteArray out;
    while (*at < tokens.size()) {
        if (tokens[*at].kind != Token::Word) {
            if (!group)
                return out;
            ++*at;
            continue;
        }
        const QList<QByteArray> words = commandWords(tokens, at);
        if (group && words.first() == "}")
            return out;
        if (words.first() != "printf" || words.size() < 2) {
            *error = u"only printf can feed the body, not \"%1\""_s.arg(
                QString::fromUtf8(words.first()));
            return std::nullopt;
        }
        out += ShellWords::printf(words[1], words.mid(2));
        if (group && words.last() == "}")
            return out;
    }
    *error = u"the { printf ...; } group is not closed"_s;
    return std::nullopt;
}

CurlCommandReader::Parsed readCommand(const QList<Token> &tokens, qsizetype *at)
{
    CurlCommandReader::Parsed parsed;
    parsed.line = tokens[*at].line;
    std::optional<QByteArray> stdinBytes;
    if (tokens[*at].text == "{" || tokens[*at].text == "printf") {
        stdinBytes = printfOutput(tokens, at, &parsed.error);
        if (!stdinBytes)
            return parsed;
        if (*at >= tokens.size() || tokens[*at].kind != Token::Pipe) {
            parsed.error = u"printf's output is not piped into curl"_s;
            return parsed;
        }
        ++*at;
    }
    const QList<QByteArray> words = commandWords(tokens, at);
    if (words.isEmpty() || words.first() != "curl") {
        parsed.error =
            u"expected a curl command, found \"%1\""_s.arg(QString::fromUtf8(words.value(0)));
        return parsed;
    }
    CurlRequest request;
    parsed.error = CommandParser(words, stdinBytes).parse(&request);
    if (parsed.error.isEmpty())
        parsed.event = toEvent(request);
    return parsed;
}

} // namespace

bool CurlCommandReader::looksLikeCurl(QByteArrayView text)
{
    for (const QByteArrayView start : { "curl ", "curl\t", "curl\\", "printf ", "{ printf " }) {
        if (text.startsWith(start))
            return true;
    }
    return false;
}

QList<CurlCommandReader::Parsed> CurlCommandReader::read(QByteArrayView text)
{
    QList<Parsed> result;
    QString error;
    qint64 errorLine = 0;
    const std::optional<QList<Token>> tokens = ShellWords::split(text, &error, &errorLine);
    if (!tokens) {
        result.append({ std::nullopt, error, errorLine });
        return result;
    }
    for (qsizetype at = 0; at < tokens->size();) {
        if (tokens->at(at).kind != Token::Word) {
            ++at;
            continue;
        }
        result.append(readCommand(*tokens, &at));
        while (at < tokens->size() && tokens->at(at).kind != Token::End)
            ++at; // after an error, go on with the next command
    }
    return result;
}
