#include "commandrun.h"
#include "commands/importcommand.h"
#include "sessioncontents.h"
#include "store/sessionstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString kData = QStringLiteral(HOOKSCOPE_TEST_DATA);
const QString kMixed = kData + u"/commands/mixed"_s;

CommandRun import(const QStringList &args)
{
    return runCommand(runImport, args);
}

} // namespace

class tst_ImportCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mixedFolderWithOneBrokenFile();
    void appendsAfterTheSessionsLastSeq();
    void allLoadedExitsZero();
    void manyEventsInBatches();
    void missingPathFails();
    void usageErrors_data();
    void usageErrors();
    void notASession();
    void help();
    void arrayIsOnePayloadUnlessSplit_data();
    void arrayIsOnePayloadUnlessSplit();
};

// Six importable files (payload, NDJSON, HAR, fixture, raw HTTP, a broken one) and a .txt that
// is not taken: the broken file is named, everything else is stored, analysed.
void tst_ImportCommand::mixedFolderWithOneBrokenFile()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"s.hookscope"_s);
    const CommandRun run = import({ u"--session"_s, session, kMixed });
    QCOMPARE(run.code, 1);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.contains((kMixed + u"/06-broken.json:2: invalid JSON"_s).toUtf8()),
             run.err.constData());
    QVERIFY2(run.err.endsWith("imported 6 events from 6 files, 1 failed\n"), run.err.constData());

    const QList<Event> stored = events(session);
    QCOMPARE(stored.size(), 6);
    const QStringList expectedSources = {
        u"01-identification.json"_s, u"02-lines.ndjson"_s,     u"02-lines.ndjson"_s,
        u"03-capture.har"_s,         u"sub/04-fixture.json"_s, u"sub/05-request.http"_s,
    };
    for (int i = 0; i < stored.size(); ++i) {
        QCOMPARE(stored.at(i).seq, i + 1);
        QCOMPARE(stored.at(i).origin, Origin::Loaded);
        QCOMPARE(stored.at(i).sourceFile, kMixed + u'/' + expectedSources.at(i));
    }
    QCOMPARE(stored.at(3).method, "PUT"_ba);
    QCOMPARE(stored.at(3).target, "/hooks/har?x=1"_ba);
    QCOMPARE(stored.at(3).headerValue("X-Trace"), "har-1"_ba);
    QCOMPARE(stored.at(4).headerValue("x-dup"), "one"_ba);
    QCOMPARE(stored.at(5).body, "hello world"_ba);

    // Stored with their analysis: the seed fails the catalog, the fixture is typed by its path.
    const QList<EventSummary> rows = summaries(session);
    QCOMPARE(rows.size(), 6);
    QVERIFY(rows.at(0).eventType.startsWith(u"IDENTIFICATION"_s));
    QVERIFY(rows.at(0).schemaChecked);
    QVERIFY(rows.at(0).errorCount > 0);
    QCOMPARE(rows.at(4).eventType, u"IDENTIFICATION"_s);
    QCOMPARE(rows.at(4).classifiedBy, ClassifiedBy::Path);
    QCOMPARE(rows.at(5).bodyKind, BodyKind::Text);
}

void tst_ImportCommand::appendsAfterTheSessionsLastSeq()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"s.hookscope"_s);
    const QString ndjson = kMixed + u"/02-lines.ndjson"_s;
    QCOMPARE(import({ u"--session"_s, session, ndjson }).code, 0);
    const CommandRun again = import({ u"--session"_s, session, ndjson, kMixed + u"/sub"_s });
    QCOMPARE(again.code, 0);
    QVERIFY(again.err.endsWith("imported 4 events from 3 files, 0 failed\n"));
    const QList<Event> stored = events(session);
    QCOMPARE(stored.size(), 6);
    for (int i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).seq, i + 1);
    QCOMPARE(stored.at(2).body, stored.at(0).body);
}

void tst_ImportCommand::allLoadedExitsZero()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"s.hookscope"_s);
    const CommandRun run =
        import({ u"--session"_s, session, kData + u"/seeds"_s, kMixed + u"/03-capture.har"_s });
    QCOMPARE(run.code, 0);
    QCOMPARE(run.err, "imported 16 events from 16 files, 0 failed\n"_ba);
    QCOMPARE(events(session).size(), 16);
}

// More lines than one batch holds, one of them bad: every good line stored, numbered in order.
void tst_ImportCommand::manyEventsInBatches()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"many.ndjson"_s);
    QFile ndjson(file);
    QVERIFY(ndjson.open(QIODevice::WriteOnly));
    for (int i = 1; i <= 1201; ++i)
        ndjson.write(i == 700 ? "{broken\n" : u"{\"n\":%1}\n"_s.arg(i).toUtf8());
    ndjson.close();
    const QString session = dir.filePath(u"s.hookscope"_s);
    const CommandRun run = import({ u"--session"_s, session, file });
    QCOMPARE(run.code, 1);
    QVERIFY(run.err.contains((file + u":700: invalid JSON"_s).toUtf8()));
    QVERIFY(run.err.endsWith("imported 1200 events from 1 files, 1 failed\n"));
    const QList<Event> stored = events(session);
    QCOMPARE(stored.size(), 1200);
    QCOMPARE(stored.at(698).body, "{\"n\":699}"_ba);
    QCOMPARE(stored.at(699).body, "{\"n\":701}"_ba);
    for (int i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).seq, i + 1);
}

void tst_ImportCommand::missingPathFails()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"s.hookscope"_s);
    const QString missing = dir.filePath(u"nope.json"_s);
    const CommandRun run =
        import({ u"--session"_s, session, missing, kMixed + u"/03-capture.har"_s });
    QCOMPARE(run.code, 1);
    QVERIFY(run.err.contains((missing + u": cannot open"_s).toUtf8()));
    QVERIFY(run.err.endsWith("imported 1 events from 2 files, 1 failed\n"));
    QCOMPARE(events(session).size(), 1);
}

void tst_ImportCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList {};
    QTest::newRow("no --session") << QStringList { kMixed };
    QTest::newRow("no PATH") << QStringList { u"--session"_s, u"SESSION"_s };
    QTest::newRow("unknown option")
        << QStringList { u"--session"_s, u"SESSION"_s, u"--x"_s, kMixed };
}

void tst_ImportCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QTemporaryDir dir;
    args.replaceInStrings(u"SESSION"_s, dir.filePath(u"s.hookscope"_s));
    const CommandRun run = import(args);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.startsWith("hookscope import: "), run.err.constData());
    QVERIFY(!QFile::exists(dir.filePath(u"s.hookscope"_s)));
}

// A file that is not a session is refused, named, and left as it was.
void tst_ImportCommand::notASession()
{
    QTemporaryDir dir;
    const QString notSession = dir.filePath(u"notes.hookscope"_s);
    QFile file(notSession);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("these are my notes, not a database\n");
    file.close();
    const CommandRun run = import({ u"--session"_s, notSession, kMixed + u"/03-capture.har"_s });
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.contains(notSession.toUtf8()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), "these are my notes, not a database\n"_ba);
}

void tst_ImportCommand::help()
{
    const CommandRun run = import({ u"-h"_s });
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.startsWith("Usage: hookscope import --session FILE [--split] PATH..."));
}

void tst_ImportCommand::arrayIsOnePayloadUnlessSplit_data()
{
    QTest::addColumn<bool>("split");
    QTest::addColumn<QList<QByteArray>>("bodies");
    QTest::newRow("one payload") << false << QList<QByteArray> { "[{\"n\":1}, {\"n\":2.50}]\n"_ba };
    QTest::newRow("--split") << true << QList<QByteArray> { "{\"n\":1}"_ba, "{\"n\":2.50}"_ba };
}

// A .json file is one payload whatever its top level; --split reads an array element by element.
void tst_ImportCommand::arrayIsOnePayloadUnlessSplit()
{
    QFETCH(bool, split);
    QFETCH(QList<QByteArray>, bodies);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"array.json"_s);
    QFile payload(file);
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write("[{\"n\":1}, {\"n\":2.50}]\n");
    payload.close();
    const QString session = dir.filePath(u"s.hookscope"_s);
    QStringList args { u"--session"_s, session, file };
    if (split)
        args.prepend(u"--split"_s);
    const CommandRun run = import(args);
    QCOMPARE(run.code, 0);
    QList<QByteArray> stored;
    for (const Event &event : events(session))
        stored.append(event.body);
    QCOMPARE(stored, bodies);
}

QTEST_GUILESS_MAIN(tst_ImportCommand)
#include "tst_importcommand.moc"
