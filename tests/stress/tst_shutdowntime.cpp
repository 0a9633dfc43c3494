#include "hookscopeprocess.h"
#include "sessionfile.h"

#include "timebound.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

// SIGINT ends the real binary within a couple of seconds whatever it is doing: judging events
// that each run to the end of their regex budget, printing a --filter over a backlog of them,
// exporting or validating with hostile input. Every case would take far longer to finish.
class TestShutdownTime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void headlessCapture_data();
    void headlessCapture();
    void subcommand_data();
    void subcommand();

private:
    QString write(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    QString m_session; // written by headlessCapture, read by subcommand
};

namespace {
constexpr int kExitWithinMs = 2500; // "a second or two", with room for a loaded machine

const QByteArray hostileRegex = R"((?:a|a){1,20}[^a!])";

QByteArray post(const QByteArray &body)
{
    return "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Connections that send their requests at once and are never read: the process must end anyway.
std::vector<std::unique_ptr<QTcpSocket>> send(quint16 port, int connections, int requestsEach)
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    const QByteArray requests = post(QByteArray(5000, 'a')).repeated(requestsEach);
    for (int i = 0; i < connections; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        socket->waitForConnected(5000);
        socket->write(requests);
        socket->waitForBytesWritten(5000);
        sockets.push_back(std::move(socket));
    }
    return sockets;
}

QByteArray nested(int levels)
{
    QByteArray body = R"({"leaf":1})";
    for (int i = 0; i < levels; ++i)
        body = R"({"c":)" + body + "}";
    return body;
}
} // namespace

void TestShutdownTime::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_session = m_dir.filePath(u"backlog.hookscope"_s);
}

QString TestShutdownTime::write(const QString &name, const QByteArray &bytes)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

void TestShutdownTime::headlessCapture_data()
{
    QTest::addColumn<QString>("session");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("connections");
    QTest::addColumn<int>("requestsEach");
    QTest::addColumn<int>("signalAfterMs");

    QByteArray rules = "[";
    for (int i = 0; i < 40; ++i)
        rules += (i ? ","_ba : ""_ba) + R"({"filter": "body matches \")" + hostileRegex
            + R"(\"", "status": 422})";
    const QString rulesFile = write(u"rules.json"_s, rules + "]");
    // 12 events of about a second each (40 rules to the end of their budget) on 4 threads.
    QTest::newRow("judging hostile rules")
        << m_dir.filePath(u"rules.hookscope"_s) << QStringList { u"--rules"_s, rulesFile } << 12
        << 1 << 300;
    // 400 events stored at once, then printed through a filter that runs each to its budget
    // on the main thread: about 10 s of judging.
    QTest::newRow("--headless --filter over a backlog")
        << m_session
        << QStringList { u"--filter"_s, u"body matches \"%1\""_s.arg(QLatin1String(hostileRegex)) }
        << 4 << 100 << 1500;
}

void TestShutdownTime::headlessCapture()
{
    QFETCH(QString, session);
    QFETCH(QStringList, arguments);
    QFETCH(int, connections);
    QFETCH(int, requestsEach);
    QFETCH(int, signalAfterMs);
    HookscopeProcess hookscope;
    const std::optional<QString> error = hookscope.start(session, arguments);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    const auto sockets = send(hookscope.port(), connections, requestsEach);
    QTest::qWait(signalAfterMs);
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(hookscope.interrupt(10'000), qPrintable(hookscope.standardError().right(2000)));
    qInfo("exited %lld ms after SIGINT", static_cast<long long>(timer.elapsed()));
    QCOMPARE_LT(timer.elapsed(), timeBound(kExitWithinMs));
    // Everything that was received is stored, judged or not.
    SessionFile file(session);
    QCOMPARE(file.openError(), std::nullopt);
    QCOMPARE(file.rowCount(), qint64(connections) * requestsEach);
}

void TestShutdownTime::subcommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("withoutTmpfile"); // no O_TMPFILE: QSaveFile names its temporary file
    QTest::addColumn<QString>("destination"); // must be left as it was; empty: none
    QTest::addColumn<QStringList>("mayAppear"); // files the run may add to the folder
    QTest::addColumn<QString>("said"); // on stderr

    // SQLite's own files beside a session the run reads or writes.
    const auto sqliteFiles = [](const QString &session) {
        const QString name = QFileInfo(session).fileName();
        return QStringList { name + u"-wal"_s, name + u"-shm"_s };
    };
    const QString filter = u"body matches \"%1\""_s.arg(QLatin1String(hostileRegex));
    const auto exportTo = [&](const QString &name) {
        return QStringList { u"export"_s,   u"--session"_s, m_session,  u"--filter"_s,       filter,
                             u"--format"_s, u"ndjson"_s,    u"--out"_s, m_dir.filePath(name) };
    };
    const QString left = u"left as it was"_s;
    QTest::newRow("export --filter over the backlog, SIGINT")
        << exportTo(u"out.ndjson"_s) << SIGINT << false << m_dir.filePath(u"out.ndjson"_s)
        << sqliteFiles(m_session) << left;
    QTest::newRow("export, SIGINT, a named temporary file")
        << exportTo(u"named.ndjson"_s) << SIGINT << true << m_dir.filePath(u"named.ndjson"_s)
        << sqliteFiles(m_session) << left;
    QTest::newRow("export, SIGTERM, a named temporary file")
        << exportTo(u"term.ndjson"_s) << SIGTERM << true << m_dir.filePath(u"term.ndjson"_s)
        << sqliteFiles(m_session) << left;

    // Each body just under the validation budget of a recursive allOf fan-out (13 levels are
    // over it and refused at once): about 30 ms each, 10 s in all.
    const QString schema =
        write(u"T.json"_s, R"({"title":"T","$ref":"#/definitions/m","definitions":{
        "n":{"type":"object","properties":{"c":{"$ref":"#/definitions/m"}}},
        "m":{"allOf":[{"$ref":"#/definitions/n"},{"$ref":"#/definitions/n"}]}}})");
    QDir(m_dir.path()).mkdir(u"bodies"_s);
    for (int i = 0; i < 300; ++i)
        write(u"bodies/%1.json"_s.arg(i), nested(12));
    QTest::newRow("validate with a hostile schema")
        << QStringList { u"validate"_s, u"--schema"_s, schema,
                         u"--event"_s,  u"T"_s,        m_dir.filePath(u"bodies"_s) }
        << SIGINT << false << QString() << QStringList() << QString();

    // 60,000 events (40 MB) to analyse and store: seconds of work. The session keeps the
    // batches stored before the signal; its lock goes with the process.
    QByteArray lines;
    for (int i = 0; i < 60'000; ++i)
        lines +=
            R"({"id":")" + QByteArray::number(i) + R"(","pad":")" + QByteArray(600, 'p') + "\"}\n";
    const QString imported = m_dir.filePath(u"imported.hookscope"_s);
    QTest::newRow("import, SIGINT")
        << QStringList { u"import"_s, u"--session"_s, imported, write(u"many.ndjson"_s, lines) }
        << SIGINT << true << QString()
        << QStringList { QFileInfo(imported).fileName() } + sqliteFiles(imported)
        << u"interrupted; the events stored before it stay"_s;
}

// Ended by the signal's exit code (128 + its number), not killed by it: the run cleaned up.
void TestShutdownTime::subcommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, signalNumber);
    QFETCH(bool, withoutTmpfile);
    QFETCH(QString, destination);
    QFETCH(QStringList, mayAppear);
    QFETCH(QString, said);
    const QByteArray before = "an earlier export\n";
    if (!destination.isEmpty())
        QVERIFY(!write(QFileInfo(destination).fileName(), before).isEmpty());
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);

    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    if (withoutTmpfile) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LD_PRELOAD"_s, QStringLiteral(NOTMPFILE_MODULE));
        // Under ASan the preloaded module comes before ASan's runtime; that is intended here.
        const QString asan = environment.value(u"ASAN_OPTIONS"_s);
        environment.insert(u"ASAN_OPTIONS"_s,
                           (asan.isEmpty() ? asan : asan + u':') + u"verify_asan_link_order=0"_s);
        process.setProcessEnvironment(environment);
    }
    process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE), arguments);
    QVERIFY(process.waitForStarted(10'000));
    QTest::qWait(1000);
    QCOMPARE(process.state(), QProcess::Running); // still at work, or nothing is measured
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(process.processId()), signalNumber);
    QVERIFY(process.waitForFinished(int(timeBound(10'000))));
    qInfo("exited %lld ms after the signal", static_cast<long long>(timer.elapsed()));
    QCOMPARE_LT(timer.elapsed(), timeBound(kExitWithinMs));
    const QString stderrText = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 128 + signalNumber);
    QVERIFY2(stderrText.contains(said), qPrintable(stderrText));

    // No temporary file, no lock: only what the row allows is new in the folder.
    QStringList added = QDir(m_dir.path()).entryList(QDir::Files);
    for (const QString &name : filesBefore + mayAppear)
        added.removeAll(name);
    QVERIFY2(added.isEmpty(), qPrintable(added.join(u", "_s)));
    if (!destination.isEmpty()) {
        QFile file(destination);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }
}

QTEST_GUILESS_MAIN(TestShutdownTime)
#include "tst_shutdowntime.moc"
