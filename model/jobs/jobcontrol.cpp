#include "jobcontrol.h"

#include "jobtracker.h"

#include <QMetaObject>

JobControl::JobControl(JobTracker *tracker)
    : m_tracker(tracker)
{ }

void JobControl::setProgress(int value)
{
    int seen = m_progress.load();
    do {
        if (value <= seen)
            return; // two parts of one job may report out of step: keep the bar from going back
    } while (!m_progress.compare_exchange_weak(seen, value));
    QMutexLocker lock(&m_mutex);
    // Throttled like QFutureInterface's progress: a progress event per row would flood the
    // receiving thread's queue (and a modal QProgressDialog re-enters the event loop per value).
    if (m_sinceSent.isValid() && m_sinceSent.elapsed() < kProgressIntervalMs)
        return;
    sendProgressLocked(m_progress.load());
}

void JobControl::sendProgressLocked(int value)
{
    if (!m_tracker || value == m_sentProgress)
        return;
    m_sentProgress = value;
    m_sinceSent.start();
    JobTracker *tracker = m_tracker;
    QMetaObject::invokeMethod(
        tracker,
        [tracker, self = shared_from_this(), value] {
            if (tracker->isCurrent(self.get()))
                Q_EMIT tracker->progressChanged(value);
        },
        Qt::QueuedConnection);
}

void JobControl::deliver(std::function<void()> onTrackerThread)
{
    post([onTrackerThread = std::move(onTrackerThread)](JobTracker *) { onTrackerThread(); });
}

void JobControl::post(Delivery delivery)
{
    QMutexLocker lock(&m_mutex);
    if (!m_tracker)
        return;
    JobTracker *tracker = m_tracker;
    // Queued events from one thread to one receiver arrive in the order posted; Qt discards the
    // ones still pending when the tracker is destroyed.
    QMetaObject::invokeMethod(
        tracker,
        [tracker, self = shared_from_this(), delivery = std::move(delivery)] {
            if (tracker->isCurrent(self.get()))
                delivery(tracker);
        },
        Qt::QueuedConnection);
}

void JobControl::finish(Delivery done)
{
    {
        QMutexLocker lock(&m_mutex);
        sendProgressLocked(m_progress.load()); // a value the throttle held back
    }
    post([done = std::move(done)](JobTracker *tracker) {
        tracker->finished();
        done(tracker);
    });
}

void JobControl::cancel()
{
    m_cancelled = true;
    QMutexLocker lock(&m_mutex);
    m_tracker = nullptr;
}
