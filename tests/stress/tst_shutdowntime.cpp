#include "hookscopeprocess.h"
#include "sessionfile.h"

#include "timebound.h"

#include <QDir>
#include <QElapsedTimer>
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
    const QString filter = u"body matches \"%1\""_s.arg(QLatin1String(hostileRegex));
    QTest::newRow("export --filter over the backlog")
        << QStringList { u"export"_s,   u"--session"_s, m_session,
                         u"--filter"_s, filter,         u"--format"_s,
                         u"ndjson"_s,   u"--out"_s,     m_dir.filePath(u"out.ndjson"_s) };

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
                         u"--event"_s,  u"T"_s,        m_dir.filePath(u"bodies"_s) };
}

void TestShutdownTime::subcommand()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE), arguments);
    QVERIFY(process.waitForStarted(10'000));
    QTest::qWait(1000);
    QCOMPARE(process.state(), QProcess::Running); // still at work, or nothing is measured
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(int(timeBound(10'000))));
    qInfo("exited %lld ms after SIGINT", static_cast<long long>(timer.elapsed()));
    QCOMPARE_LT(timer.elapsed(), timeBound(kExitWithinMs));
}

QTEST_GUILESS_MAIN(TestShutdownTime)
#include "tst_shutdowntime.moc"
