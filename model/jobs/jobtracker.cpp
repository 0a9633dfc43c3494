#include "jobtracker.h"

#include <QThreadPool>

JobTracker::JobTracker(QObject *context, QThreadPool *pool)
    : QObject(context)
    , m_pool(pool)
{ }

JobTracker::~JobTracker()
{
    // The work may outlive its owner but can no longer reach it.
    if (m_current)
        m_current->cancel();
}

std::shared_ptr<JobControl> JobTracker::begin()
{
    const bool wasRunning = isRunning();
    if (m_current)
        m_current->cancel();
    m_current = std::make_shared<JobControl>(this);
    if (!wasRunning)
        Q_EMIT runningChanged(true);
    return m_current;
}

void JobTracker::track(QFuture<void> future)
{
    m_futures.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    m_futures.append(std::move(future));
}

void JobTracker::cancel()
{
    if (!m_current)
        return;
    m_current->cancel();
    m_current.reset();
    Q_EMIT runningChanged(false);
}

void JobTracker::finished()
{
    m_current.reset();
    Q_EMIT runningChanged(false);
}

void JobTracker::waitForFinished()
{
    for (QFuture<void> &future : m_futures)
        future.waitForFinished();
    m_futures.clear();
}

QThreadPool *JobTracker::pool() const
{
    return m_pool ? m_pool : QThreadPool::globalInstance();
}
