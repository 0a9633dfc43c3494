#include "examplecommand.h"

#include "commandsupport.h"
#include "schema/eventexample.h"
#include "shutdownsignals.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"example"_s;
const QString kSynopsis =
    u"Usage: hookscope example EVENT [--schema FILE]...\n"
    "       hookscope example --all --out DIR [--schema FILE]...\n\n"
    "Prints a payload for EVENT: the documented example when the schema has one, else one built\n"
    "from the schema (required and documented members, enum values, formats). It is validated\n"
    "against the event's schema; --all writes DIR/<EVENT_TYPE>.json for every event.\n"
    "Exit status: 0 ok, 1 an example does not validate or cannot be written, 2 usage error.\n"_s;

QByteArray jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    return QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact).mid(1).chopped(1)
        + '\n';
}

void reportViolations(QIODevice &err, const EventExample &example)
{
    for (const Violation &v : example.violations)
        write(err,
              u"hookscope example: %1 does not validate: %2 %3 %4\n"_s.arg(
                  example.eventType, v.pointer.isEmpty() ? u"(root)"_s : v.pointer, v.keyword,
                  v.message));
}

int printOne(const SchemaRegistry &registry, const QString &name, QIODevice &out, QIODevice &err)
{
    const EventExample example = exampleFor(registry, name);
    if (example.eventType.isEmpty())
        return usage(err, kName, u"no schema for event type \"%1\""_s.arg(name));
    if (example.payload.isUndefined()) {
        write(err, u"hookscope example: %1 has no body\n"_s.arg(example.eventType));
        return exitOk;
    }
    out.write(jsonText(example.payload));
    reportViolations(err, example);
    return example.ok() ? exitOk : exitFailed;
}

int writeAll(const SchemaRegistry &registry, const QString &folder, QIODevice &err)
{
    if (!QDir().mkpath(folder))
        return usage(err, kName, u"--out: cannot create folder %1"_s.arg(folder));
    static const QRegularExpression unsafe(u"[^A-Za-z0-9._-]"_s);
    int code = exitOk;
    int written = 0;
    const ShutdownSignals::Deferral cleanUpFirst; // Ctrl-C after a whole file, never inside one
    for (const QString &type : registry.eventTypes()) {
        if (ShutdownSignals::requested())
            break;
        const EventExample example = exampleFor(registry, type);
        if (example.payload.isUndefined())
            continue; // no body, nothing to write (WEBHOOK-SUBSCRIPTION)
        const QString path =
            QDir(folder).filePath(QString(type).replace(unsafe, u"_"_s) + u".json"_s);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(jsonText(example.payload)) < 0
            || !file.commit()) {
            write(err,
                  u"hookscope example: %1: cannot write: %2\n"_s.arg(path, file.errorString()));
            code = exitFailed;
            continue;
        }
        ++written;
        reportViolations(err, example);
        code = example.ok() ? code : exitFailed;
    }
    write(err, u"wrote %1 examples to %2\n"_s.arg(written).arg(folder));
    return code;
}
} // namespace

int runExample(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    parser.addOptions({
        { u"all"_s, u"Every known event (with --out)."_s },
        { u"out"_s, u"The folder --all writes into."_s, u"DIR"_s },
        { u"schema"_s, u"An OpenAPI or JSON Schema file over the bundled catalog. Repeatable."_s,
          u"FILE"_s },
    });
    parser.addPositionalArgument(u"EVENT"_s, u"An event type (name or URL key, any case)."_s);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    const QStringList events = parser.positionalArguments();
    const bool all = parser.isSet(u"all"_s);
    if (all == !events.isEmpty() || events.size() > 1)
        return usage(err, kName, u"give one EVENT, or --all --out DIR"_s);
    if (all != parser.isSet(u"out"_s))
        return usage(err, kName, u"--all and --out DIR go together"_s);
    const Schemas schemas = loadSchemas(parser.values(u"schema"_s));
    if (!schemas.registry)
        return usage(err, kName, u"--schema: "_s + schemas.errors.join(u"\n  "_s));
    return all ? writeAll(*schemas.registry, parser.value(u"out"_s), err)
               : printOne(*schemas.registry, events.constFirst(), out, err);
}
