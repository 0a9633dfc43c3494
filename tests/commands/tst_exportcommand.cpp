#include "commandrun.h"
#include "commands/exportcommand.h"
#include "commands/importcommand.h"
#include "sessioncontents.h"
#include "store/sessionstore.h"

#include "timebound.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString kData = QStringLiteral(HOOKSCOPE_TEST_DATA);
const QString kMixed = kData + u"/commands/mixed"_s;

CommandRun exportSession(const QStringList &args)
{
    return runCommand(runExport, args);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class tst_ExportCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void commandsAndRaw_data();
    void commandsAndRaw();
    void curlLoadsBack();
    void ndjsonToStdout();
    void filterSelects_data();
    void filterSelects();
    void filterHasTheRegexBudget();
    void redact();
    void emptySelection();
    void usageErrors_data();
    void usageErrors();
    void badFilterNamesThePosition();
    void writeErrors_data();
    void writeErrors();
    void leavesNoPartialFile();
    void stdoutWriteError();
    void outIsTheSession();
    void schemaForViolations();
    void help();

private:
    QTemporaryDir m_dir;
    QString m_session; // the mixed folder, imported once: 6 events
    QList<Event> m_events;
};

void tst_ExportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_session = m_dir.filePath(u"mixed.hookscope"_s);
    QCOMPARE(runCommand(runImport, { u"--session"_s, m_session, kMixed }).code, 1); // one broken
    m_events = events(m_session);
    QCOMPARE(m_events.size(), 6);
}

void tst_ExportCommand::roundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("out"); // "-": to stdout, saved by the test
    QTest::newRow("fixtures folder") << u"fixtures"_s << u"fixtures"_s;
    QTest::newRow("fixtures array on stdout") << u"fixtures"_s << u"-"_s;
    QTest::newRow("ndjson") << u"ndjson"_s << u"export.ndjson"_s;
    QTest::newRow("ndjson on stdout") << u"ndjson"_s << u"-"_s;
    QTest::newRow("har") << u"har"_s << u"export.har"_s;
}

namespace {
// Fixture files are named by type, then seq, so a folder loads back in name order.
QList<Event> bySeqOrBytes(QList<Event> events, bool fromFolder)
{
    if (fromFolder) {
        std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
            return std::tie(a.target, a.body) < std::tie(b.target, b.body);
        });
    }
    return events;
}

QString saved(const QTemporaryDir &dir, const QByteArray &bytes, const QString &format)
{
    QFile file(dir.filePath(u"stdout."_s + format));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}
} // namespace

// Export, import into a new session: the same requests, byte for byte.
void tst_ExportCommand::roundTrip()
{
    QFETCH(QString, format);
    QFETCH(QString, out);
    QTemporaryDir dir;
    const bool toStdout = out == u"-"_s;
    const QString path = toStdout ? out : dir.filePath(out);
    const CommandRun run =
        exportSession({ u"--session"_s, m_session, u"--format"_s, format, u"--out"_s, path });
    QCOMPARE(run.code, 0);
    QCOMPARE(run.err, u"exported 6 events to %1\n"_s.arg(toStdout ? u"stdout"_s : path).toUtf8());
    const bool folder = format == u"fixtures"_s && !toStdout;
    if (folder)
        QCOMPARE(QDir(path).entryList(QDir::Files).size(), 6);
    else if (toStdout)
        QVERIFY(!run.out.isEmpty());
    else
        QCOMPARE(run.out, QByteArray());

    const QString copy = dir.filePath(u"copy.hookscope"_s);
    const QString input = toStdout ? saved(dir, run.out, format) : path;
    const CommandRun back = runCommand(runImport, { u"--session"_s, copy, input });
    QVERIFY2(back.code == 0, back.err.constData());
    const QList<Event> loaded = bySeqOrBytes(events(copy), folder);
    const QList<Event> expected = bySeqOrBytes(m_events, folder);
    QCOMPARE(loaded.size(), expected.size());
    for (qsizetype i = 0; i < loaded.size(); ++i) {
        QCOMPARE(loaded.at(i).method, expected.at(i).method);
        QCOMPARE(loaded.at(i).target, expected.at(i).target);
        QCOMPARE(loaded.at(i).headers, expected.at(i).headers);
        QCOMPARE(loaded.at(i).body, expected.at(i).body);
    }
}

void tst_ExportCommand::commandsAndRaw_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("baseUrl"); // empty: the default
    QTest::addColumn<QString>("entryStart"); // a regular expression for each entry's first line
    QTest::newRow("curl") << u"curl"_s << QString() << u"^(curl|printf|\\{ printf) "_s;
    QTest::newRow("curl --base-url")
        << u"curl"_s << u"https://example.test:9000"_s << u"^(curl|printf|\\{ printf) "_s;
    // HTTPie commands start with comment lines saying what HTTPie changes.
    QTest::newRow("httpie") << u"httpie"_s << QString()
                            << u"^(?:# HTTPie [^\\n]*\\n)*(http|printf|\\{ printf) "_s;
    QTest::newRow("raw") << u"raw"_s << QString() << u"^(POST|PUT) /\\S* HTTP/1\\.1\\r?$"_s;
}

// One command or request per event, separated by a blank line, to stdout.
void tst_ExportCommand::commandsAndRaw()
{
    QFETCH(QString, format);
    QFETCH(QString, baseUrl);
    QFETCH(QString, entryStart);
    QStringList args { u"--session"_s, m_session, u"--format"_s, format, u"--out"_s, u"-"_s };
    if (!baseUrl.isEmpty())
        args << u"--base-url"_s << baseUrl;
    const CommandRun run = exportSession(args);
    QCOMPARE(run.code, 0);
    QCOMPARE(run.err, "exported 6 events to stdout\n"_ba);
    // Each entry starts a line after a blank one; a body may itself end in a newline, so entries
    // are found by their first line rather than by splitting.
    const QString text = QString::fromUtf8(run.out);
    const QRegularExpression start(entryStart, QRegularExpression::MultilineOption);
    QList<qsizetype> starts;
    for (auto it = start.globalMatch(text); it.hasNext();)
        starts.append(it.next().capturedStart());
    QCOMPARE(starts.size(), 6);
    QCOMPARE(starts.at(0), 0);
    for (qsizetype at : starts.sliced(1))
        QCOMPARE(text.mid(at - 2, 2), u"\n\n"_s);
    if (format != u"raw"_s) {
        const QString url = baseUrl.isEmpty() ? u"http://127.0.0.1:8080"_s : baseUrl;
        QCOMPARE(run.out.count(url.toUtf8()), 6);
    }
}

// curl commands load back through the curl reader: same method, target and body.
void tst_ExportCommand::curlLoadsBack()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"commands.sh"_s);
    QCOMPARE(exportSession({ u"--session"_s, m_session, u"--format"_s, u"curl"_s, u"--out"_s, out })
                 .code,
             0);
    const QString copy = dir.filePath(u"copy.hookscope"_s);
    QCOMPARE(runCommand(runImport, { u"--session"_s, copy, out }).code, 0);
    const QList<Event> loaded = events(copy);
    QCOMPARE(loaded.size(), 6);
    for (qsizetype i = 0; i < loaded.size(); ++i) {
        QCOMPARE(loaded.at(i).method, m_events.at(i).method);
        QCOMPARE(loaded.at(i).target, m_events.at(i).target);
        QCOMPARE(loaded.at(i).body, m_events.at(i).body);
    }
}

// NDJSON carries seq and the analysis of `--headless --json`, violations recomputed.
void tst_ExportCommand::ndjsonToStdout()
{
    const CommandRun run = exportSession(
        { u"--session"_s, m_session, u"--format"_s, u"ndjson"_s, u"--out"_s, u"-"_s });
    QCOMPARE(run.code, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(o.value(u"hookscope"_s).toInt(), 1);
        QCOMPARE(o.value(u"seq"_s).toInteger(), i + 1);
        for (const QString &key :
             { u"receivedAt"_s, u"method"_s, u"target"_s, u"eventType"_s, u"classifiedBy"_s,
               u"valid"_s, u"violations"_s, u"signature"_s, u"status"_s })
            QVERIFY2(o.contains(key), qPrintable(key));
    }
    const QJsonObject identification = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(identification.value(u"valid"_s).toBool(), false);
    const QJsonArray violations = identification.value(u"violations"_s).toArray();
    QVERIFY(std::any_of(violations.cbegin(), violations.cend(), [](const QJsonValue &v) {
        return v.toObject().value(u"pointer"_s) == u"/status"_s
            && v.toObject().value(u"keyword"_s) == u"enum"_s;
    }));
}

void tst_ExportCommand::filterSelects_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QList<qint64>>("seqs");
    QTest::newRow("method") << u"method == PUT"_s << QList<qint64> { 4 };
    QTest::newRow("path") << u"path == \"/hooks/raw\""_s << QList<qint64> { 6 };
    QTest::newRow("header (reads the event)")
        << u"header[\"X-Trace\"] == \"har-1\""_s << QList<qint64> { 4 };
    QTest::newRow("body word (reads the event)") << u"\"first line\""_s << QList<qint64> { 2 };
    QTest::newRow("invalid") << u"invalid"_s << QList<qint64> { 1, 5 };
    QTest::newRow("nothing") << u"method == DELETE"_s << QList<qint64> {};
}

void tst_ExportCommand::filterSelects()
{
    QFETCH(QString, filter);
    QFETCH(QList<qint64>, seqs);
    const CommandRun run = exportSession({ u"--session"_s, m_session, u"--format"_s, u"ndjson"_s,
                                           u"--out"_s, u"-"_s, u"--filter"_s, filter });
    QCOMPARE(run.code, 0);
    QList<qint64> exported;
    for (const QByteArray &line : run.out.split('\n')) {
        if (!line.isEmpty())
            exported.append(QJsonDocument::fromJson(line).object().value(u"seq"_s).toInteger());
    }
    QCOMPARE(exported, seqs);
}

// export --filter runs each `matches` under BoundedRegex's budget: an event it cannot decide is
// left out and counted, in bounded time, and the others are judged.
void tst_ExportCommand::filterHasTheRegexBudget()
{
    const QString folder = m_dir.filePath(u"budget"_s);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(
        !writeFile(m_dir, u"budget/1-hostile.json"_s, '"' + QByteArray(5000, 'a') + '"').isEmpty());
    QVERIFY(!writeFile(m_dir, u"budget/2-match.json"_s, R"({"ba":1})").isEmpty());
    QVERIFY(!writeFile(m_dir, u"budget/3-no.json"_s, R"({"ok":1})").isEmpty());
    const QString session = m_dir.filePath(u"budget.hookscope"_s);
    QCOMPARE(runCommand(runImport, { u"--session"_s, session, folder }).code, 0);
    QElapsedTimer timer;
    timer.start();
    const CommandRun run =
        exportSession({ u"--session"_s, session, u"--format"_s, u"ndjson"_s, u"--out"_s, u"-"_s,
                        u"--filter"_s, uR"(body matches "(?:a|a){1,20}[^a!]")"_s });
    QCOMPARE_LT(timer.elapsed(), timeBound(5000)); // unbounded: about 35 s
    QCOMPARE(run.code, 0);
    const QList<QJsonObject> lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.at(0).value(u"body"_s).toString().contains(u"ba"_s));
    QVERIFY2(run.err.contains("left out 1 events it could not decide"), run.err.constData());
}

void tst_ExportCommand::redact()
{
    const CommandRun plain = exportSession({ u"--session"_s, m_session, u"--format"_s, u"raw"_s,
                                             u"--out"_s, u"-"_s, u"--filter"_s, u"seq == 5"_s });
    const CommandRun redacted =
        exportSession({ u"--session"_s, m_session, u"--format"_s, u"raw"_s, u"--out"_s, u"-"_s,
                        u"--filter"_s, u"seq == 5"_s, u"--redact"_s });
    QCOMPARE(plain.code, 0);
    QCOMPARE(redacted.code, 0);
    QVERIFY(plain.out.contains("sha256=3f1c0e5b6a"));
    QVERIFY(!redacted.out.contains("sha256=3f1c0e5b6a"));
    QVERIFY(redacted.out.contains("[redacted]"));
}

void tst_ExportCommand::emptySelection()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"none.har"_s);
    const CommandRun run = exportSession({ u"--session"_s, m_session, u"--format"_s, u"har"_s,
                                           u"--out"_s, out, u"--filter"_s, u"method == GET"_s });
    QCOMPARE(run.code, 0);
    const QJsonObject har = QJsonDocument::fromJson(readAll(out)).object();
    QVERIFY(har.value(u"log"_s).toObject().value(u"entries"_s).toArray().isEmpty());
}

void tst_ExportCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("reason");
    const QString s = u"SESSION"_s;
    QTest::newRow("unknown format")
        << QStringList { u"--session"_s, s, u"--format"_s, u"xml"_s, u"--out"_s, u"-"_s }
        << u"unknown format \"xml\""_s;
    QTest::newRow("no --session") << QStringList { u"--format"_s, u"har"_s, u"--out"_s, u"-"_s }
                                  << u"required"_s;
    QTest::newRow("no --out") << QStringList { u"--session"_s, s, u"--format"_s, u"har"_s }
                              << u"required"_s;
    QTest::newRow("no --format") << QStringList { u"--session"_s, s, u"--out"_s, u"-"_s }
                                 << u"required"_s;
    QTest::newRow("session missing")
        << QStringList { u"--session"_s, u"MISSING"_s, u"--format"_s, u"har"_s, u"--out"_s, u"-"_s }
        << u"no such session file"_s;
    QTest::newRow("not a session") << QStringList {
        u"--session"_s, kMixed + u"/03-capture.har"_s, u"--format"_s, u"har"_s, u"--out"_s, u"-"_s
    } << u"not a Hookscope session"_s;
    QTest::newRow("bad base URL") << QStringList { u"--session"_s,  s,           u"--format"_s,
                                                   u"curl"_s,       u"--out"_s,  u"-"_s,
                                                   u"--base-url"_s, u"ftp://x"_s }
                                  << u"--base-url"_s;
    QTest::newRow("stray argument") << QStringList {
        u"--session"_s, s, u"--format"_s, u"har"_s, u"--out"_s, u"-"_s, u"extra"_s
    } << u"extra"_s;
}

void tst_ExportCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    args.replaceInStrings(u"MISSING"_s, dir.filePath(u"missing.hookscope"_s));
    args.replaceInStrings(u"SESSION"_s, m_session);
    const CommandRun run = exportSession(args);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.startsWith("hookscope export: ") && run.err.contains(reason.toUtf8()),
             run.err.constData());
    QCOMPARE(run.out, QByteArray());
    QVERIFY(!QFile::exists(dir.filePath(u"missing.hookscope"_s)));
}

void tst_ExportCommand::badFilterNamesThePosition()
{
    const CommandRun run = exportSession({ u"--session"_s, m_session, u"--format"_s, u"har"_s,
                                           u"--out"_s, u"-"_s, u"--filter"_s, u"method =="_s });
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains("--filter: ") && run.err.contains("(position 9)"),
             run.err.constData());
    QCOMPARE(run.out, QByteArray());
}

void tst_ExportCommand::writeErrors_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("out"); // relative to a temporary folder holding a file "file"
    QTest::newRow("file in a missing folder") << u"har"_s << u"missing/dir/out.har"_s;
    QTest::newRow("file under a file") << u"ndjson"_s << u"file/out.ndjson"_s;
    QTest::newRow("fixtures into a file") << u"fixtures"_s << u"file"_s;
    QTest::newRow("fixtures under a file") << u"fixtures"_s << u"file/fixtures"_s;
}

void tst_ExportCommand::writeErrors()
{
    QFETCH(QString, format);
    QFETCH(QString, out);
    QTemporaryDir dir;
    QFile file(dir.filePath(u"file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString path = dir.filePath(out);
    const CommandRun run =
        exportSession({ u"--session"_s, m_session, u"--format"_s, format, u"--out"_s, path });
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.startsWith("hookscope export: ") && run.err.contains(path.toUtf8()),
             run.err.constData());
    QCOMPARE(readAll(dir.filePath(u"file"_s)), QByteArray());
}

// Usage errors are found before anything is written: an existing export stays as it was.
void tst_ExportCommand::leavesNoPartialFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"export.har"_s);
    QFile file(out);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("previous export\n");
    file.close();
    QCOMPARE(exportSession({ u"--session"_s, m_session, u"--format"_s, u"har"_s, u"--out"_s, out,
                             u"--filter"_s, u"(method"_s })
                 .code,
             2);
    QCOMPARE(readAll(out), "previous export\n"_ba);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { u"export.har"_s });
}

// A closed pipe or full disk on stdout: exit 1, named, after the first failed write.
void tst_ExportCommand::stdoutWriteError()
{
    QBuffer out, err;
    out.open(QIODevice::ReadOnly); // every write fails
    err.open(QIODevice::WriteOnly);
    const int code = runExport(
        { u"--session"_s, m_session, u"--format"_s, u"ndjson"_s, u"--out"_s, u"-"_s }, out, err);
    QCOMPARE(code, 1);
    QVERIFY2(err.data().startsWith("hookscope export: stdout: cannot write"),
             err.data().constData());
}

void tst_ExportCommand::outIsTheSession()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"s.hookscope"_s);
    QVERIFY(QFile::copy(m_session, session));
    const CommandRun run =
        exportSession({ u"--session"_s, session, u"--format"_s, u"har"_s, u"--out"_s, session });
    QCOMPARE(run.code, 2);
    QCOMPARE(events(session).size(), 6);
}

// Violations are recomputed for NDJSON: with the user's schema the IDENTIFICATION seed passes.
void tst_ExportCommand::schemaForViolations()
{
    const QStringList args { u"--session"_s, m_session, u"--format"_s, u"ndjson"_s,
                             u"--out"_s,     u"-"_s,    u"--filter"_s, u"seq == 1"_s };
    const CommandRun bundled = exportSession(args);
    const CommandRun own = exportSession(
        args + QStringList { u"--schema"_s, kData + u"/commands/identification.schema.json"_s });
    QCOMPARE(bundled.code, 0);
    QCOMPARE(own.code, 0);
    QCOMPARE(QJsonDocument::fromJson(bundled.out).object().value(u"valid"_s), QJsonValue(false));
    QCOMPARE(QJsonDocument::fromJson(own.out).object().value(u"valid"_s), QJsonValue(true));
    const CommandRun bad = exportSession(
        args + QStringList { u"--schema"_s, kData + u"/commands/broken-schema.yaml"_s });
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("broken-schema.yaml"));
}

void tst_ExportCommand::help()
{
    const CommandRun run = runCommand(runExport, { u"--help"_s });
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.startsWith("Usage: hookscope export --session FILE --format"));
    QVERIFY(run.out.contains("--base-url <URL>"));
}

QTEST_GUILESS_MAIN(tst_ExportCommand)
#include "tst_exportcommand.moc"
