// The full capture pipeline in one process, as the window runs it: CaptureService (parse,
// classify, validate against the bundled catalog, verify, persist, answer) feeding an
// EventTableModel from its stored() signal.
#include "benchshutdown.h"
#include "capture/captureservice.h"
#include "models/eventtablemodel.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    if (argc != 2) {
        err << "usage: bench_pipelineserver SESSION_FILE\n";
        return 2;
    }
    BenchShutdown::quitOnSignals(app);
    EventTableModel model;
    CaptureService capture;
    QObject::connect(&capture, &CaptureService::stored, &model, [&model](const CapturedBatch &b) {
        QList<EventSummary> summaries;
        summaries.reserve(b.events.size());
        for (qsizetype i = 0; i < b.events.size(); ++i)
            summaries.append(EventSummary::from(b.events.at(i), b.analyses.at(i)));
        model.enqueue(summaries);
    });
    CaptureOptions options;
    options.port = 0;
    // As the program runs it: every event classified and validated against the bundled catalog.
    options.analyzer = std::make_shared<Analyzer>(SchemaRegistry::withBundledCatalog());
    options.sessionPath = QString::fromLocal8Bit(argv[1]);
    if (const std::optional<QString> error = capture.start(options)) {
        err << "bench_pipelineserver: " << *error << Qt::endl;
        return 1;
    }
    err << "Pipeline listening on " << capture.listenUrl() << "/" << Qt::endl;
    const int code = QCoreApplication::exec();
    capture.stop();
    QCoreApplication::processEvents(); // the last stored() batches
    model.flush();
    err << "model rows " << model.rowCount() << Qt::endl;
    return code;
}
