// One export path (model/exporting/sessionexport.h): the real `hookscope export` binary and the
// window's File ▸ Export (exportSelection, as ui/copyactions.cpp calls it) write the same bytes
// for the same events, format and options.
#include "commandrun.h"
#include "commands/commandsupport.h"
#include "commands/importcommand.h"
#include "exporting/selectionexport.h"
#include "schema/schemaregistry.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString kData = QStringLiteral(HOOKSCOPE_TEST_DATA);
const QString kBinary = QStringLiteral(HOOKSCOPE_BINARY);
const QString kSchema = kData + u"/commands/identification.schema.json"_s;

struct Process
{
    int code = -1;
    QByteArray out, err;
};

Process hookscope(const QStringList &args)
{
    QProcess process;
    process.start(kBinary, args);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
             process.readAllStandardOutput(), process.readAllStandardError() };
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

// Every file of a fixtures folder, by name.
QMap<QString, QByteArray> folderContents(const QString &folder)
{
    QMap<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        files.insert(name, readAll(dir.filePath(name)));
    return files;
}
} // namespace

class tst_SessionExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameBytes_data();
    void sameBytes();
    void sameFixtureFiles_data();
    void sameFixtureFiles();

private:
    // The window's side: its analyzer (bundled catalog plus SCHEMA) and its reader.
    QStringList windowExport(const QList<qint64> &seqs, const SelectionExport &what,
                             const QString &schema);

    QTemporaryDir m_dir;
    QString m_session; // the mixed folder, imported: 6 events, 1 and 5 invalid
};

void tst_SessionExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_session = m_dir.filePath(u"mixed.hookscope"_s);
    QCOMPARE(
        runCommand(runImport, { u"--session"_s, m_session, kData + u"/commands/mixed"_s }).code,
        1); // one file is broken
}

QStringList tst_SessionExport::windowExport(const QList<qint64> &seqs, const SelectionExport &what,
                                            const QString &schema)
{
    const CommandSupport::Schemas schemas =
        CommandSupport::loadSchemas(schema.isEmpty() ? QStringList() : QStringList { schema });
    if (!schemas.registry)
        return schemas.errors;
    const Analyzer analyzer(*schemas.registry);
    SessionStore reader;
    if (const Status opened = reader.open(m_session); !opened)
        return { opened.error() };
    return exportSelection(reader, analyzer, seqs, what);
}

void tst_SessionExport::sameBytes_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("options"); // for the command; the window gets the same
    QTest::addColumn<QString>("filter"); // the command's --filter, empty for all
    QTest::addColumn<QList<qint64>>("seqs"); // what the window's view holds with that filter
    QTest::addColumn<QString>("schema");
    const QList<qint64> all { 1, 2, 3, 4, 5, 6 };
    for (const QString &format :
         { u"har"_s, u"ndjson"_s, u"fixtures"_s, u"curl"_s, u"httpie"_s, u"raw"_s }) {
        QTest::addRow("%s", qPrintable(format))
            << format << QStringList() << QString() << all << QString();
        QTest::addRow("%s, redacted, base URL", qPrintable(format))
            << format << QStringList { u"--redact"_s, u"--base-url"_s, u"https://example.test"_s }
            << QString() << all << QString();
        QTest::addRow("%s, invalid only", qPrintable(format))
            << format << QStringList() << u"invalid"_s << QList<qint64> { 1, 5 } << QString();
        QTest::addRow("%s, own schema", qPrintable(format))
            << format << QStringList() << QString() << all << kSchema;
    }
}

void tst_SessionExport::sameBytes()
{
    QFETCH(QString, format);
    QFETCH(QStringList, options);
    QFETCH(QString, filter);
    QFETCH(QList<qint64>, seqs);
    QFETCH(QString, schema);
    QStringList args { u"export"_s, u"--session"_s, m_session, u"--format"_s,
                       format,      u"--out"_s,     u"-"_s };
    args += options;
    if (!filter.isEmpty())
        args += QStringList { u"--filter"_s, filter };
    if (!schema.isEmpty())
        args += QStringList { u"--schema"_s, schema };
    const Process command = hookscope(args);
    QCOMPARE(command.code, 0);
    QVERIFY(command.err.startsWith(
        "exported %1 events"_ba.replace("%1", QByteArray::number(seqs.size()))));

    SelectionExport what { *exportFormatFromName(format), {}, m_dir.filePath(u"window.out"_s) };
    what.options.redact = options.contains(u"--redact"_s);
    if (options.contains(u"--base-url"_s))
        what.options.baseUrl = options.at(options.indexOf(u"--base-url"_s) + 1);
    QCOMPARE(windowExport(seqs, what, schema), QStringList());
    const QByteArray window = readAll(what.target);
    QVERIFY(!window.isEmpty());
    QCOMPARE(window, command.out);
}

void tst_SessionExport::sameFixtureFiles_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("as sent") << QStringList();
    QTest::newRow("redacted") << QStringList { u"--redact"_s };
}

// Fixtures into a folder: one file per event, the same names and bytes.
void tst_SessionExport::sameFixtureFiles()
{
    QFETCH(QStringList, options);
    const QString byCommand = m_dir.filePath(u"command-fixtures"_s);
    const QString byWindow = m_dir.filePath(u"window-fixtures"_s);
    QDir(byCommand).removeRecursively();
    QDir(byWindow).removeRecursively();
    const Process command =
        hookscope(QStringList { u"export"_s, u"--session"_s, m_session, u"--format"_s,
                                u"fixtures"_s, u"--out"_s, byCommand }
                  + options);
    QCOMPARE(command.code, 0);
    SelectionExport what { ExportFormat::Fixtures, {}, byWindow, true };
    what.options.redact = !options.isEmpty();
    QCOMPARE(windowExport({ 1, 2, 3, 4, 5, 6 }, what, {}), QStringList());
    const QMap<QString, QByteArray> files = folderContents(byCommand);
    QCOMPARE(files.size(), 6);
    QCOMPARE(folderContents(byWindow), files);
}

QTEST_GUILESS_MAIN(tst_SessionExport)
#include "tst_sessionexport.moc"
