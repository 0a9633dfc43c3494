#include "importcommand.h"

#include "commandsupport.h"
#include "sessionimporter.h"
#include "shutdownsignals.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"import"_s;
const QString kSynopsis =
    u"Usage: hookscope import --session FILE [--split] PATH...\n\n"
    "Adds payload files, folders (recursively), NDJSON, HAR, raw HTTP and fixtures to a session\n"
    "file (created if missing). Each event is numbered after the session's last and analysed.\n"
    "A .json file is one payload whatever its top level; --split reads a top-level array as one\n"
    "payload per element.\n"
    "Exit status: 0 all loaded, 1 some inputs failed, 2 usage error, 130/143 interrupted\n"
    "(SIGINT/SIGTERM; what was stored before it stays).\n"_s;

QString errorLine(const ImportError &error)
{
    const QString where =
        error.line > 0 ? u"%1:%2"_s.arg(error.file, QString::number(error.line)) : error.file;
    return u"hookscope import: %1: %2\n"_s.arg(where, error.reason);
}

struct Totals
{
    qint64 events = 0;
    qint64 files = 0;
    qint64 failed = 0;
};

// Imports each file in turn; stops at the first write error, which is returned.
std::optional<QString> importAll(const QStringList &files, SessionImporter &importer,
                                 Totals &totals, QIODevice &err)
{
    for (const QString &file : files) {
        const SessionImporter::FileResult result = importer.importFile(file);
        ++totals.files;
        totals.events += result.events;
        totals.failed += result.errors.isEmpty() && result.storeError.isEmpty() ? 0 : 1;
        for (const ImportError &error : result.errors)
            write(err, errorLine(error));
        if (!result.storeError.isEmpty())
            return result.storeError;
        if (result.interrupted)
            return u"interrupted; the events stored before it stay in the session"_s;
    }
    return std::nullopt;
}
} // namespace

int runImport(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    const QCommandLineOption session(
        u"session"_s, u"The session file to add to (created if missing)."_s, u"FILE"_s);
    const QCommandLineOption split(u"split"_s,
                                   u"Read a top-level JSON array as one payload per element."_s);
    parser.addOptions({ session, split });
    parser.addPositionalArgument(u"PATH"_s, u"Files or folders to import."_s, u"PATH..."_s);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    if (!parser.isSet(session))
        return usage(err, kName, u"--session FILE is required"_s);
    if (parser.positionalArguments().isEmpty())
        return usage(err, kName, u"no PATH given"_s);

    if (QFileInfo::exists(parser.value(session))) {
        if (const auto problem = notASession(parser.value(session)))
            return usage(err, kName, *problem);
    }
    SessionStore store;
    if (const Status opened = store.open(parser.value(session)); !opened)
        return usage(err, kName, opened.error());
    const Analyzer analyzer(SchemaRegistry::withBundledCatalog());
    SessionImporter importer(store, analyzer, ImportOptions { parser.isSet(split) });
    Totals totals;
    const ShutdownSignals::Deferral cleanUpFirst; // the session's lock goes with the process
    const auto storeError = importAll(PayloadImporter::collectFiles(parser.positionalArguments()),
                                      importer, totals, err);
    if (storeError)
        write(err, u"hookscope import: %1\n"_s.arg(*storeError));
    write(err,
          u"imported %1 events from %2 files, %3 failed\n"_s.arg(totals.events)
              .arg(totals.files)
              .arg(totals.failed));
    return totals.failed == 0 ? exitOk : exitFailed;
}
