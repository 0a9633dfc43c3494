#include "formats/exportwriter.h"
#include "formats/importer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Event makeEvent(qint64 seq, const QByteArray &body)
{
    Event e;
    e.seq = seq;
    e.receivedAtMs = 1714564800000 + seq;
    e.method = "POST"_ba;
    e.target = "/hooks/" + QByteArray::number(seq);
    e.headers = { { "Content-Type"_ba, "application/json"_ba },
                  { "Authorization"_ba, "secret"_ba } };
    e.body = body;
    return e;
}

EventAnalysis typed(const QString &type)
{
    EventAnalysis analysis;
    analysis.eventType = type;
    return analysis;
}

QByteArray writeAll(ExportFormat format, const QList<Event> &events, bool redact = false)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    ExportWriter writer(&buffer, format, { u"http://127.0.0.1:9"_s, redact });
    for (const Event &e : events) {
        if (!writer.add(e, typed(u"BOOKING"_s)))
            return "add failed";
    }
    return writer.finish() ? bytes : "finish failed"_ba;
}

const QList<Event> sample { makeEvent(1, R"({"a":1})"_ba), makeEvent(2, "\x00\xff"_ba),
                            makeEvent(3, QByteArray()) };

} // namespace

class TestExportWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsBack_data();
    void loadsBack();
    void emptyExports_data();
    void emptyExports();
    void separatedByBlankLines();
    void copyAs();
    void fixtureFolder();
    void fixtureFolderError();
};

void TestExportWriter::loadsBack_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::newRow("har") << ExportFormat::Har;
    QTest::newRow("ndjson") << ExportFormat::Ndjson;
    QTest::newRow("fixtures array") << ExportFormat::Fixtures;
}

void TestExportWriter::loadsBack()
{
    QFETCH(ExportFormat, format);
    const QByteArray bytes = writeAll(format, sample, true);
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"export"_s);
    QCOMPARE(batch.errors.size(), 0);
    QCOMPARE(batch.events.size(), sample.size());
    for (qsizetype i = 0; i < sample.size(); ++i) {
        QCOMPARE(batch.events[i].target, sample[i].target);
        QCOMPARE(batch.events[i].body, sample[i].body);
        QCOMPARE(batch.events[i].headers.at(1).second, "[redacted]"_ba);
        QCOMPARE(batch.eventTypes[i], u"BOOKING"_s);
    }
}

void TestExportWriter::emptyExports_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("ndjson") << ExportFormat::Ndjson << QByteArray();
    QTest::newRow("fixtures") << ExportFormat::Fixtures << "[]\n"_ba;
    QTest::newRow("curl") << ExportFormat::Curl << QByteArray();
}

void TestExportWriter::emptyExports()
{
    QFETCH(ExportFormat, format);
    QFETCH(QByteArray, expected);
    QCOMPARE(writeAll(format, {}), expected);
}

void TestExportWriter::separatedByBlankLines()
{
    const QList<Event> two { makeEvent(1, "a"_ba), makeEvent(2, "b"_ba) };
    QCOMPARE(writeAll(ExportFormat::Raw, two),
             toRawHttp(two[0]) + "\n\n" + toRawHttp(two[1]) + "\n");
    QCOMPARE(writeAll(ExportFormat::Curl, two),
             (toCurl(two[0], u"http://127.0.0.1:9"_s) + u"\n\n"_s
              + toCurl(two[1], u"http://127.0.0.1:9"_s) + u"\n"_s)
                 .toLatin1());
}

void TestExportWriter::copyAs()
{
    const Event e = makeEvent(5, R"({"x":[1]})"_ba);
    const EventAnalysis analysis = typed(u"CARD"_s);
    QCOMPARE(exportEvent(ExportFormat::JsonBody, e, analysis), toJsonBody(e));
    QCOMPARE(exportEvent(ExportFormat::Fixtures, e, analysis, { {}, true }),
             toFixtureJson(e, u"CARD"_s, true));
    QCOMPARE(exportEvent(ExportFormat::Raw, e, analysis), toRawHttp(e));
    const QJsonObject entry =
        QJsonDocument::fromJson(exportEvent(ExportFormat::Har, e, analysis)).object();
    QCOMPARE(entry.value(u"_eventType"_s).toString(), u"CARD"_s);
    QVERIFY(exportEvent(ExportFormat::Curl, e, analysis, { u"http://h:1"_s, false })
                .startsWith("curl -q --globoff --path-as-is -X 'POST' 'http://h:1/hooks/5'"));
}

void TestExportWriter::fixtureFolder()
{
    QTemporaryDir dir;
    FixtureFolderWriter writer(dir.filePath(u"out/nested"_s));
    for (const Event &e : sample) {
        const FixtureFolderWriter::Result result = writer.write(e, u"../BOOKING"_s);
        QCOMPARE(result.error, QString());
        QCOMPARE(QFileInfo(result.path).dir().path(), dir.filePath(u"out/nested"_s));
    }
    const QStringList files = QDir(dir.filePath(u"out/nested"_s)).entryList(QDir::Files);
    QCOMPARE(
        files,
        (QStringList { u"___BOOKING-1.json"_s, u"___BOOKING-2.json"_s, u"___BOOKING-3.json"_s }));
    const ImportBatch batch =
        PayloadImporter::importFile(dir.filePath(u"out/nested/___BOOKING-2.json"_s));
    QCOMPARE(batch.events.size(), 1);
    QCOMPARE(batch.events[0].body, sample[1].body);
}

void TestExportWriter::fixtureFolderError()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    FixtureFolderWriter writer(dir.filePath(u"file/sub"_s));
    const FixtureFolderWriter::Result result = writer.write(sample[0], u"X"_s);
    QCOMPARE(result.error, dir.filePath(u"file/sub"_s) + u": cannot create the folder"_s);
}

QTEST_GUILESS_MAIN(TestExportWriter)
#include "tst_exportwriter.moc"
