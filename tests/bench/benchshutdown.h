#pragma once

#include <QCoreApplication>
#include <QTimer>

#include <csignal>

// SIGINT and SIGTERM end a benchmark server through its event loop, so it flushes and closes
// its session like Hookscope does. A flag polled by a timer: the benchmarks need nothing more,
// and they stay independent of the app library (and of the GUI it links).
namespace BenchShutdown {
inline volatile std::sig_atomic_t requested = 0;

inline void quitOnSignals(QCoreApplication &app)
{
    const auto onSignal = [](int) {
        requested = 1;
    };
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto *poll = new QTimer(&app);
    QObject::connect(poll, &QTimer::timeout, &app, [&app] {
        if (requested)
            app.quit();
    });
    poll->start(20);
}
} // namespace BenchShutdown
