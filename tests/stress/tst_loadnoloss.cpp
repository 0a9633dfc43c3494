// The real headless process under sustained load from 64 keep-alive connections: every request
// answered 2xx must be in the session file, none may be refused, memory must stay bounded; also
// while live forward feeds a target far slower than capture, whose drops must all be reported.
#include "hookscopeprocess.h"
#include "loadclient.h"
#include "sessionfile.h"
#include "slowtarget.h"

#include "timebound.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class TestLoadNoLoss : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyAnswered2xxIsStored();
    void slowForwardTargetLosesNoCaptureAndReportsDrops();
};

namespace {
constexpr int kRequests = 200'000;
constexpr int kConnections = 64;
constexpr int kForwardRequests = 20'000;
constexpr int kTargetDelayMs = 200;
constexpr qint64 kPeakLimitKb = 500 * 1024;

QByteArray seedTemplate()
{
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA) + u"/seeds/IDENTIFICATION.json"_s);
    return seed.open(QIODevice::ReadOnly) ? LoadClient::templateFromSeed(seed.readAll())
                                          : QByteArray();
}

// Runs the client to its end; the elapsed milliseconds, or -1 when it did not finish.
qint64 drive(LoadClient &client, int requests)
{
    QElapsedTimer timer;
    timer.start();
    client.start(requests, kConnections);
    if (!QTest::qWaitFor([&client] { return client.isFinished(); }, 400'000))
        return -1;
    return std::max<qint64>(timer.elapsed(), 1);
}

// Every request answered 2xx is a row, with its exact body, in an intact file.
void verifySession(const QString &session, const LoadClient &client)
{
    SessionFile file(session);
    QVERIFY2(!file.openError(), qPrintable(file.openError().value_or(QString())));
    QCOMPARE(file.integrityCheck(), u"ok"_s);
    QCOMPARE(file.rowCount(), client.answered2xx());
    QCOMPARE(file.payloadCount(), client.answered2xx());
    const QSet<QByteArray> stored = file.bodies();
    const QList<QByteArray> &answered = client.acknowledgedBodies();
    const auto missing =
        std::count_if(answered.cbegin(), answered.cend(),
                      [&stored](const QByteArray &b) { return !stored.contains(b); });
    QVERIFY2(missing == 0,
             qPrintable(u"%1 requests answered 2xx are not in the file"_s.arg(missing)));
}
} // namespace

void TestLoadNoLoss::everyAnswered2xxIsStored()
{
    const QByteArray bodyTemplate = seedTemplate();
    QVERIFY2(bodyTemplate.contains("@ID@"), "tests/data/seeds/IDENTIFICATION.json has no id");
    QTemporaryDir dir;
    const QString session = dir.filePath(u"load.hookscope"_s);
    HookscopeProcess hookscope;
    const std::optional<QString> error = hookscope.start(session);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));

    LoadClient client(hookscope.port(), bodyTemplate, "load"_ba);
    const int requests = int(scaledCount(kRequests)); // fewer under the sanitizers
    const qint64 elapsedMs = drive(client, requests);
    QVERIFY2(elapsedMs > 0,
             qPrintable(u"%1 of %2 answered"_s.arg(client.answered2xx()).arg(requests)));
    const std::optional<qint64> peakKb = hookscope.peakResidentKb();
    QVERIFY(peakKb);
    QVERIFY2(hookscope.interrupt(30'000), qPrintable(hookscope.standardError()));
    qInfo("%d requests over %d connections in %lld ms (%lld requests/s); hookscope VmHWM %lld KiB",
          requests, kConnections, elapsedMs, client.answered2xx() * 1000 / elapsedMs, *peakKb);

    QCOMPARE(client.brokenConnections(), 0);
    QCOMPARE(client.answeredOther(), 0);
    QCOMPARE(client.answered2xx(), qint64(requests));
    verifySession(session, client);
    QVERIFY2(*peakKb < kPeakLimitKb, qPrintable(u"VmHWM %1 KiB"_s.arg(*peakKb)));
}

// Live forward to a target that answers each request after 200 ms (about 20 a second through
// the forwarder's 4 connections) while capture takes thousands a second: capture answers and
// stores everything, the forward queue stays bounded, and every event not delivered is reported
// on stderr ("forward #SEQ: dropped: forward target too slow"), none twice, none silently.
void TestLoadNoLoss::slowForwardTargetLosesNoCaptureAndReportsDrops()
{
    const QByteArray bodyTemplate = seedTemplate();
    SlowTarget target(kTargetDelayMs);
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    const QString session = dir.filePath(u"forward.hookscope"_s);
    HookscopeProcess hookscope;
    const QString url = u"http://127.0.0.1:%1/hooks"_s.arg(target.serverPort());
    const std::optional<QString> error = hookscope.start(session, { u"--forward"_s, url });
    QVERIFY2(!error, qPrintable(error.value_or(QString())));

    LoadClient client(hookscope.port(), bodyTemplate, "forward"_ba);
    const int requests = int(scaledCount(kForwardRequests));
    const qint64 elapsedMs = drive(client, requests);
    QVERIFY2(elapsedMs > 0,
             qPrintable(u"%1 of %2 answered"_s.arg(client.answered2xx()).arg(requests)));
    const std::optional<qint64> peakKb = hookscope.peakResidentKb();
    QVERIFY(peakKb);
    QVERIFY2(hookscope.interrupt(60'000), qPrintable(hookscope.standardError().right(2000)));
    QCOMPARE(client.answeredOther(), 0);
    QCOMPARE(client.brokenConnections(), 0);
    QCOMPARE(client.answered2xx(), qint64(requests));
    verifySession(session, client);

    static const QRegularExpression failure(u"^forward #(\\d+): (.*)$"_s,
                                            QRegularExpression::MultilineOption);
    QSet<qint64> reported;
    qint64 lines = 0;
    qint64 dropped = 0;
    for (auto it = failure.globalMatch(hookscope.standardError()); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        ++lines;
        reported.insert(match.captured(1).toLongLong());
        dropped += match.captured(2).startsWith(u"dropped"_s) ? 1 : 0;
    }
    qInfo("forward to a %d ms target: %d requests in %lld ms (%lld requests/s); target got %lld, "
          "answered %lld; %lld reported not forwarded (%lld dropped); hookscope VmHWM %lld KiB",
          kTargetDelayMs, requests, elapsedMs, client.answered2xx() * 1000 / elapsedMs,
          target.received(), target.answered(), lines, dropped, *peakKb);
    QCOMPARE(qint64(reported.size()), lines); // no event reported twice
    QVERIFY(std::all_of(reported.cbegin(), reported.cend(),
                        [requests](qint64 seq) { return seq >= 1 && seq <= requests; }));
    QVERIFY2(dropped > 0, "a target this slow must make the bounded queue drop");
    // The totals printed at exit account for every captured event exactly once.
    static const QRegularExpression totals(
        u"forward: (\\d+) delivered, (\\d+) not forwarded \\((\\d+) dropped"_s);
    const QRegularExpressionMatch summary = totals.match(hookscope.standardError());
    QVERIFY2(summary.hasMatch(), qPrintable(hookscope.standardError().right(500)));
    const qint64 delivered = summary.captured(1).toLongLong();
    QCOMPARE(summary.captured(2).toLongLong(), lines);
    QCOMPARE(summary.captured(3).toLongLong(), dropped);
    QCOMPARE(delivered + lines, qint64(requests));
    QVERIFY(delivered <= target.answered()); // delivered means the target answered
    QVERIFY2(*peakKb < kPeakLimitKb, qPrintable(u"VmHWM %1 KiB"_s.arg(*peakKb)));
}

QTEST_GUILESS_MAIN(TestLoadNoLoss)
#include "tst_loadnoloss.moc"
