// A filter that reads bodies over a whole session: EventFilterModel scans the session file on a
// worker thread. Prints how long until the result is shown, and the longest the event loop (the
// window's thread) went without turning while it ran: the window's responsiveness.
#include "models/eventfiltermodel.h"
#include "models/eventtablemodel.h"
#include "store/sessionstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {
// CPU time of the whole process (all threads), user + system: on a shared machine the wall
// time depends on what else runs, this does not.
qint64 cpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval &t) {
        return qint64(t.tv_sec) * 1000 + t.tv_usec / 1000;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2)
        return 2;
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QString expression =
        argc > 2 ? QString::fromLocal8Bit(argv[2]) : u"json.status == \"failed\""_s;
    EventTableModel model;
    {
        SessionStore store;
        if (!store.open(path))
            return 1;
        std::vector<EventSummary> summaries;
        std::ignore = store.forEachSummary([&summaries](EventSummary &&s) {
            summaries.push_back(std::move(s));
            return true;
        });
        model.replaceAll(std::move(summaries));
    }
    EventFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSessionPath(path);
    proxy.rowCount();

    QElapsedTimer sinceTick;
    qint64 longestGapMs = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout,
                     [&] { longestGapMs = std::max(longestGapMs, sinceTick.restart()); });
    QElapsedTimer timer;
    qint64 cpuAtStart = 0;
    QObject::connect(&proxy, &EventFilterModel::scanFinished, [&](bool completed) {
        out << "RESULT body_filter_ms=" << timer.elapsed() << " cpu_ms=" << cpuMs() - cpuAtStart
            << " rows=" << proxy.rowCount() << " completed=" << int(completed)
            << " longest_loop_gap_ms=" << longestGapMs << " expression=" << expression << Qt::endl;
        app.quit();
    });
    auto compiled = Filter::compile(expression);
    if (!std::holds_alternative<Filter>(compiled))
        return 2;
    cpuAtStart = cpuMs();
    timer.start();
    sinceTick.start();
    ticker.start();
    proxy.setFilter(std::get<Filter>(compiled));
    return app.exec();
}
