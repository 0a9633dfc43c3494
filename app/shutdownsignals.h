#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so Ctrl-C flushes
// and closes the session instead of killing the process mid-write.
//
// Subcommands run without an event loop: exitOnSignal() makes a signal end them at once (exit
// 128 + the signal's number, 130 for SIGINT), except while a Deferral is held: then the work
// sees requested(), stops at its next step, removes its temporary file and returns, and main()
// exits with that code. A deferred stop that does not come within kGraceSeconds ends the
// process anyway, so a signal is never ignored.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    // Whether SIGINT or SIGTERM has arrived: for work on the main thread that could run longer
    // than a moment before the event loop sees the signal (a --filter over a backlog), and for
    // a subcommand inside a Deferral.
    static bool requested();
    // The exit code a run ended by a signal returns (128 + its number), or 0 when none came.
    static int exitCode();

    // For subcommands: SIGINT and SIGTERM end the process at once unless a Deferral is held.
    static void exitOnSignal();
    static constexpr unsigned kGraceSeconds = 2;

    // Held while a subcommand writes something a sudden exit would leave half done (a file
    // through its temporary file, a session and its lock): the work polls requested() instead.
    class Deferral
    {
    public:
        Deferral();
        ~Deferral();
        Deferral(const Deferral &) = delete;
        Deferral &operator=(const Deferral &) = delete;
    };

Q_SIGNALS:
    void shutdownRequested();

private:
    QSocketNotifier *m_notifier = nullptr; // owned through QObject parenting
};
