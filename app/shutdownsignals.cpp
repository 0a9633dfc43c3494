#include "shutdownsignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_pipe[2] = { -1, -1 };
volatile std::sig_atomic_t g_signal = 0; // the first SIGINT or SIGTERM, 0 before one came
volatile std::sig_atomic_t g_deferrals = 0; // Deferrals held (subcommands, main thread only)

void onSignal(int number)
{
    if (g_signal == 0)
        g_signal = number;
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
}

// Subcommands: nothing to flush unless a Deferral is held; then the work stops itself, and
// SIGALRM ends the process if it has not within the grace time.
void onCommandSignal(int number)
{
    if (g_signal == 0)
        g_signal = number;
    if (g_deferrals == 0)
        ::_exit(128 + g_signal);
    ::alarm(ShutdownSignals::kGraceSeconds);
}

void onGraceOver(int)
{
    ::_exit(128 + g_signal);
}

void install(int number, void (*handler)(int))
{
    struct sigaction action
    { };
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(number, &action, nullptr);
}
} // namespace

bool ShutdownSignals::requested()
{
    return g_signal != 0;
}

int ShutdownSignals::exitCode()
{
    return g_signal == 0 ? 0 : 128 + g_signal;
}

ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(g_pipe[0], &byte, 1);
        Q_EMIT shutdownRequested();
    });
    install(SIGINT, onSignal);
    install(SIGTERM, onSignal);
}

void ShutdownSignals::exitOnSignal()
{
    install(SIGALRM, onGraceOver);
    install(SIGINT, onCommandSignal);
    install(SIGTERM, onCommandSignal);
}

ShutdownSignals::Deferral::Deferral()
{
    g_deferrals = g_deferrals + 1;
}

ShutdownSignals::Deferral::~Deferral()
{
    g_deferrals = g_deferrals - 1;
}
