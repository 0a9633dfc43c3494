#pragma once

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>
#include <functional>
#include <limits>
#include <memory>

class JobTracker;

// The handle a background job's work gets from its JobTracker, safe to use from the worker
// thread: it asks whether the job is still wanted and sends progress and partial results to the
// tracker's thread. What it sends arrives there in the order sent and before the job's result,
// and only while the job is the tracker's newest and the tracker (so its owner) is alive.
class JobControl : public std::enable_shared_from_this<JobControl>
{
public:
    explicit JobControl(JobTracker *tracker);

    // True once the job was cancelled, superseded by a newer one, or its tracker destroyed:
    // the work should stop soon, its result will be dropped anyway.
    bool isCancelled() const { return m_cancelled.load(); }

    // Reports progress (any scale the owner understands). Only rising values count, and they
    // are sent at most every kProgressIntervalMs; the last one always arrives before the result.
    void setProgress(int value);

    // Runs onTrackerThread on the tracker's thread, in order, if the job is still current then:
    // how a job hands over partial results.
    void deliver(std::function<void()> onTrackerThread);

    static constexpr int kProgressIntervalMs = 40;

private:
    friend class JobTracker;
    using Delivery = std::function<void(JobTracker *)>;

    void post(Delivery delivery);
    void finish(Delivery done);
    void cancel();
    void sendProgressLocked(int value);

    std::atomic<bool> m_cancelled = false;
    std::atomic<int> m_progress = std::numeric_limits<int>::min();
    QMutex m_mutex; // guards m_tracker against the tracker's destruction, and what follows
    JobTracker *m_tracker; // null once cancelled: nothing is posted to it any more
    int m_sentProgress = std::numeric_limits<int>::min();
    QElapsedTimer m_sinceSent;
};
