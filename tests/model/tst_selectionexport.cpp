#include "exporting/selectionexport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSelectionExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(m_store.open(m_dir->filePath(u"session.hookscope"_s)));
        QList<Event> events;
        for (qint64 seq = 1; seq <= 5; ++seq) {
            Event event;
            event.seq = seq;
            event.receivedAtMs = 1'700'000'000'000 + seq;
            event.method = "POST";
            event.target = "/hooks/" + QByteArray::number(seq);
            event.headers = { { "Content-Type", "application/json" } };
            event.body =
                "{\"id\":" + QByteArray::number(seq) + "}"; // no raw strings: moc skips them
            events.append(event);
        }
        QVERIFY(m_store.append(events, QList<EventAnalysis>(events.size())));
    }
    void cleanup() { m_store.close(); }

    void writesOnlyTheChosenEventsToOneFile()
    {
        const QString har = m_dir->filePath(u"out.har"_s);
        QCOMPARE(exportSelection(m_store, m_analyzer, { 2, 4 }, { ExportFormat::Har, {}, har }),
                 QStringList());
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray entries =
            QJsonDocument::fromJson(file.readAll()).object()[u"log"_s][u"entries"_s].toArray();
        QCOMPARE(entries.size(), 2);
        QVERIFY(entries[1][u"request"_s][u"url"_s].toString().endsWith(u"/hooks/4"_s));
    }

    void writesOneFixtureFilePerEvent()
    {
        const QString folder = m_dir->filePath(u"fixtures"_s);
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(exportSelection(m_store, m_analyzer, { 1, 3, 5 },
                                 { ExportFormat::Fixtures, {}, folder, true }),
                 QStringList());
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 3);
    }

    void reportsProgressAndStopsWithoutLeavingAFile()
    {
        const QString ndjson = m_dir->filePath(u"out.ndjson"_s);
        QList<qint64> seen;
        const auto stopAfterTwo = [&seen](qint64 done) {
            seen.append(done);
            return done < 2;
        };
        QCOMPARE(exportSelection(m_store, m_analyzer, { 1, 2, 3, 4, 5 },
                                 { ExportFormat::Ndjson, {}, ndjson }, stopAfterTwo),
                 QStringList());
        QCOMPARE(seen, QList<qint64>({ 1, 2 }));
        QVERIFY(!QFile::exists(ndjson));
    }

    void anUnwritableTargetIsNamedInTheError()
    {
        const QString target = m_dir->filePath(u"no/such/folder/out.har"_s);
        const QStringList errors =
            exportSelection(m_store, m_analyzer, { 1 }, { ExportFormat::Har, {}, target });
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.constFirst().startsWith(target), qPrintable(errors.constFirst()));
    }

    void missingEventsAreSkipped()
    {
        const QString raw = m_dir->filePath(u"out.http"_s);
        QCOMPARE(exportSelection(m_store, m_analyzer, { 1, 99 }, { ExportFormat::Raw, {}, raw }),
                 QStringList());
        QFile file(raw);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count("POST /hooks/"), 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir; // a fresh session for each test
    SessionStore m_store;
    Analyzer m_analyzer;
};

QTEST_GUILESS_MAIN(TestSelectionExport)
#include "tst_selectionexport.moc"
