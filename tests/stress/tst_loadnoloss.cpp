// The real headless process under sustained load from 32 keep-alive connections: every request
// answered 2xx must be in the session file, none may be refused, and memory must stay bounded.
#include "hookscopeprocess.h"
#include "loadclient.h"
#include "sessionfile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class TestLoadNoLoss : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyAnswered2xxIsStored();
};

namespace {
constexpr int kRequests = 20'000;
constexpr int kConnections = 32;
constexpr qint64 kPeakLimitKb = 500 * 1024;

QByteArray seedTemplate()
{
    QFile seed(QStringLiteral(HOOKSCOPE_TEST_DATA) + u"/seeds/IDENTIFICATION.json"_s);
    return seed.open(QIODevice::ReadOnly) ? LoadClient::templateFromSeed(seed.readAll())
                                          : QByteArray();
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
    QElapsedTimer timer;
    timer.start();
    client.start(kRequests, kConnections);
    QVERIFY2(QTest::qWaitFor([&client] { return client.isFinished(); }, 300'000),
             qPrintable(u"%1 of %2 answered"_s.arg(client.answered2xx()).arg(kRequests)));
    const qint64 elapsedMs = std::max<qint64>(timer.elapsed(), 1);
    const std::optional<qint64> peakKb = hookscope.peakResidentKb();
    QVERIFY(peakKb);
    QVERIFY2(hookscope.interrupt(30'000), qPrintable(hookscope.standardError()));
    qInfo("%d requests over %d connections in %lld ms (%lld requests/s); hookscope VmHWM %lld KiB",
          kRequests, kConnections, elapsedMs, client.answered2xx() * 1000 / elapsedMs, *peakKb);

    QCOMPARE(client.brokenConnections(), 0);
    QCOMPARE(client.answeredOther(), 0);
    QCOMPARE(client.answered2xx(), qint64(kRequests));
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
    QVERIFY2(*peakKb < kPeakLimitKb, qPrintable(u"VmHWM %1 KiB"_s.arg(*peakKb)));
}

QTEST_GUILESS_MAIN(TestLoadNoLoss)
#include "tst_loadnoloss.moc"
