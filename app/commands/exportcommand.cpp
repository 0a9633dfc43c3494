#include "exportcommand.h"

#include "commandsupport.h"
#include "exporting/sessionexport.h"
#include "shutdownsignals.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"export"_s;
const QString kSynopsis =
    u"Usage: hookscope export --session FILE --format har|ndjson|fixtures|curl|httpie|raw\n"
    "                        --out PATH [--filter EXPR] [--redact] [--base-url URL]\n\n"
    "Writes a session's events, or those matching --filter, in one format. --out - writes to\n"
    "stdout; fixtures writes one file per event into the folder PATH. Files are replaced only\n"
    "when complete.\n"
    "Exit status: 0 ok, 1 write error, 2 usage error, 130/143 interrupted (SIGINT/SIGTERM;\n"
    "the file is left as it was).\n"_s;
const QStringList kFormats = { u"har"_s,  u"ndjson"_s, u"fixtures"_s,
                               u"curl"_s, u"httpie"_s, u"raw"_s };

std::optional<QString> sessionProblem(const QString &path)
{
    if (!QFileInfo(path).isFile())
        return u"%1: no such session file"_s.arg(path);
    if (QFileInfo(path).size() == 0)
        return u"%1: not a Hookscope session (empty)"_s.arg(path);
    return notASession(path);
}

std::variant<Filter, QString> compileFilter(const QString &expression)
{
    auto compiled = Filter::compile(expression);
    if (const auto *error = std::get_if<FilterError>(&compiled))
        return u"--filter: %1 (position %2)\n  %3\n  %4^"_s.arg(error->message)
            .arg(error->position)
            .arg(expression, QString(error->position, u' '));
    return std::get<Filter>(compiled);
}

std::optional<QString> baseUrlProblem(const QString &text)
{
    if (!ExportOptions::isBaseUrl(text))
        return u"--base-url: \"%1\" is not an http:// or https:// URL"_s.arg(text);
    return std::nullopt;
}

struct Parsed
{
    QString session, out;
    ExportFormat format = ExportFormat::Ndjson;
    Filter filter;
    ExportOptions options;
    QStringList schemaFiles;
};

// Every check that makes a usage error (exit 2), so nothing is written before they pass.
std::variant<Parsed, QString> check(const QCommandLineParser &parser)
{
    Parsed parsed { parser.value(u"session"_s), parser.value(u"out"_s), {}, {}, {},
                    parser.values(u"schema"_s) };
    if (!parser.isSet(u"session"_s) || !parser.isSet(u"format"_s) || !parser.isSet(u"out"_s))
        return u"--session FILE, --format FORMAT and --out PATH are required"_s;
    if (!parser.positionalArguments().isEmpty())
        return u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().constFirst());
    const QString formatName = parser.value(u"format"_s);
    if (!kFormats.contains(formatName))
        return u"--format: unknown format \"%1\" (use %2)"_s.arg(formatName,
                                                                 kFormats.join(u", "_s));
    parsed.format = *exportFormatFromName(formatName);
    auto filter = compileFilter(parser.value(u"filter"_s));
    if (const auto *error = std::get_if<QString>(&filter))
        return *error;
    parsed.filter = std::get<Filter>(filter);
    parsed.options.redact = parser.isSet(u"redact"_s);
    if (parser.isSet(u"base-url"_s)) {
        if (const auto problem = baseUrlProblem(parser.value(u"base-url"_s)))
            return *problem;
        parsed.options.baseUrl = parser.value(u"base-url"_s);
    }
    if (const auto problem = sessionProblem(parsed.session))
        return *problem;
    // QSaveFile would replace the session with its own export when it commits.
    if (QFileInfo(parsed.out).canonicalFilePath() == QFileInfo(parsed.session).canonicalFilePath())
        return u"--out: %1 is the session itself"_s.arg(parsed.out);
    return parsed;
}

// A file is replaced only when complete, so an interrupted one is left as it was; fixtures
// already written stay, each whole.
QString interrupted(const Parsed &parsed, bool toStdout, qint64 written)
{
    if (toStdout)
        return u"hookscope export: interrupted\n"_s;
    if (parsed.format == ExportFormat::Fixtures)
        return u"hookscope export: interrupted after %1 fixtures in %2\n"_s.arg(written).arg(
            parsed.out);
    return u"hookscope export: interrupted; %1 left as it was\n"_s.arg(parsed.out);
}

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        { u"session"_s, u"The session file to export."_s, u"FILE"_s },
        { u"format"_s, u"har, ndjson, fixtures, curl, httpie or raw."_s, u"FORMAT"_s },
        { u"out"_s, u"The file to write, '-' for stdout, or the folder for fixtures."_s,
          u"PATH"_s },
        { u"filter"_s, u"Only events matching EXPR (the filter language)."_s, u"EXPR"_s },
        { u"redact"_s, u"Replace secret header values with \"[redacted]\"."_s },
        { u"base-url"_s,
          u"Where curl and HTTPie commands send (default: where each request was sent, by its Host header; http://127.0.0.1:8080 without one)."_s,
          u"URL"_s },
        { u"schema"_s,
          u"Schemas to recompute NDJSON violations with (as at capture). Repeatable."_s,
          u"FILE"_s },
    });
}
} // namespace

int runExport(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    auto checked = check(parser);
    if (const auto *problem = std::get_if<QString>(&checked))
        return usage(err, kName, *problem);
    Parsed parsed = std::get<Parsed>(std::move(checked));
    const Schemas schemas = loadSchemas(parsed.schemaFiles);
    if (!schemas.registry)
        return usage(err, kName, u"--schema: "_s + schemas.errors.join(u"\n  "_s));
    SessionStore store;
    if (const Status opened = store.open(parsed.session, SessionStore::Access::ReadOnly); !opened)
        return usage(err, kName, opened.error());

    // File ▸ Export's path too (model/exporting/sessionexport.h): the same bytes.
    const Analyzer analyzer(*schemas.registry);
    SessionExport exporter(store, analyzer, parsed.format, parsed.options);
    exporter.selectMatching(parsed.filter);
    // Ctrl-C stops at the next event: the temporary file goes, the destination stays as it was.
    const ShutdownSignals::Deferral cleanUpFirst;
    exporter.setProgress([](qint64) { return !ShutdownSignals::requested(); });
    const bool toStdout = parsed.out == u"-"_s;
    const SessionExport::Result result = toStdout ? exporter.toDevice(out, u"stdout"_s)
        : parsed.format == ExportFormat::Fixtures ? exporter.toFolder(parsed.out)
                                                  : exporter.toFile(parsed.out);
    if (!result.error.isEmpty()) {
        write(err, u"hookscope export: %1\n"_s.arg(result.error));
        return exitFailed;
    }
    if (result.stopped) {
        write(err, interrupted(parsed, toStdout, result.events));
        return exitFailed; // main() makes it 128 + the signal
    }
    if (result.undecided > 0)
        write(err,
              u"hookscope export: --filter left out %1 events it could not decide (%2)\n"_s
                  .arg(result.undecided)
                  .arg(result.firstUndecided));
    write(err,
          u"exported %1 events to %2\n"_s.arg(result.events)
              .arg(toStdout ? u"stdout"_s : parsed.out));
    return exitOk;
}
