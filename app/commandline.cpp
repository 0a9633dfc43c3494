#include "commandline.h"

#include "commands/subcommands.h"
#include "event/nearestname.h"
#include "settings/limitfields.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
const QString kSynopsis = uR"(
Hookscope captures webhooks sent to it and shows them checked and field by field.

  hookscope [options] [FILE...]               the window
  hookscope --headless [options] [--json]     no window; one line per event on stdout
  hookscope validate [--schema FILE]... [--event TYPE] [--json] FILE...
                                              check payload files against the schemas
  hookscope import --session FILE PATH...     add payload files and folders to a session
  hookscope export --session FILE --format har|ndjson|fixtures|curl|httpie|raw --out PATH
                                              write a session's events (--filter EXPR)
  hookscope example EVENT | --all --out DIR   a payload that validates against EVENT's schema
  hookscope send --to URL (--event TYPE [--body FILE] | FILE...) [--secret SPEC]
                                              send, sign and retry as the provider would
  hookscope replay --session FILE --to URL [--filter EXPR] [--resign SPEC]
                                              the window's Replay, answers kept in the session
  hookscope inspect [--schema FILE]... [--secret SPEC]... [--event TYPE] [--json] FILE...
  hookscope inspect --session FILE [--filter EXPR] [--json]
                                              the detail view in a terminal
  hookscope schema EVENT [--json]             an event's documented fields
  (each subcommand has its own --help)

Webhooks are captured at http://%1:%2/ (any method, any path) unless --bind/--port
say otherwise. Every event is stored in a session file before it is answered.

Defaults come from the saved settings (shown below); an option overrides them for this run.
Limits take sizes as 65536, 512K or 10M and durations as 30, 1.5s or 500ms.)"_s;

// `hookscope schemas`: a word where a subcommand goes that is no file either is a mistyped
// subcommand, not a payload file to load into a window.
std::optional<UsageError> mistypedSubcommand(const QStringList &files)
{
    static const QRegularExpression word(u"^[A-Za-z][A-Za-z0-9-]*$"_s);
    if (files.isEmpty() || !word.match(files.first()).hasMatch()
        || QFileInfo::exists(files.first()))
        return std::nullopt;
    const QString meant = nearestName(files.first(), subcommandNames());
    return UsageError { u"\"%1\" is not a command and no such file exists%2. Commands: %3 "
                        "(hookscope COMMAND --help)."_s.arg(
                            files.first(),
                            meant.isEmpty() ? QString() : u"; did you mean \"%1\"?"_s.arg(meant),
                            subcommandNames().join(u", "_s)) };
}

std::variant<quint16, UsageError> parsePort(const QString &text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535)
        return UsageError { u"--port: \"%1\" is not a port number (0-65535)"_s.arg(text) };
    return quint16(port);
}

// Qt names the program after argv[0] (or "<executable_name>" before the application object
// exists); the help names the command a user types.
QString usage(QString help)
{
    const qsizetype nameEnd = help.startsWith(u"Usage: "_s) ? help.indexOf(u' ', 7) : -1;
    return nameEnd < 0 ? help : help.replace(7, nameEnd - 7, u"hookscope"_s);
}

QList<QCommandLineOption> limitOptions(const CaptureLimits &defaults)
{
    QList<QCommandLineOption> options;
    for (const LimitField &field : limitFields())
        options.append(QCommandLineOption(
            field.option,
            u"%1 Default %2."_s.arg(field.description, field.format(field.get(defaults))),
            field.valueName()));
    return options;
}

// The limits: the defaults, each overridden by its option when given.
std::variant<CaptureLimits, UsageError> parseLimits(const QCommandLineParser &parser,
                                                    const CaptureLimits &defaults)
{
    CaptureLimits limits = defaults;
    for (const LimitField &field : limitFields()) {
        if (!parser.isSet(field.option))
            continue;
        const auto value = field.parse(parser.value(field.option));
        if (const auto *error = std::get_if<QString>(&value))
            return UsageError { *error };
        field.set(limits, std::get<qint64>(value));
    }
    if (limits.maxTargetBytes > limits.maxHeadBytes)
        limits.maxTargetBytes = limits.maxHeadBytes; // the target is part of the head
    return limits;
}
} // namespace

std::variant<AppOptions, UsageError, InfoRequest> parseCommandLine(const QStringList &arguments,
                                                                   const CaptureSettings &defaults)
{
    QCommandLineParser parser;
    const QString host = defaults.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(defaults.address.toString())
        : defaults.address.toString();
    parser.setApplicationDescription(kSynopsis.arg(host, QString::number(defaults.port)));
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help."_s);
    const QCommandLineOption version(u"version"_s, u"Show the version."_s);
    const QCommandLineOption port(
        u"port"_s, u"Port to listen on (0 picks a free one). Default %1."_s.arg(defaults.port),
        u"N"_s, QString::number(defaults.port));
    const QCommandLineOption bind(
        u"bind"_s,
        u"Address to listen on; anything but loopback is reachable from other machines. Default %1."_s
            .arg(defaults.address.toString()),
        u"ADDR"_s, defaults.address.toString());
    const QCommandLineOption session(
        u"session"_s, u"Session file to write (created if missing; reopened if it exists)."_s,
        u"FILE"_s);
    const QString defaultFolder = defaults.sessionDirectory.isEmpty()
        ? u"~/.local/share/hookscope/sessions"_s
        : defaults.sessionDirectory;
    const QCommandLineOption sessionDirectory(
        u"session-dir"_s,
        u"Folder for a new session file when --session is not given. Default %1."_s.arg(
            defaultFolder),
        u"DIR"_s, defaults.sessionDirectory);
    const QCommandLineOption headless(u"headless"_s, u"No window: print one line per event."_s);
    const QCommandLineOption json(u"json"_s, u"With --headless: one JSON object per line."_s);
    const QCommandLineOption secret(
        u"secret"_s,
        u"A signature secret: SCHEME:SECRET or SCHEME:EVENT_TYPE:SECRET "
        "(schemes: solaris, standard, stripe, github, hmac). Repeatable."_s,
        u"SPEC"_s);
    const QCommandLineOption filter(
        u"filter"_s, u"With --headless: print only events matching EXPR."_s, u"EXPR"_s);
    const QCommandLineOption rules(
        u"rules"_s,
        u"Response rules: a JSON array of {filter, status, headers, body, delayMs}; first match wins."_s,
        u"FILE"_s);
    const QCommandLineOption schema(
        u"schema"_s,
        u"An OpenAPI 3.0/3.1 document (JSON or YAML) or a JSON Schema whose schemas override the "
        "bundled Solaris catalog. Repeatable."_s,
        u"FILE"_s);
    const QCommandLineOption forward(
        u"forward"_s, u"Send every captured event on to URL (live forward)."_s, u"URL"_s);
    parser.addOptions({ help, version, port, bind, session, sessionDirectory, headless, json,
                        secret, filter, rules, schema, forward });
    parser.addOptions(limitOptions(defaults.limits));
    parser.addPositionalArgument(
        u"FILE"_s, u"Payload files to load, as if dropped on the window."_s, u"[FILE...]"_s);
    if (!parser.parse(arguments))
        return UsageError { parser.errorText() };
    if (parser.isSet(help))
        return InfoRequest { usage(parser.helpText()) };
    if (parser.isSet(version))
        return InfoRequest { u"hookscope %1\n"_s.arg(QCoreApplication::applicationVersion()) };

    AppOptions options;
    options.mode = parser.isSet(headless) ? AppOptions::Mode::Headless : AppOptions::Mode::Window;
    options.json = parser.isSet(json);
    if (options.json && options.mode != AppOptions::Mode::Headless)
        return UsageError { u"--json goes with --headless"_s };
    const auto portValue = parsePort(parser.value(port));
    if (const auto *error = std::get_if<UsageError>(&portValue))
        return *error;
    options.capture.port = std::get<quint16>(portValue);
    if (!options.capture.address.setAddress(parser.value(bind)))
        return UsageError { u"--bind: \"%1\" is not an IP address"_s.arg(parser.value(bind)) };
    auto limits = parseLimits(parser, defaults.limits);
    if (const auto *error = std::get_if<UsageError>(&limits))
        return *error;
    options.capture.limits = std::get<CaptureLimits>(limits);
    options.sessionDirectory = parser.value(sessionDirectory);
    options.sessionGiven = parser.isSet(session);
    options.capture.sessionPath = parser.value(session);
    options.files = parser.positionalArguments();
    if (auto error = mistypedSubcommand(options.files))
        return *error;
    options.schemaFiles = parser.values(schema);
    if (parser.isSet(forward)) {
        options.forward = QUrl(parser.value(forward), QUrl::StrictMode);
        const QString scheme = options.forward.scheme();
        if (!options.forward.isValid() || (scheme != u"http"_s && scheme != u"https"_s)
            || options.forward.host().isEmpty())
            return UsageError { u"--forward: \"%1\" is not an http:// or https:// URL"_s.arg(
                parser.value(forward)) };
    }
    if (parser.isSet(filter) && options.mode != AppOptions::Mode::Headless)
        return UsageError { u"--filter goes with --headless (the window has its filter bar)"_s };
    auto compiled = Filter::compile(parser.value(filter));
    if (const auto *error = std::get_if<FilterError>(&compiled))
        return UsageError { u"--filter: %1"_s.arg(error->toString()) };
    options.filter = std::get<Filter>(std::move(compiled));
    if (parser.isSet(rules)) {
        auto loaded = ResponseRules::load(parser.value(rules));
        if (const auto *error = std::get_if<QString>(&loaded))
            return UsageError { u"--rules: %1"_s.arg(*error) };
        options.capture.rules =
            std::make_shared<ResponseRules>(std::get<ResponseRules>(std::move(loaded)));
        options.rulesGiven = true;
    }
    auto secrets = SecretSet::parse(parser.values(secret));
    if (const auto *error = std::get_if<SecretSpecError>(&secrets))
        return UsageError { u"--secret: %1"_s.arg(error->message()) };
    options.secrets = std::get<SecretSet>(std::move(secrets));
    return options;
}
