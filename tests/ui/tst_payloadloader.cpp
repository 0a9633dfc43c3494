#include "payloadloader.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// PayloadLoader on JobTracker: a whole load reports every file once, a newer load silences the
// older one, and Cancel still ends the load with finished(cancelled).
class TestPayloadLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsEveryFileInOrder();
    void newerLoadSupersedes();
    void cancelReportsFinishedOnce();

private:
    const QString m_seeds = QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds");
    const int m_seedFiles = int(QDir(m_seeds).entryList(QDir::Files).size());
};

void TestPayloadLoader::loadsEveryFileInOrder()
{
    PayloadLoader loader;
    QSignalSpy loaded(&loader, &PayloadLoader::eventsLoaded);
    QSignalSpy progress(&loader, &PayloadLoader::progress);
    QSignalSpy finished(&loader, &PayloadLoader::finished);
    loader.load({ m_seeds });
    QVERIFY(loader.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
    QVERIFY(!loader.isRunning());
    QCOMPARE(finished.at(0).at(0).toInt(), m_seedFiles);
    QCOMPARE(finished.at(0).at(2).toBool(), false);
    QCOMPARE(loaded.size(), m_seedFiles);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), m_seedFiles);
    QCOMPARE(progress.last().at(1).toInt(), m_seedFiles);
    for (int i = 1; i < progress.size(); ++i)
        QVERIFY(progress.at(i).at(0).toInt() > progress.at(i - 1).at(0).toInt());
}

void TestPayloadLoader::newerLoadSupersedes()
{
    PayloadLoader loader;
    QSignalSpy finished(&loader, &PayloadLoader::finished);
    loader.load({ m_seeds });
    loader.load({ m_seeds + u"/BENEFICIAL_OWNER.json"_s });
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
    QTest::qWait(200); // the first load, had it reported, would have by now
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 1);
}

void TestPayloadLoader::cancelReportsFinishedOnce()
{
    PayloadLoader loader;
    QSignalSpy finished(&loader, &PayloadLoader::finished);
    loader.load({ m_seeds });
    loader.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(2).toBool(), true);
    QVERIFY(!loader.isRunning());
    loader.cancel(); // nothing running: nothing more to report
    QTest::qWait(200);
    QCOMPARE(finished.size(), 1);
}

QTEST_MAIN(TestPayloadLoader)
#include "tst_payloadloader.moc"
