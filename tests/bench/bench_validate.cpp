// Validation throughput on seed-sized payloads: every seed example, analysed (parse, classify
// by header, validate, signature) over and over on one thread. Prints events per second.
#include "analysis/analyzer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const Analyzer analyzer(SchemaRegistry::withBundledCatalog());
    QList<Event> events;
    const QDir seeds(QStringLiteral(HOOKSCOPE_BENCH_DATA "/seeds"));
    for (const QString &name : seeds.entryList({ u"*.json"_s }, QDir::Files, QDir::Name)) {
        QFile file(seeds.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return 2;
        Event event;
        event.method = "POST";
        event.target = "/hooks";
        event.headers = { { "Solaris-Webhook-Event-Type", name.chopped(5).toUtf8() },
                          { "Content-Type", "application/json" } };
        event.body = file.readAll();
        events.append(event);
    }
    qint64 violations = 0;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < rounds; ++round) {
        for (const Event &event : std::as_const(events))
            violations += analyzer.analyze(event).violations.size();
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    const double perSecond = double(rounds) * double(events.size()) / seconds;
    std::printf("validation: %.0f events/s on one thread (%lld analyses of %lld seed payloads in "
                "%.2f s, %lld violations)  (target >= 20000)\n",
                perSecond, qint64(rounds) * events.size(), qint64(events.size()), seconds,
                violations);
    return 0;
}
