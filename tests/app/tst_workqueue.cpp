#include "capture/workqueue.h"

#include <QtTest>

#include <atomic>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

using namespace Qt::StringLiterals;

// The analysis queue of capture: every item handled once, a stuck item never holds up the
// others, and as many workers as allowed, never more.
class TestWorkQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handlesEveryItemOnce();
    void aStuckItemHoldsUpOnlyItself();
    void neverMoreWorkersThanAllowed();
};

void TestWorkQueue::handlesEveryItemOnce()
{
    std::mutex mutex;
    std::multiset<int> handled;
    {
        WorkQueue<int> queue(3, u"test"_s, [&](int &&item) {
            const std::lock_guard lock(mutex);
            handled.insert(item);
        });
        for (int i = 0; i < 10'000; ++i)
            queue.push(i);
        QVERIFY(queue.waitForDone());
    }
    QCOMPARE(handled.size(), size_t(10'000));
    for (int i = 0; i < 10'000; ++i)
        QCOMPARE(handled.count(i), size_t(1));
}

// Item 0 blocks until every later item was handled: that can only end if the others find
// another worker. (If they waited behind item 0, the hang guard below would fail.)
void TestWorkQueue::aStuckItemHoldsUpOnlyItself()
{
    constexpr int kOthers = 200;
    std::latch othersDone(kOthers);
    std::atomic<bool> releasedInTime = false;
    WorkQueue<int> queue(2, u"test"_s, [&](int &&item) {
        if (item == 0) {
            // A hang guard, not a timing: the others take microseconds.
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (!othersDone.try_wait() && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            releasedInTime = othersDone.try_wait();
            return;
        }
        othersDone.count_down();
    });
    for (int i = 0; i <= kOthers; ++i)
        queue.push(i);
    QVERIFY(queue.waitForDone());
    QVERIFY(releasedInTime);
}

void TestWorkQueue::neverMoreWorkersThanAllowed()
{
    constexpr int kMax = 3;
    std::atomic<int> running = 0;
    std::atomic<int> most = 0;
    std::latch gate(1);
    WorkQueue<int> queue(kMax, u"test"_s, [&](int &&) {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) { }
        gate.wait(); // every worker stays busy until all items are queued
        --running;
    });
    for (int i = 0; i < 50; ++i)
        queue.push(i);
    // Items wait and every worker is busy: workers join up to the limit, and no further.
    QTRY_COMPARE_WITH_TIMEOUT(running.load(), kMax, 60'000);
    gate.count_down();
    QVERIFY(queue.waitForDone());
    QCOMPARE(most.load(), kMax);
}

QTEST_GUILESS_MAIN(TestWorkQueue)
#include "tst_workqueue.moc"
