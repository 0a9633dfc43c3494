#include "inspectcommand.h"

#include "commandsupport.h"
#include "filter/filter.h"
#include "formats/importer.h"
#include "inspectreport.h"
#include "payloadvalidator.h"
#include "signature/secretset.h"
#include "store/sessionstore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QIODevice>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"inspect"_s;
const QString kSynopsis =
    u"Usage: hookscope inspect [--schema FILE]... [--secret SPEC]... [--event TYPE] [--json] "
    u"FILE...\n"
    "       hookscope inspect --session FILE [--filter EXPR] [--json]\n\n"
    "Prints each event as the window's detail view shows it: request line, headers, signature,\n"
    "then every row of the Fields tree with its type, value, verdict and documentation.\n"
    "Exit status: 0 all valid, 1 violations found, 2 usage error or unreadable input.\n"_s;

struct Inputs
{
    QStringList files;
    QString session;
    Filter filter;
};

int inspectFile(const QString &file, InspectReport &report, QIODevice &err)
{
    const ImportBatch batch = PayloadImporter::importFile(file);
    for (const ImportError &error : batch.errors) {
        const QString where =
            error.line > 0 ? u"%1:%2"_s.arg(file, QString::number(error.line)) : file;
        write(err, u"hookscope inspect: %1: %2\n"_s.arg(where, error.reason));
    }
    bool allValid = true;
    for (qsizetype i = 0; i < batch.events.size(); ++i)
        allValid =
            report.write(batch.events.at(i), file, int(i + 1), batch.events.size() > 1) && allValid;
    if (!batch.errors.isEmpty() || batch.events.isEmpty())
        return exitUsage;
    return allValid ? exitOk : exitFailed;
}

int inspectFiles(const QStringList &paths, InspectReport &report, QIODevice &err)
{
    int code = exitOk;
    for (const QString &path : paths) {
        const QStringList files = QFileInfo(path).isDir() ? PayloadImporter::collectFiles({ path })
                                                          : QStringList { path };
        if (files.isEmpty()) {
            write(err, u"hookscope inspect: %1: no payload files\n"_s.arg(path));
            code = exitUsage;
        }
        for (const QString &file : files)
            code = std::max(code, inspectFile(file, report, err));
    }
    return code;
}

int inspectSession(const Inputs &inputs, InspectReport &report, QIODevice &err)
{
    if (!QFileInfo(inputs.session).isFile() || QFileInfo(inputs.session).size() == 0)
        return usage(err, kName, u"%1: no such session file"_s.arg(inputs.session));
    if (const auto problem = notASession(inputs.session))
        return usage(err, kName, *problem);
    SessionStore store; // only reads: no lock, so a session another process writes will do
    if (const Status opened = store.open(inputs.session, SessionStore::Access::ReadOnly); !opened)
        return usage(err, kName, opened.error());
    bool allValid = true;
    int index = 0;
    std::ignore = store.forEachEventAndSummary([&](Event &&event, EventSummary &&summary) {
        if (inputs.filter.matches(summary, &event))
            allValid = report.write(event, inputs.session, ++index, true) && allValid;
        return true;
    });
    return allValid ? exitOk : exitFailed;
}

std::variant<Inputs, QString> checkInputs(const QCommandLineParser &parser)
{
    Inputs inputs { parser.positionalArguments(), parser.value(u"session"_s), {} };
    if (inputs.session.isEmpty() == inputs.files.isEmpty())
        return u"give FILE... or --session FILE"_s;
    if (parser.isSet(u"filter"_s)) {
        if (inputs.session.isEmpty())
            return u"--filter needs --session"_s;
        auto compiled = Filter::compile(parser.value(u"filter"_s));
        if (const auto *error = std::get_if<FilterError>(&compiled))
            return u"--filter: %1 (position %2)"_s.arg(error->message).arg(error->position);
        inputs.filter = std::get<Filter>(compiled);
    }
    return inputs;
}

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        { u"schema"_s, u"An OpenAPI 3.0/3.1 document or JSON Schema. Repeatable."_s, u"FILE"_s },
        { u"secret"_s, u"SCHEME:SECRET or SCHEME:EVENT_TYPE:SECRET. Repeatable."_s, u"SPEC"_s },
        { u"event"_s, u"Inspect every payload as this event type."_s, u"TYPE"_s },
        { u"session"_s, u"Inspect the events of a session file."_s, u"FILE"_s },
        { u"filter"_s, u"With --session: only events matching EXPR."_s, u"EXPR"_s },
        { u"json"_s, u"One JSON object per event and line."_s },
    });
    parser.addPositionalArgument(u"FILE"_s, u"Payload files or fixtures."_s, u"FILE..."_s);
}
} // namespace

int runInspect(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    auto checked = checkInputs(parser);
    if (const auto *problem = std::get_if<QString>(&checked))
        return usage(err, kName, *problem + u"\nTry 'hookscope inspect --help'."_s);
    const Inputs inputs = std::get<Inputs>(std::move(checked));
    const Schemas schemas = loadSchemas(parser.values(u"schema"_s));
    if (!schemas.registry)
        return usage(err, kName, u"--schema: "_s + schemas.errors.join(u"\n  "_s));
    auto secrets = SecretSet::parse(parser.values(u"secret"_s));
    if (const auto *error = std::get_if<SecretSpecError>(&secrets))
        return usage(err, kName, u"--secret: "_s + error->message());
    QString forced;
    if (parser.isSet(u"event"_s)) {
        forced = schemas.registry->canonicalEventType(parser.value(u"event"_s));
        if (forced.isEmpty())
            return usage(
                err, kName,
                u"--event: no schema for event type \"%1\""_s.arg(parser.value(u"event"_s)));
    }
    InspectReport report(*schemas.registry, std::get<SecretSet>(std::move(secrets)), forced,
                         parser.isSet(u"json"_s), out);
    return inputs.session.isEmpty() ? inspectFiles(inputs.files, report, err)
                                    : inspectSession(inputs, report, err);
}
