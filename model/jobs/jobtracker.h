#pragma once

#include "jobcontrol.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QtConcurrent>

#include <type_traits>

class QThreadPool;

// The one way Hookscope runs background work (after KDAB hotspot's JobTracker). A tracker
// belongs to a QObject context (the filter model, a dialog, ...) and runs one job at a time:
// start() runs work(JobControl &) on a thread pool, and starting again supersedes (cancels) the
// running job. done(result) runs on the tracker's thread only for the newest job, not cancelled,
// while the tracker and so its owner are alive: no owner needs a generation counter of its own.
class JobTracker : public QObject
{
    Q_OBJECT
public:
    explicit JobTracker(QObject *context, QThreadPool *pool = nullptr);
    ~JobTracker() override;

    template<typename Work, typename Done> void start(Work work, Done done)
    {
        using Result = std::invoke_result_t<Work &, JobControl &>;
        std::shared_ptr<JobControl> control = begin();
        track(QtConcurrent::run(
            pool(), [control, work = std::move(work), done = std::move(done)]() mutable {
                if constexpr (std::is_void_v<Result>) {
                    work(*control);
                    if (!control->isCancelled())
                        control->finish([done = std::move(done)](JobTracker *) mutable { done(); });
                } else {
                    Result result = work(*control);
                    if (!control->isCancelled())
                        control->finish([done = std::move(done), result = std::move(result)](
                                            JobTracker *) mutable { done(std::move(result)); });
                }
            }));
    }

    void cancel(); // the running job's result and pending deliveries are dropped
    bool isRunning() const { return m_current != nullptr; }
    // Blocks until every job this tracker started has returned (cancel first to hurry them).
    void waitForFinished();

Q_SIGNALS:
    void progressChanged(int value);
    void runningChanged(bool running);

private:
    friend class JobControl;

    std::shared_ptr<JobControl> begin();
    void track(QFuture<void> future);
    void finished();
    bool isCurrent(const JobControl *control) const { return m_current.get() == control; }
    QThreadPool *pool() const;

    QThreadPool *m_pool; // not owned; null: the global pool
    std::shared_ptr<JobControl> m_current;
    QList<QFuture<void>> m_futures; // jobs that may still run, for waitForFinished()
};
