#include "jobs/jobtracker.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <atomic>

using namespace Qt::StringLiterals;

// JobTracker is the stale-result guard every background site relies on: these tests hold jobs
// on semaphores so the order of start, cancel, finish and delivery is forced, not timed.
class TestJobTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversTheResultOnTheTrackerThread();
    void newestJobWins();
    void cancelDropsTheResult();
    void destroyedContextIsNeverCalled();
    void progressAndPartialsArriveInOrder();
    void workSeesCancellation_data();
    void workSeesCancellation();

private:
    QThreadPool m_pool;
};

void TestJobTracker::deliversTheResultOnTheTrackerThread()
{
    QObject context;
    JobTracker jobs(&context, &m_pool);
    QSignalSpy running(&jobs, &JobTracker::runningChanged);
    QThread *doneOn = nullptr;
    QThread *workedOn = nullptr;
    int result = 0;
    jobs.start(
        [&](JobControl &) {
            workedOn = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            doneOn = QThread::currentThread();
            result = value;
        });
    QVERIFY(jobs.isRunning());
    QTRY_COMPARE(result, 42);
    QCOMPARE(doneOn, QThread::currentThread());
    QVERIFY(workedOn != QThread::currentThread());
    QVERIFY(!jobs.isRunning());
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QCOMPARE(running.at(1).at(0).toBool(), false);
}

void TestJobTracker::newestJobWins()
{
    QObject context;
    JobTracker jobs(&context, &m_pool);
    QSemaphore release;
    QList<int> results;
    QSignalSpy running(&jobs, &JobTracker::runningChanged);
    // The first job finishes last: without the guard its stale result would overwrite.
    jobs.start(
        [&](JobControl &) {
            release.acquire();
            return 1;
        },
        [&](int value) { results.append(value); });
    jobs.start([](JobControl &) { return 2; }, [&](int value) { results.append(value); });
    QTRY_COMPARE(results, QList<int> { 2 });
    release.release();
    jobs.waitForFinished();
    QCoreApplication::processEvents();
    QCOMPARE(results, QList<int> { 2 });
    QCOMPARE(running.size(), 2); // one stretch of running, from the first start to the last result
}

void TestJobTracker::cancelDropsTheResult()
{
    QObject context;
    JobTracker jobs(&context, &m_pool);
    QSemaphore release;
    bool called = false;
    bool partial = false;
    jobs.start(
        [&](JobControl &control) {
            release.acquire();
            control.deliver([&] { partial = true; });
            return 1;
        },
        [&](int) { called = true; });
    jobs.cancel();
    QVERIFY(!jobs.isRunning());
    release.release();
    jobs.waitForFinished();
    QCoreApplication::processEvents();
    QVERIFY(!called);
    QVERIFY(!partial);
}

void TestJobTracker::destroyedContextIsNeverCalled()
{
    auto *context = new QObject;
    auto *jobs = new JobTracker(context, &m_pool);
    QSemaphore started;
    QSemaphore release;
    std::atomic<bool> sawCancel = false;
    bool called = false;
    bool partial = false;
    jobs->start(
        [&](JobControl &control) {
            started.release();
            release.acquire();
            sawCancel = control.isCancelled();
            control.deliver([&] { partial = true; });
            control.setProgress(1);
            return 1;
        },
        [&](int) { called = true; });
    QSignalSpy progress(jobs, &JobTracker::progressChanged);
    started.acquire();
    delete context; // takes the tracker with it while the work runs
    release.release();
    QVERIFY(m_pool.waitForDone(5000));
    QCoreApplication::processEvents();
    QVERIFY(sawCancel);
    QVERIFY(!called);
    QVERIFY(!partial);
}

void TestJobTracker::progressAndPartialsArriveInOrder()
{
    QObject context;
    JobTracker jobs(&context, &m_pool);
    QList<int> seen; // progress as positive values, partials as negative, the result as 0
    connect(&jobs, &JobTracker::progressChanged, &context, [&](int value) { seen.append(value); });
    constexpr int kSteps = 2000;
    jobs.start(
        [&](JobControl &control) {
            for (int step = 1; step <= kSteps; ++step) {
                control.setProgress(step);
                if (step % 100 == 0)
                    control.deliver([&seen, step] { seen.append(-step); });
                if (step % 200 == 0)
                    QThread::msleep(JobControl::kProgressIntervalMs / 4);
            }
            return 0;
        },
        [&](int) { seen.append(0); });
    QTRY_VERIFY(!jobs.isRunning());
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.last(), 0);
    QCOMPARE(seen.at(seen.size() - 2), kSteps); // the last progress beats the throttle
    int progress = 0;
    int partial = 0;
    int progressEvents = 0;
    for (int value : std::as_const(seen).first(seen.size() - 1)) {
        if (value > 0) {
            QVERIFY2(value > progress, "progress went back");
            progress = value;
            ++progressEvents;
        } else {
            QCOMPARE(-value, partial + 100);
            partial = -value;
            // A partial sent after a progress value never overtakes it.
            QVERIFY(progress <= partial);
        }
    }
    QCOMPARE(partial, kSteps);
    QVERIFY2(progressEvents < kSteps / 10, "progress is throttled");
}

void TestJobTracker::workSeesCancellation_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("cancel") << u"cancel"_s;
    QTest::newRow("superseded") << u"superseded"_s;
    QTest::newRow("tracker destroyed") << u"destroyed"_s;
}

void TestJobTracker::workSeesCancellation()
{
    QFETCH(QString, how);
    QObject context;
    auto *jobs = new JobTracker(&context, &m_pool);
    QSemaphore started;
    std::atomic<bool> sawCancel = false;
    jobs->start(
        [&](JobControl &control) {
            started.release();
            QDeadlineTimer deadline(5000);
            while (!control.isCancelled() && !deadline.hasExpired())
                QThread::msleep(1);
            sawCancel = control.isCancelled();
        },
        [] {});
    started.acquire();
    if (how == u"cancel")
        jobs->cancel();
    else if (how == u"superseded")
        jobs->start([](JobControl &) {}, [] {});
    else
        delete jobs;
    QVERIFY(m_pool.waitForDone(10000));
    QVERIFY(sawCancel);
}

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
