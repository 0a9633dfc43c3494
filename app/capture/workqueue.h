#pragma once

#include <QString>
#include <QThreadPool>

#include <deque>
#include <functional>
#include <mutex>

// Hands items to `handle` on up to `maxWorkers` threads, one item at a time per thread.
//
// A worker takes the next item as soon as it is done with one, and a new worker joins only when
// every running one is busy. So a slow item holds up only itself (the next item finds another
// worker), while a burst costs a lock per item instead of a task, a thread wake-up and a
// hand-over per item. Workers leave when nothing waits.
template<typename Item> class WorkQueue
{
public:
    using Handler = std::function<void(Item &&)>;

    WorkQueue(int maxWorkers, const QString &name, Handler handle)
        : m_maxWorkers(maxWorkers)
        , m_handle(std::move(handle))
    {
        m_pool.setMaxThreadCount(maxWorkers);
        m_pool.setObjectName(name);
    }
    ~WorkQueue() { m_pool.waitForDone(); }

    void push(Item item)
    {
        std::unique_lock lock(m_mutex);
        m_pending.push_back(std::move(item));
        joinIfAllBusy(lock);
    }

    // Whether everything pushed so far was handled within `msecs` (-1: waits as long as it takes).
    bool waitForDone(int msecs = -1) { return m_pool.waitForDone(msecs); }

private:
    // Starts a worker when items wait and no running worker is free to take them.
    void joinIfAllBusy(std::unique_lock<std::mutex> &lock)
    {
        if (m_pending.empty() || m_workers > m_busy || m_workers == m_maxWorkers)
            return;
        ++m_workers;
        lock.unlock();
        m_pool.start([this] { work(); });
        lock.lock();
    }

    void work()
    {
        std::unique_lock lock(m_mutex);
        while (!m_pending.empty()) {
            Item item = std::move(m_pending.front());
            m_pending.pop_front();
            ++m_busy;
            joinIfAllBusy(lock); // what was pushed before this worker started must not wait
            lock.unlock();
            m_handle(std::move(item));
            lock.lock();
            --m_busy;
        }
        --m_workers;
    }

    const int m_maxWorkers;
    const Handler m_handle;
    QThreadPool m_pool;
    std::mutex m_mutex;
    std::deque<Item> m_pending;
    int m_workers = 0; // running work(), busy or about to look for the next item
    int m_busy = 0; // inside m_handle
};
