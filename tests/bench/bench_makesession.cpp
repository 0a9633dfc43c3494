// Writes a large, Solaris-like session through SessionStore::append, in batches of 10,000:
// the 15 seed event types with unique ids, varied paths, classifications, signatures and sizes,
// about 10% invalid (schema errors or broken JSON). Deterministic: the same file every run.
#include "store/sessionstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {
constexpr int kBatch = 10'000;

struct Seed
{
    QString type;
    QByteArray bodyTemplate; // "@ID@" where the unique id goes
};

QList<Seed> loadSeeds(const QString &folder)
{
    static const QRegularExpression id(uR"("id"\s*:\s*"[^"]*")"_s);
    QList<Seed> seeds;
    for (const QFileInfo &info : QDir(folder).entryInfoList({ u"*.json"_s }, QDir::Files)) {
        QFile file(info.filePath());
        if (file.open(QIODevice::ReadOnly))
            seeds.append({ info.completeBaseName(),
                           QString::fromUtf8(file.readAll().trimmed())
                               .replace(id, uR"("id": "@ID@")"_s)
                               .toUtf8() });
    }
    return seeds;
}

QByteArray hex(QRandomGenerator &random, int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(random.bounded(256));
    return raw.toHex();
}

// About 2% of events carry a long list (statements, batch transfers): 1 to 6 KiB more.
QByteArray withEntries(QByteArray body, QRandomGenerator &random)
{
    QByteArray entries = ", \"entries\": ["_ba;
    const int count = random.bounded(10, 80);
    for (int i = 0; i < count; ++i)
        entries += (i ? ", "_ba : QByteArray()) + R"({"amount": {"value": )"_ba
            + QByteArray::number(random.bounded(1, 100'000)) + R"(, "unit": "cents", )"_ba
            + R"("currency": "EUR"}, "reference": ")"_ba + hex(random, 8) + "\"}"_ba;
    body.insert(body.lastIndexOf('}'), entries + ']');
    return body;
}

QByteArray pathFor(const QString &type, ClassifiedBy by, QRandomGenerator &random)
{
    QByteArray path = by == ClassifiedBy::Path
        ? "/hooks/"_ba + type.toLower().replace(u'_', u'-').toUtf8()
        : (random.bounded(2) ? "/webhooks/solaris"_ba : "/hooks/"_ba + type.toLower().toUtf8());
    if (random.bounded(10) == 0)
        path += "?attempt="_ba + QByteArray::number(random.bounded(2, 6));
    return path;
}

ClassifiedBy pickClassification(QRandomGenerator &random)
{
    const int roll = random.bounded(100);
    return roll < 75 ? ClassifiedBy::Header
        : roll < 90  ? ClassifiedBy::Path
        : roll < 97  ? ClassifiedBy::BodyField
                     : ClassifiedBy::Inferred;
}

SignatureState pickSignature(QRandomGenerator &random)
{
    const int roll = random.bounded(100);
    return roll < 65 ? SignatureState::Valid
        : roll < 70  ? SignatureState::Invalid
        : roll < 95  ? SignatureState::Unsigned
                     : SignatureState::NoSecret;
}

int pickStatus(QRandomGenerator &random)
{
    const int roll = random.bounded(100);
    return roll < 96 ? 200 : roll < 98 ? 500 : roll < 99 ? 422 : 410;
}

Violations schemaErrors(QRandomGenerator &random)
{
    static const Violation kinds[] = {
        { u"/status"_s, u"enum"_s, Severity::Error,
          u"/status: \"pending_review\" is not one of the allowed values"_s },
        { u"/metadata/iban"_s, u"format"_s, Severity::Error,
          u"/metadata/iban: \"string\" is not an IBAN"_s },
        { QString(), u"required"_s, Severity::Error, u"required field \"reference\" is missing"_s },
        { u"/completed_at"_s, u"type"_s, Severity::Error,
          u"/completed_at: expected string, got number"_s },
    };
    Violations violations;
    for (int i = random.bounded(1, 4); i > 0; --i)
        violations.append(kinds[random.bounded(4)]);
    return violations;
}

struct Generator
{
    QList<Seed> seeds;
    QRandomGenerator random { 20261122 };
    qint64 clockMs = 1'793'491'200'000; // 2026-11-01
    QString remote;

    void next(qint64 seq, Event &event, EventAnalysis &analysis);
    void fillBody(const Seed &seed, Event &event, EventAnalysis &analysis);
};

void Generator::fillBody(const Seed &seed, Event &event, EventAnalysis &analysis)
{
    event.body = QByteArray(seed.bodyTemplate).replace("@ID@", hex(random, 16));
    analysis.bodyKind = BodyKind::Json;
    const int roll = random.bounded(1000);
    if (roll < 20) {
        event.body = withEntries(event.body, random);
    } else if (roll < 30) { // cut off mid-transfer
        event.body.truncate(event.body.size() / 2);
        analysis.bodyKind = BodyKind::InvalidJson;
        analysis.parseError = u"unterminated object"_s;
        analysis.parseErrorOffset = event.body.size();
    } else if (roll < 35) { // subscription verification: empty body
        event.body.clear();
        analysis.bodyKind = BodyKind::Empty;
    }
}

void Generator::next(qint64 seq, Event &event, EventAnalysis &analysis)
{
    const Seed &seed = seeds.at(random.bounded(int(seeds.size())));
    clockMs += random.bounded(1, 200);
    if (seq % 40 == 1) // a client reuses a connection for a while
        remote = u"127.0.0.1:"_s + QString::number(random.bounded(32768, 61000));
    event.seq = seq;
    event.receivedAtMs = clockMs;
    event.method = random.bounded(300) == 0 ? "PUT"_ba : "POST"_ba;
    event.remote = remote;
    fillBody(seed, event, analysis);
    analysis.classifiedBy = pickClassification(random);
    analysis.eventType =
        seed.type + (analysis.classifiedBy == ClassifiedBy::Inferred ? u"?"_s : QString());
    analysis.schemaChecked = analysis.bodyKind == BodyKind::Json;
    if (analysis.schemaChecked && random.bounded(100) < 9)
        analysis.violations = schemaErrors(random);
    if (analysis.schemaChecked && random.bounded(100) < 5)
        analysis.violations.append({ u"/metadata/extra"_s, u"additionalProperties"_s,
                                     Severity::Warning, u"/metadata/extra is not documented"_s });
    analysis.signature.state = pickSignature(random);
    analysis.signature.scheme = u"solaris"_s;
    event.target = pathFor(seed.type, analysis.classifiedBy, random);
    event.headers = { { "Host", "127.0.0.1:8080" },
                      { "User-Agent", "Solaris-Webhooks/1.0" },
                      { "Content-Type", "application/json" },
                      { "Content-Length", QByteArray::number(event.body.size()) },
                      { "Solaris-Webhook-Attempt", QByteArray::number(random.bounded(1, 4)) },
                      { "Solaris-Webhook-Id", hex(random, 16) },
                      { "Solaris-Webhook-Signature", "sha256="_ba + hex(random, 32) } };
    if (analysis.classifiedBy == ClassifiedBy::Header)
        event.headers.append({ "Solaris-Webhook-Event-Type", seed.type.toUtf8() });
    event.response = { pickStatus(random), { { "Content-Type", "application/json" } }, "{}"_ba, 0 };
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    if (argc < 2 || argc > 3) {
        err << "usage: bench_makesession SESSION_FILE [EVENTS]   (default 1000000)\n";
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const qint64 total = argc == 3 ? QByteArray(argv[2]).toLongLong() : 1'000'000;
    Generator generator;
    generator.seeds = loadSeeds(QStringLiteral(HOOKSCOPE_BENCH_DATA) + u"/seeds"_s);
    if (generator.seeds.isEmpty() || QFileInfo::exists(path)) {
        err << "bench_makesession: no seeds, or " << path << " exists already\n";
        return 1;
    }
    SessionStore store;
    if (const Status opened = store.open(path); !opened) {
        err << "bench_makesession: " << opened.error() << Qt::endl;
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    qint64 appendMs = 0;
    for (qint64 first = 1; first <= total; first += kBatch) {
        const qint64 count = std::min<qint64>(kBatch, total - first + 1);
        QList<Event> events(count);
        QList<EventAnalysis> analyses(count);
        for (qint64 i = 0; i < count; ++i)
            generator.next(first + i, events[i], analyses[i]);
        QElapsedTimer append;
        append.start();
        if (const Status stored = store.append(events, analyses); !stored) {
            err << "bench_makesession: " << stored.error() << Qt::endl;
            return 1;
        }
        appendMs += append.elapsed();
    }
    store.close();
    const double seconds = std::max<qint64>(appendMs, 1) / 1000.0;
    err << "wrote " << total << " events in " << timer.elapsed() / 1000.0 << " s; "
        << "SessionStore::append " << seconds << " s = " << qint64(total / seconds)
        << " events/s; file " << QFileInfo(path).size() / (1024 * 1024) << " MiB" << Qt::endl;
    return 0;
}
