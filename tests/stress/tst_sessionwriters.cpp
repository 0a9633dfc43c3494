// One writer per session file, with real processes: a second capture or an import into a session
// another process writes is refused with the file and the holder's pid, export keeps reading it,
// and no acknowledged event is lost. A file that is not a Hookscope session is never modified,
// and a session that cannot be written fails at start (checked as an unprivileged user, since
// permissions do not stop root).
#include "hookscopeprocess.h"
#include "loadclient.h"
#include "sessionfile.h"

#include "timebound.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
struct Run
{
    int code = -1;
    QByteArray out;
    QString err;
};

// The real binary; as USER (through setpriv) when given and we are root. The configuration
// folder is a fresh one that any user may write, so the user's saved settings play no part.
Run hookscope(const QStringList &args, const QString &user = {})
{
    static QTemporaryDir config;
    QFile::setPermissions(config.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::WriteOther
                              | QFileDevice::ExeOther);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, config.path());
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    process.setProcessEnvironment(environment);
    if (user.isEmpty())
        process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE), args);
    else
        process.start(u"setpriv"_s,
                      QStringList { u"--reuid="_s + user, u"--regid="_s + user, u"--clear-groups"_s,
                                    QStringLiteral(HOOKSCOPE_EXECUTABLE) }
                          + args);
    Run run;
    if (!process.waitForFinished(int(timeBound(20'000)))) {
        process.kill();
        process.waitForFinished();
        run.err = u"did not finish"_s;
        return run;
    }
    run.code = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QByteArray checksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QByteArray seedTemplate()
{
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA) + u"/seeds/IDENTIFICATION.json"_s);
    return seed.open(QIODevice::ReadOnly) ? LoadClient::templateFromSeed(seed.readAll())
                                          : QByteArray();
}

// Another program's database, in rollback-journal mode as most are.
void makeForeignDatabase(const QString &path)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE contacts(id INTEGER PRIMARY KEY, name TEXT)"_s));
        QVERIFY(query.exec(u"INSERT INTO contacts(name) VALUES('Ada'), ('Grace')"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"foreign"_s);
}

QString payloadFile(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"payload.json"_s);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(R"({"id":"imported","type":"IDENTIFICATION"})");
    return path;
}
} // namespace

class TestSessionWriters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondWriterIsRefusedReadersRead();
    void lockOfAKilledWriterIsTakenOver();
    void foreignDatabaseIsNeverModified_data();
    void foreignDatabaseIsNeverModified();
    void unwritableSessionFailsAtStart();
};

void TestSessionWriters::secondWriterIsRefusedReadersRead()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"shared.hookscope"_s);
    HookscopeProcess first;
    QCOMPARE(first.start(session), std::nullopt);
    LoadClient load(first.port(), seedTemplate(), "w");
    load.start(200, 4);
    QTRY_VERIFY_WITH_TIMEOUT(load.isFinished(), 60'000);
    QCOMPARE(load.answered2xx(), 200);

    const QString holder = u"pid %1"_s.arg(first.pid());
    const Run capture = hookscope({ u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s,
                                    u"0"_s, u"--session"_s, session });
    QCOMPARE(capture.code, 1);
    QVERIFY2(capture.err.contains(session) && capture.err.contains(holder),
             qPrintable(capture.err));
    const Run import = hookscope({ u"import"_s, u"--session"_s, session, payloadFile(dir) });
    QVERIFY2(import.code != 0, qPrintable(import.err));
    QVERIFY2(import.err.contains(session) && import.err.contains(holder), qPrintable(import.err));
    const Run exported = hookscope(
        { u"export"_s, u"--session"_s, session, u"--format"_s, u"ndjson"_s, u"--out"_s, u"-"_s });
    QCOMPARE(exported.code, 0);
    QCOMPARE(exported.out.count('\n'), 200);
    const Run inspected = hookscope({ u"inspect"_s, u"--json"_s, u"--session"_s, session });
    QVERIFY2(inspected.code == 0 || inspected.code == 1, qPrintable(inspected.err)); // 1: invalid
    QCOMPARE(inspected.out.count('\n'), 200);

    QVERIFY(first.interrupt(10'000));
    QCOMPARE(SessionFile(session).rowCount(), 200); // every acknowledged event, none overwritten
    QVERIFY(!QFile::exists(session + u".lock"_s));
    const Run after = hookscope({ u"import"_s, u"--session"_s, session, payloadFile(dir) });
    QVERIFY2(after.code == 0, qPrintable(after.err));
    QCOMPARE(SessionFile(session).rowCount(), 201);
}

void TestSessionWriters::lockOfAKilledWriterIsTakenOver()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"killed.hookscope"_s);
    HookscopeProcess first;
    QCOMPARE(first.start(session), std::nullopt);
    first.kill();
    QVERIFY(QFile::exists(session + u".lock"_s)); // left behind by SIGKILL
    HookscopeProcess second;
    QCOMPARE(second.start(session), std::nullopt);
    QVERIFY(second.interrupt(10'000));
}

void TestSessionWriters::foreignDatabaseIsNeverModified_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("export") << QStringList { u"export"_s, u"--session"_s, u"DB"_s, u"--format"_s,
                                             u"ndjson"_s, u"--out"_s,     u"-"_s }
                            << 2;
    QTest::newRow("import") << QStringList { u"import"_s, u"--session"_s, u"DB"_s, u"PAYLOAD"_s }
                            << 2;
    QTest::newRow("capture") << QStringList {
        u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--session"_s, u"DB"_s
    } << 1;
}

void TestSessionWriters::foreignDatabaseIsNeverModified()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QTemporaryDir dir;
    const QString db = dir.filePath(u"contacts.db"_s);
    makeForeignDatabase(db);
    const QByteArray before = checksum(db);
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);
    args.replaceInStrings(u"PAYLOAD"_s, payloadFile(dir));
    args.replaceInStrings(u"DB"_s, db);
    const Run run = hookscope(args);
    QVERIFY2(run.code == code, qPrintable(run.err));
    QVERIFY2(run.err.contains(u"not a Hookscope session"_s) && run.err.contains(db),
             qPrintable(run.err));
    QCOMPARE(checksum(db), before);
    QStringList filesAfter = QDir(dir.path()).entryList(QDir::Files);
    filesAfter.removeAll(u"payload.json"_s);
    QCOMPARE(filesAfter, QStringList(filesBefore).filter(u"contacts"_s)); // no -wal, -shm, .lock
}

void TestSessionWriters::unwritableSessionFailsAtStart()
{
    if (::geteuid() != 0)
        QSKIP("runs the program as nobody (uid 65534) through setpriv, which needs root");
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::ExeOther
                              | QFileDevice::WriteOther);
    const QString session = dir.filePath(u"readonly.hookscope"_s);
    QCOMPARE(hookscope({ u"import"_s, u"--session"_s, session, payloadFile(dir) }).code, 0);
    QFile::setPermissions(session, QFileDevice::ReadOwner | QFileDevice::ReadOther);
    const QByteArray before = checksum(session);

    const QStringList capture { u"--headless"_s, u"--bind"_s,    u"127.0.0.1"_s, u"--port"_s,
                                u"0"_s,          u"--session"_s, session };
    const Run refused = hookscope(capture, u"65534"_s);
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(u"read-only"_s) && refused.err.contains(session),
             qPrintable(refused.err));
    QVERIFY(!refused.err.contains(u"listening"_s));
    const Run exported = hookscope(
        { u"export"_s, u"--session"_s, session, u"--format"_s, u"ndjson"_s, u"--out"_s, u"-"_s },
        u"65534"_s);
    QVERIFY2(exported.code == 0, qPrintable(exported.err));
    QCOMPARE(exported.out.count('\n'), 1);
    QCOMPARE(checksum(session), before);

    QTemporaryDir locked; // a folder the user cannot write in
    QFile::setPermissions(locked.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::ExeOther);
    const Run noFolder = hookscope({ u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s,
                                     u"0"_s, u"--session"_s, locked.filePath(u"new.hookscope"_s) },
                                   u"65534"_s);
    QCOMPARE(noFolder.code, 1);
    QVERIFY2(noFolder.err.contains(u"cannot write in the folder"_s), qPrintable(noFolder.err));
}

QTEST_GUILESS_MAIN(TestSessionWriters)
#include "tst_sessionwriters.moc"
