#include "validatecommand.h"

#include "commandsupport.h"
#include "event/eventrecord.h"
#include "formats/importer.h"
#include "payloadvalidator.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"validate"_s;
const QString kSynopsis =
    u"Usage: hookscope validate [--schema FILE]... [--event TYPE] [--split] [--json] FILE...\n\n"
    "Checks payload files and Hookscope fixtures against the bundled Solaris catalog and any\n"
    "--schema files. A .json file is one payload whatever its top level (--split: a top-level\n"
    "array is one payload per element). A payload whose type cannot be told, or that has no\n"
    "schema, is invalid.\n"
    "Exit status: 0 all valid, 1 violations found, 2 usage error or unreadable input.\n"_s;

struct Options
{
    QStringList files;
    QString eventType; // canonical, from --event
    bool json = false;
    ImportOptions import;
};

QString textPointer(const QString &pointer)
{
    return pointer.isEmpty() ? u"(root)"_s : pointer;
}

QString textReport(const QString &label, const PayloadVerdict &verdict)
{
    const QString type =
        verdict.eventType.isEmpty() ? u"(unknown event type)"_s : verdict.eventType;
    QString text = u"%1: %2 %3\n"_s.arg(label, type, verdict.valid ? u"valid"_s : u"invalid"_s);
    for (const Violation &v : verdict.violations) {
        const QString severity = v.severity == Severity::Warning ? u"warning: "_s : QString();
        text += u"  %1 %2 %3%4\n"_s.arg(textPointer(v.pointer), v.keyword, severity, v.message);
    }
    return text;
}

QByteArray jsonReport(const QString &file, int index, const PayloadVerdict &verdict)
{
    const QJsonObject object {
        { u"file"_s, file },
        { u"index"_s, index },
        { u"eventType"_s, verdict.eventType.isEmpty() ? QJsonValue() : verdict.eventType },
        { u"classifiedBy"_s, verdict.classifiedBy },
        { u"valid"_s, verdict.valid },
        { u"violations"_s, EventRecord::violationsJson(verdict.violations) },
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// One file: every event in it, reported in order. Returns the file's exit code.
int validateFile(const QString &file, const PayloadValidator &validator, const Options &options,
                 QIODevice &out, QIODevice &err)
{
    const ImportBatch batch = PayloadImporter::importFile(file, options.import);
    for (const ImportError &error : batch.errors) {
        const QString where =
            error.line > 0 ? u"%1:%2"_s.arg(file, QString::number(error.line)) : file;
        write(err, u"hookscope validate: %1: %2\n"_s.arg(where, error.reason));
    }
    bool allValid = true;
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        const PayloadVerdict verdict = validator.check(batch.events.at(i));
        allValid = allValid && verdict.valid;
        if (options.json)
            out.write(jsonReport(file, int(i + 1), verdict));
        else
            write(out,
                  textReport(batch.events.size() == 1
                                 ? file
                                 : u"%1 #%2"_s.arg(file, QString::number(i + 1)),
                             verdict));
    }
    if (!batch.errors.isEmpty())
        return exitUsage;
    return allValid ? exitOk : exitFailed;
}

// A folder stands for its payload files (recursively, in natural order), as import reads it.
int validatePath(const QString &path, const PayloadValidator &validator, const Options &options,
                 QIODevice &out, QIODevice &err)
{
    if (!QFileInfo(path).isDir())
        return validateFile(path, validator, options, out, err);
    const QStringList files = PayloadImporter::collectFiles({ path });
    if (files.isEmpty()) {
        write(err,
              u"hookscope validate: %1: no .json, .ndjson, .jsonl, .har or .http files\n"_s.arg(
                  path));
        return exitUsage;
    }
    int code = exitOk;
    for (const QString &file : files)
        code = std::max(code, validateFile(file, validator, options, out, err));
    return code;
}
} // namespace

int runValidate(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    const QCommandLineOption schema(
        u"schema"_s,
        u"An OpenAPI 3.0/3.1 document (JSON or YAML) or a JSON Schema whose schemas override the "
        "bundled catalog. Repeatable."_s,
        u"FILE"_s);
    const QCommandLineOption event(
        u"event"_s, u"Validate every payload as this event type (no classification)."_s, u"TYPE"_s);
    const QCommandLineOption json(u"json"_s, u"One JSON object per event and line."_s);
    const QCommandLineOption split(u"split"_s,
                                   u"Read a top-level JSON array as one payload per element."_s);
    parser.addOptions({ schema, event, json, split });
    parser.addPositionalArgument(
        u"FILE"_s, u"Payload files or fixtures; a folder stands for its files."_s, u"FILE..."_s);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    if (parser.positionalArguments().isEmpty())
        return usage(err, kName, u"no FILE given\nTry 'hookscope validate --help'."_s);
    const Schemas schemas = loadSchemas(parser.values(schema), parser.value(event));
    if (!schemas.registry)
        return usage(err, kName, u"--schema: "_s + schemas.errors.join(u"\n  "_s));
    for (const QString &warning : schemas.warnings)
        write(err, u"hookscope validate: warning: %1\n"_s.arg(warning));

    Options options {
        parser.positionalArguments(), {}, parser.isSet(json), ImportOptions { parser.isSet(split) }
    };
    if (parser.isSet(event)) {
        options.eventType = schemas.registry->canonicalEventType(parser.value(event));
        if (options.eventType.isEmpty())
            return usage(err, kName,
                         u"--event: no schema for event type \"%1\""_s.arg(parser.value(event)));
    }
    const PayloadValidator validator(*schemas.registry, options.eventType);
    int code = exitOk;
    for (const QString &path : options.files)
        code = std::max(code, validatePath(path, validator, options, out, err));
    return code;
}
