#include "commandsupport.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>

using namespace Qt::StringLiterals;

void CommandSupport::write(QIODevice &device, const QString &text)
{
    device.write(text.toUtf8());
}

int CommandSupport::usage(QIODevice &err, const QString &subcommand, const QString &message)
{
    write(err, u"hookscope %1: %2\n"_s.arg(subcommand, message));
    return exitUsage;
}

namespace {
// QCommandLineParser's usage line names the executable only; ours names the subcommand.
QString helpText(const QCommandLineParser &parser, const QString &synopsis)
{
    QString text = parser.helpText();
    const qsizetype firstLineEnd = text.indexOf(u'\n');
    return synopsis + (firstLineEnd < 0 ? QString() : text.mid(firstLineEnd + 1));
}
} // namespace

std::optional<int> CommandSupport::parse(QCommandLineParser &parser, const QString &subcommand,
                                         const QString &synopsis, const QStringList &args,
                                         QIODevice &out, QIODevice &err)
{
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help."_s);
    parser.addOption(help);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    if (!parser.parse(QStringList { u"hookscope "_s + subcommand } + args))
        return usage(err, subcommand,
                     parser.errorText() + u"\nTry 'hookscope %1 --help'."_s.arg(subcommand));
    if (parser.isSet(help)) {
        write(out, helpText(parser, synopsis));
        return exitOk;
    }
    return std::nullopt;
}

CommandSupport::Schemas CommandSupport::loadSchemas(const QStringList &files,
                                                    const QString &eventType)
{
    SchemaRegistry registry = SchemaRegistry::withBundledCatalog();
    QStringList warnings;
    for (const QString &file : files) {
        if (!QFileInfo(file).isFile())
            return { std::nullopt, { u"%1: no such schema file"_s.arg(file) }, {} };
        ImportReport report = registry.importFile(file);
        // model/schema/README.md: one plain schema is named by --event before its title.
        if (report.ok() && report.plainSchema && files.size() == 1 && !eventType.isEmpty())
            report = registry.importFile(file, eventType);
        if (!report.ok())
            return { std::nullopt, report.errors, {} };
        if (report.importedEvents.isEmpty())
            return { std::nullopt, { u"%1: no event schemas found in the file"_s.arg(file) }, {} };
        warnings += report.warnings;
    }
    return { std::move(registry), {}, warnings };
}

std::optional<QString> CommandSupport::notASession(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"%1: cannot read: %2"_s.arg(path, file.errorString());
    const QByteArray header = file.read(16);
    if (!header.isEmpty() && header != QByteArray("SQLite format 3\0", 16))
        return u"%1: not a Hookscope session"_s.arg(path);
    return std::nullopt;
}
