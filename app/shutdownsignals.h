#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so Ctrl-C flushes
// and closes the session instead of killing the process mid-write.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    // Whether SIGINT or SIGTERM has arrived: for work on the main thread that could run longer
    // than a moment before the event loop sees the signal (a --filter over a backlog).
    static bool requested();

Q_SIGNALS:
    void shutdownRequested();

private:
    QSocketNotifier *m_notifier = nullptr; // owned through QObject parenting
};
