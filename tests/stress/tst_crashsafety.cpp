// SIGKILL in the middle of sustained load, several times into the same session file: the file
// must stay intact and keep every request that was answered 2xx before the kill.
#include "hookscopeprocess.h"
#include "loadclient.h"
#include "sessionfile.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace Qt::StringLiterals;

class TestCrashSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answered2xxSurvivesSigkill();
};

namespace {
constexpr int kRounds = 3;
constexpr int kRequests = 20'000; // more than a round gets through before its kill
constexpr int kConnections = 32;

QByteArray seedTemplate()
{
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA) + u"/seeds/IDENTIFICATION.json"_s);
    return seed.open(QIODevice::ReadOnly) ? LoadClient::templateFromSeed(seed.readAll())
                                          : QByteArray();
}
} // namespace

void TestCrashSafety::answered2xxSurvivesSigkill()
{
    const QByteArray bodyTemplate = seedTemplate();
    QVERIFY2(bodyTemplate.contains("@ID@"), "tests/data/seeds/IDENTIFICATION.json has no id");
    QTemporaryDir dir;
    const QString session = dir.filePath(u"crash.hookscope"_s);
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo("kill points drawn with seed %u", seed);
    QList<QByteArray> acknowledged;
    qint64 sent = 0;
    for (int round = 0; round < kRounds; ++round) {
        // Each round reopens the file the previous kill left behind (a hot WAL).
        HookscopeProcess hookscope;
        const std::optional<QString> error = hookscope.start(session);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
        const qint64 killAt = random.bounded(500, 6000);
        LoadClient client(hookscope.port(), bodyTemplate, "crash"_ba + QByteArray::number(round));
        const qint64 pid = hookscope.pid();
        QVERIFY(pid > 0); // kill(0, ...) would hit this test's own process group
        connect(&client, &LoadClient::acknowledged, &client, [killAt, pid](qint64 count) {
            if (count == killAt)
                ::kill(pid_t(pid), SIGKILL);
        });
        client.start(kRequests, kConnections);
        QVERIFY(QTest::qWaitFor([&client] { return client.isFinished(); }, 120'000));
        hookscope.kill(); // reaps it; it is dead already
        QCOMPARE(client.answeredOther(), 0);
        QVERIFY2(client.answered2xx() >= killAt && client.answered2xx() < kRequests,
                 qPrintable(u"%1 answered, kill at %2"_s.arg(client.answered2xx()).arg(killAt)));
        acknowledged += client.acknowledgedBodies();
        sent += client.sent();

        SessionFile file(session);
        QVERIFY2(!file.openError(), qPrintable(file.openError().value_or(QString())));
        QCOMPARE(file.integrityCheck(), u"ok"_s);
        const qint64 rows = file.rowCount();
        qInfo("round %d: killed at %lld answers; %lld answered 2xx, %lld sent, %lld rows on disk "
              "(all rounds: %lld answered, %lld sent)",
              round, killAt, client.answered2xx(), client.sent(), rows, qint64(acknowledged.size()),
              sent);
        const QSet<QByteArray> stored = file.bodies();
        const auto missing =
            std::count_if(acknowledged.cbegin(), acknowledged.cend(),
                          [&stored](const QByteArray &b) { return !stored.contains(b); });
        QVERIFY2(
            missing == 0,
            qPrintable(u"%1 of %2 requests answered 2xx are not in the file"_s.arg(missing).arg(
                acknowledged.size())));
        QVERIFY2(rows <= sent, qPrintable(u"%1 rows for %2 requests sent"_s.arg(rows).arg(sent)));
        QCOMPARE(file.payloadCount(), rows);
    }
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
