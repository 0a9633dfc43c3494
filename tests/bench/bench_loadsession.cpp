// Reopening a large session the way the window does (Session::loadExistingEvents): stream
// every summary out of SessionStore, hand them to EventTableModel::replaceAll, then ask for the
// first screenful. Reports the time until the table is usable, resident memory, and the time
// to filter on summary fields: the filter library (Filter, EventFilterModel) next to a
// hand-written predicate, the floor any filter implementation can reach.
#include "filter/filter.h"
#include "models/eventfiltermodel.h"
#include "models/eventtablemodel.h"
#include "store/sessionstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSortFilterProxyModel>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
qint64 statusKb(const QByteArray &key)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

const auto kExpression = uR"(event == "IDENTIFICATION" && invalid)"_s;

// The same expression written by hand over the summary: the floor for the filter library.
bool baselinePredicate(const EventSummary &summary)
{
    static const QString identification = u"IDENTIFICATION"_s;
    return summary.eventType == identification && summary.errorCount > 0;
}

class BaselineProxy : public QSortFilterProxyModel
{
protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override
    {
        return baselinePredicate(static_cast<EventTableModel *>(sourceModel())->summaryAt(row));
    }
};

// CPU time of the whole process: on a shared machine the wall clock also counts waiting for a
// core, so both are reported.
qint64 cpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

template<typename Predicate>
std::pair<qint64, double> timeLoop(const EventTableModel &model, Predicate predicate)
{
    std::vector<double> runs;
    qint64 matches = 0;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        matches = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            matches += predicate(model.summaryAt(row));
        runs.push_back(timer.nsecsElapsed() / 1e6);
    }
    return { matches, median(runs) };
}

void reportBaseline(EventTableModel &model, QTextStream &out)
{
    const auto [matches, loopMs] = timeLoop(model, baselinePredicate);
    BaselineProxy proxy;
    QElapsedTimer timer;
    timer.start();
    proxy.setSourceModel(&model);
    const int rows = proxy.rowCount();
    out << "RESULT baseline_matches=" << matches << " baseline_loop_ms=" << loopMs
        << " baseline_proxy_rows=" << rows << " baseline_proxy_ms=" << timer.nsecsElapsed() / 1e6
        << Qt::endl;
}

// The real thing: Filter::matches over every summary, then EventFilterModel::setFilter on a
// proxy already showing the whole table (what typing in the filter bar costs).
void reportFilter(EventTableModel &model, const Filter &filter, QTextStream &out)
{
    const auto [matches, loopMs] =
        timeLoop(model, [&filter](const EventSummary &s) { return filter.matches(s); });
    EventFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.rowCount();
    QElapsedTimer timer;
    timer.start();
    proxy.setFilter(filter);
    const int rows = proxy.rowCount();
    out << "RESULT filter_matches=" << matches << " filter_loop_ms=" << loopMs
        << " filter_proxy_rows=" << rows << " filter_proxy_ms=" << timer.nsecsElapsed() / 1e6
        << " filter_needs_event=" << int(filter.needsEvent()) << Qt::endl;
}

void touchFirstScreen(const EventTableModel &model)
{
    for (int row = 0; row < std::min(model.rowCount(), 50); ++row) {
        for (int column = 0; column < EventTableModel::ColumnCount; ++column)
            model.data(model.index(row, column), Qt::DisplayRole);
    }
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc != 2) {
        QTextStream(stderr) << "usage: bench_loadsession SESSION_FILE\n";
        return 2;
    }
    const qint64 rssBeforeKb = statusKb("VmRSS");
    EventTableModel model;
    QElapsedTimer timer;
    timer.start();
    const qint64 cpuStartMs = cpuMs();
    qint64 readMs = 0;
    {
        SessionStore store;
        if (const Status opened = store.open(QString::fromLocal8Bit(argv[1])); !opened) {
            QTextStream(stderr) << "bench_loadsession: " << opened.error() << Qt::endl;
            return 1;
        }
        std::vector<EventSummary> summaries;
        std::ignore = store.forEachSummary([&summaries](EventSummary &&s) {
            summaries.push_back(std::move(s));
            return true;
        });
        readMs = timer.elapsed();
        model.replaceAll(std::move(summaries));
        touchFirstScreen(model);
    }
    const qint64 usableMs = timer.elapsed();
    const qint64 usableCpuMs = cpuMs() - cpuStartMs;
    out << "RESULT rows=" << model.rowCount() << " read_ms=" << readMs << " usable_ms=" << usableMs
        << " usable_cpu_ms=" << usableCpuMs << " rss_before_kb=" << rssBeforeKb
        << " rss_kb=" << statusKb("VmRSS") << " hwm_kb=" << statusKb("VmHWM") << Qt::endl;

    reportBaseline(model, out);
    const auto compiled = Filter::compile(kExpression);
    if (const auto *error = std::get_if<FilterError>(&compiled)) {
        QTextStream(stderr) << "bench_loadsession: " << kExpression << ": " << error->message
                            << Qt::endl;
        return 1;
    }
    reportFilter(model, std::get<Filter>(compiled), out);
    return 0;
}
