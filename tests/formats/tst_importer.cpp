#include "formats/exporters.h"
#include "formats/formatdetector.h"
#include "formats/importer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString dataDir = QStringLiteral(HOOKSCOPE_TEST_DATA "/formats/import");

QStringList reasons(const ImportBatch &batch)
{
    QStringList out;
    for (const ImportError &e : batch.errors)
        out.append(u"%1:%2: %3"_s.arg(e.file).arg(e.line).arg(e.reason));
    return out;
}

QList<QByteArray> bodies(const ImportBatch &batch)
{
    QList<QByteArray> out;
    for (const Event &e : batch.events)
        out.append(e.body);
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Peak resident memory in KiB since the last reset (Linux).
qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

bool resetPeakRss()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detect_data();
    void detect();
    void singlePayloadKeepsExactBytes();
    void payloadWithLogIsNotHar();
    void oneFileOnePayload_data();
    void oneFileOnePayload();
    void arrayOfPayloadsKeepsElementBytes();
    void arrayMixesFixturesAndPayloads();
    void ndjsonLines();
    void ndjsonRoundTrip();
    void fixtureFile_data();
    void fixtureFile();
    void rawHttp();
    void rawHttpChunked();
    void rawHttpFileStyle();
    void malformed_data();
    void malformed();
    void everyPrefixIsLoadedOrReported();
    void randomBytesNeverCrash();
    void unreadableInputs();
    void collectFilesRecursiveNaturalOrder();
    void importsDataFolder();
    void naturalLess_data();
    void naturalLess();
    void tenThousandFiles();
    void largeNdjsonStreams();
};

void TestImporter::detect_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("file");
    QTest::addColumn<InputFormat>("format");
    QTest::newRow("empty") << " \n\t"_ba << u"a.json"_s << InputFormat::Empty;
    QTest::newRow("object") << "{\n \"a\": 1\n}\n"_ba << u"a.json"_s << InputFormat::JsonPayload;
    QTest::newRow("one-line object") << "{\"a\":1}\n"_ba << u"a.json"_s << InputFormat::JsonPayload;
    QTest::newRow("array") << "[{\"a\":1},\n{}]"_ba << u"a.json"_s << InputFormat::JsonArray;
    QTest::newRow("lines by content")
        << "{\"a\":1}\n{\"a\":2}\n"_ba << u"a.json"_s << InputFormat::JsonLines;
    QTest::newRow("lines by extension")
        << "{\"a\":1}\n"_ba << u"a.NDJSON"_s << InputFormat::JsonLines;
    QTest::newRow("jsonl") << "[1]"_ba << u"x/a.jsonl"_s << InputFormat::JsonLines;
    QTest::newRow("har hint") << "\xEF\xBB\xBF{\n\"log\":{}}"_ba << u"a.har"_s << InputFormat::Har;
    QTest::newRow("text") << "hello"_ba << u"a.json"_s << InputFormat::NotJson;
    QTest::newRow("sentence") << "hello world\nbye"_ba << u"a.txt"_s << InputFormat::NotJson;
    QTest::newRow("http request") << "\r\nPOST /x HTTP/1.1\r\n"_ba << u"a.txt"_s
                                  << InputFormat::RawHttp;
    QTest::newRow("http file style")
        << "POST https://h/x\nA: b\n"_ba << u"a.http"_s << InputFormat::RawHttp;
    QTest::newRow("bom then lines")
        << "\xEF\xBB\xBF[1]\n[2]"_ba << u"a"_s << InputFormat::JsonLines;
}

void TestImporter::detect()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, file);
    QFETCH(InputFormat, format);
    QCOMPARE(FormatDetector::detect(head, file), format);
}

void TestImporter::singlePayloadKeepsExactBytes()
{
    const QByteArray bytes = "\xEF\xBB\xBF{ \"amount\" : 12345678901234567890, \"x\":1.0 }\r\n"_ba;
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"clipboard"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 1);
    const Event &e = batch.events.first();
    QCOMPARE(e.method, "POST"_ba);
    QCOMPARE(e.target, "/"_ba);
    QCOMPARE(e.headers, (HeaderList { { "Content-Type"_ba, "application/json"_ba } }));
    QCOMPARE(e.body, bytes);
    QCOMPARE(e.origin, Origin::Loaded);
    QCOMPARE(e.sourceFile, u"clipboard"_s);
    QVERIFY(e.receivedAtMs > 0);
    QCOMPARE(batch.eventTypes, QStringList { QString() });
}

void TestImporter::payloadWithLogIsNotHar()
{
    const QByteArray bytes = R"({"log":{"level":"info","entries":3}})"_ba;
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"p.json"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(bodies(batch), QList<QByteArray> { bytes });
}

void TestImporter::oneFileOnePayload_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("split");
    QTest::addColumn<QList<QByteArray>>("bodies");
    QTest::addColumn<QStringList>("errors");
    const QByteArray array = "[ {\"a\": 1},\n  2 ]"_ba;
    QTest::newRow("array") << array << false << QList<QByteArray> { array } << QStringList();
    QTest::newRow("array, split") << array << true << QList<QByteArray> { "{\"a\": 1}"_ba, "2"_ba }
                                  << QStringList();
    QTest::newRow("empty array") << "[ ]"_ba << false << QList<QByteArray> { "[ ]"_ba }
                                 << QStringList();
    QTest::newRow("empty array, split")
        << "[ ]"_ba << true << QList<QByteArray>()
        << QStringList { u"a.json:1: the JSON array is empty: nothing to load"_s };
    for (const QByteArray &scalar :
         { "42"_ba, "-0.0"_ba, "\"x\""_ba, "true"_ba, "null"_ba, " 12345678901234567890\n"_ba }) {
        QTest::addRow("scalar %s", scalar.trimmed().constData())
            << scalar << false << QList<QByteArray> { scalar } << QStringList();
    }
    QTest::newRow("two scalars")
        << "1 2"_ba << false << QList<QByteArray>()
        << QStringList {
               u"a.json:1: invalid JSON: missing value separator (line 1, byte offset 3)"_s
           };
    QTest::newRow("not a value")
        << "nope"_ba << false << QList<QByteArray>()
        << QStringList { u"a.json:1: invalid JSON: illegal value (line 1, byte offset 2)"_s };
}

// A .json payload file is one payload whatever its top level; splitting an array is asked for.
void TestImporter::oneFileOnePayload()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, split);
    QFETCH(QList<QByteArray>, bodies);
    QFETCH(QStringList, errors);
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"a.json"_s, { split });
    QCOMPARE(reasons(batch), errors);
    QCOMPARE(::bodies(batch), bodies);
}

void TestImporter::arrayOfPayloadsKeepsElementBytes()
{
    const ImportBatch batch = PayloadImporter::importBytes(
        "[ {\"a\": 1.50},\n  {\"b\" : [1, 2]} , \"text\", 7 ]"_ba, u"a.json"_s, { true });
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(
        bodies(batch),
        (QList<QByteArray> { "{\"a\": 1.50}"_ba, "{\"b\" : [1, 2]}"_ba, "\"text\""_ba, "7"_ba }));
}

void TestImporter::arrayMixesFixturesAndPayloads()
{
    Event fixture;
    fixture.method = "PUT"_ba;
    fixture.target = "/f"_ba;
    fixture.body = "\xff"_ba;
    const QByteArray bytes = "[\n" + toFixtureJson(fixture, u"T"_s) + ",\n{\"p\":1},\n"
        + R"({"hookscope":1,"method":"GET"})" + "\n]";
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"mix.json"_s);
    QCOMPARE(reasons(batch),
             QStringList {
                 u"mix.json:14: [2]: fixture: needs a string \"target\" or \"targetBase64\""_s });
    QCOMPARE(batch.events.size(), 2);
    QCOMPARE(batch.events[0].method, "PUT"_ba);
    QCOMPARE(batch.events[0].body, "\xff"_ba);
    QCOMPARE(batch.eventTypes, (QStringList { u"T"_s, QString() }));
    QCOMPARE(batch.events[1].body, "{\"p\":1}"_ba);
}

void TestImporter::ndjsonLines()
{
    const QByteArray bytes = "\xEF\xBB\xBF{\"a\":1}\r\n\r\n  \n{\"b\": \"x\" }\n{bad\n"
                             R"({"hookscope":1,"method":"DELETE","target":"/z","body":"q"})"
                             "\n[1,2]"_ba;
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"events.ndjson"_s);
    QCOMPARE(reasons(batch),
             QStringList { u"events.ndjson:5: invalid JSON: unterminated object at column 3"_s });
    QCOMPARE(bodies(batch),
             (QList<QByteArray> { "{\"a\":1}"_ba, "{\"b\": \"x\" }"_ba, "q"_ba, "[1,2]"_ba }));
    QCOMPARE(batch.events[2].method, "DELETE"_ba);
}

void TestImporter::ndjsonRoundTrip()
{
    QList<Event> events;
    for (int i = 1; i <= 3; ++i) {
        Event e;
        e.seq = i * 10;
        e.receivedAtMs = 1714564800000 + i;
        e.method = "POST"_ba;
        e.target = "/hooks/" + QByteArray::number(i);
        e.headers = { { "X-I"_ba, QByteArray::number(i) }, { "x-i"_ba, "dup"_ba } };
        e.body = i == 2 ? "\x00\n\xff"_ba : R"({"n":)" + QByteArray::number(i) + "}\n";
        events.append(e);
    }
    QByteArray ndjson;
    EventAnalysis analysis;
    analysis.eventType = u"BOOKING"_s;
    for (const Event &e : events)
        ndjson += toNdjsonLine(e, analysis);
    const ImportBatch batch = PayloadImporter::importBytes(ndjson, u"out.ndjson"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(batch.events[i].seq, events[i].seq);
        QCOMPARE(batch.events[i].receivedAtMs, events[i].receivedAtMs);
        QCOMPARE(batch.events[i].target, events[i].target);
        QCOMPARE(batch.events[i].headers, events[i].headers);
        QCOMPARE(batch.events[i].body, events[i].body);
        QCOMPARE(batch.eventTypes[i], u"BOOKING"_s);
    }
}

void TestImporter::fixtureFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("text body") << u"identification.json"_s;
    QTest::newRow("binary body at the epoch") << u"binary.json"_s;
    QTest::newRow("empty body") << u"empty-body.json"_s;
}

void TestImporter::fixtureFile()
{
    QFETCH(QString, name);
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/formats/fixtures/") + name);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const ImportBatch batch = PayloadImporter::importFile(file.fileName());
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 1);
    QCOMPARE(batch.events[0].sourceFile, file.fileName());
    QCOMPARE(toFixtureJson(batch.events[0], batch.eventTypes[0]), bytes);
}

void TestImporter::rawHttp()
{
    Event a;
    a.method = "POST"_ba;
    a.target = "/hooks/a?x=1"_ba;
    a.headers = { { "Host"_ba, "h"_ba },
                  { "Content-Length"_ba, "7"_ba },
                  { "x-dup"_ba, "1"_ba },
                  { "X-Dup"_ba, ""_ba } };
    a.body = "{\"a\":\n}"_ba;
    Event b = a;
    b.method = "DELETE"_ba;
    b.headers = { { "Content-Length"_ba, "0"_ba } };
    b.body.clear();
    Event c = a;
    c.headers = { { "Content-Type"_ba, "application/octet-stream"_ba } };
    c.body = "\r\n\x00\xff tail without a length"_ba;
    const QByteArray bytes = "\n" + toRawHttp(a) + "\n\n" + toRawHttp(b) + "\r\n" + toRawHttp(c);
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"requests.txt"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 3);
    for (const auto &[in, out] : { std::pair(a, batch.events[0]), std::pair(b, batch.events[1]),
                                   std::pair(c, batch.events[2]) }) {
        QCOMPARE(out.method, in.method);
        QCOMPARE(out.target, in.target);
        QCOMPARE(out.headers, in.headers);
        QCOMPARE(out.body, in.body);
    }
}

// A chunked message is de-chunked, as capture stores it, and the next message follows it.
void TestImporter::rawHttpChunked()
{
    const ImportBatch batch = PayloadImporter::importBytes(
        "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=1\r\n"
        " world\r\n0\r\n\r\nGET /next HTTP/1.1\r\nContent-Length: 0\r\n\r\n"_ba,
        u"c.http"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 2);
    QCOMPARE(batch.events[0].body, "hello world"_ba);
    QCOMPARE(batch.events[1].target, "/next"_ba);
}

void TestImporter::rawHttpFileStyle()
{
    const ImportBatch batch = PayloadImporter::importBytes(
        "PUT https://api.example.com/v1/x?y=2\nContent-Type: application/json\n\n{\"z\":1}\n"_ba,
        u"call.http"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 1);
    QCOMPARE(batch.events[0].target, "/v1/x?y=2"_ba);
    QCOMPARE(batch.events[0].body, "{\"z\":1}\n"_ba);
}

void TestImporter::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QStringList>("errors");
    QTest::newRow("empty") << QByteArray() << u"e.json"_s
                           << QStringList { u"e.json:0: empty: no JSON in the file"_s };
    QTest::newRow("whitespace") << "\xEF\xBB\xBF \n"_ba << u"e.json"_s
                                << QStringList { u"e.json:0: empty: no JSON in the file"_s };
    QTest::newRow("text")
        << "\n\nhello {"_ba << u"t.json"_s
        << QStringList {
               u"t.json:3: not JSON: expected a JSON value or an HTTP request line at byte offset 2"_s
           };
    QTest::newRow("truncated object")
        << "{\n  \"a\": [1,\n"_ba << u"p.json"_s
        << QStringList { u"p.json:3: invalid JSON: unterminated array (line 3, byte offset 13)"_s };
    QTest::newRow("bad value on line 2")
        << "{\"a\":1,\n\"b\":tru}"_ba << u"p.json"_s
        << QStringList { u"p.json:2: invalid JSON: illegal value (line 2, byte offset 13)"_s };
    QTest::newRow("garbage after a multi-line document")
        << "{\n\"a\":1\n}\nxyz"_ba << u"p.json"_s
        << QStringList {
               u"p.json:4: invalid JSON: garbage at the end of the document (line 4, byte offset 10)"_s
           };
    QTest::newRow("http bad header line")
        << "\n\nPOST / HTTP/1.1\r\nHost: h\r\nno colon here\r\n\r\n"_ba << u"r.txt"_s
        << QStringList { u"r.txt:5: HTTP request: expected a header line \"Name: value\""_s };
    QTest::newRow("http short body")
        << "POST / HTTP/1.1\nContent-Length: 10\n\nabc"_ba << u"r.txt"_s
        << QStringList {
               u"r.txt:1: HTTP request: Content-Length 10 does not match the 3 bytes that follow"_s
           };
    QTest::newRow("http second message broken")
        << "GET /a HTTP/1.1\nContent-Length: 1\n\nx\n\nnot a request line\n"_ba << u"r.txt"_s
        << QStringList {
               u"r.txt:6: HTTP request: expected a request line \"METHOD /target HTTP/1.1\""_s
           };
    // Framed by capture's RequestFramer: what capture refuses is an error here too, with the
    // line, never a phantom event.
    QTest::newRow("http Content-Length with Transfer-Encoding")
        << "GET /a HTTP/1.1\nContent-Length: 1\n\nx\n\nPOST /b HTTP/1.1\nContent-Length: 5\n"
           "Transfer-Encoding: chunked\n\n0\r\n\r\nGET /smuggled HTTP/1.1\n\n"_ba
        << u"r.http"_s
        << QStringList { u"r.http:6: HTTP request: Content-Length and Transfer-Encoding "
                         "together: the body's length is ambiguous (RFC 9112 6.3)"_s };
    QTest::newRow("http differing Content-Lengths")
        << "POST /a HTTP/1.1\nContent-Length: 1\nContent-Length: 2\n\nab"_ba << u"r.http"_s
        << QStringList { u"r.http:1: HTTP request: Content-Length is not one decimal number"_s };
    QTest::newRow("http negative Content-Length")
        << "POST /a HTTP/1.1\nContent-Length: -2\n\nab"_ba << u"r.http"_s
        << QStringList { u"r.http:1: HTTP request: Content-Length is not one decimal number"_s };
    QTest::newRow("http Transfer-Encoding not chunked")
        << "POST /a HTTP/1.1\nTransfer-Encoding: gzip\n\nab"_ba << u"r.http"_s
        << QStringList { u"r.http:1: HTTP request: Transfer-Encoding does not end with chunked, "
                         "so the body has no length"_s };
    QTest::newRow("http chunked body cut short")
        << "POST /a HTTP/1.1\nTransfer-Encoding: chunked\n\n5\r\nab"_ba << u"r.http"_s
        << QStringList { u"r.http:1: HTTP request: the chunked body ends before its last chunk"_s };
    QTest::newRow("fixture error")
        << R"({"hookscope":1,"method":"GET","target":"/","headers":5})"_ba << u"f.json"_s
        << QStringList { u"f.json:0: fixture: \"headers\" must be an array"_s };
    QTest::newRow("ndjson every bad line")
        << "{\"a\":1}\n{\"a\":\n[1,]\n{\"hookscope\":3,\"method\":\"GET\",\"target\":\"/\"}\n"_ba
        << u"x.jsonl"_s
        << QStringList {
               u"x.jsonl:2: invalid JSON: unterminated object at column 6"_s,
               u"x.jsonl:3: invalid JSON: object is missing after a comma at column 5"_s,
               u"x.jsonl:4: fixture: fixture version 3 is not supported (this build reads version 1)"_s
           };
}

void TestImporter::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, label);
    QFETCH(QStringList, errors);
    QCOMPARE(reasons(PayloadImporter::importBytes(bytes, label)), errors);
}

void TestImporter::everyPrefixIsLoadedOrReported()
{
    // Truncated files of every format: each prefix yields events or errors, never nothing.
    Event e;
    e.method = "POST"_ba;
    e.target = "/a"_ba;
    e.headers = { { "Content-Length"_ba, "9"_ba } };
    e.body = "{\"k\":[1]}"_ba;
    EventAnalysis analysis;
    Event withNul = e;
    withNul.body = QByteArray("'\0\n", 3);
    const QList<QByteArray> inputs { toFixtureJson(e, u"T"_s),
                                     toHarLog({ e, e }),
                                     toNdjsonLine(e, analysis) + toNdjsonLine(e, analysis),
                                     toRawHttp(e),
                                     "[" + toFixtureJson(e, {}) + ",{\"p\":[1,2]}]",
                                     toCurl(e, u"http://h"_s).toLatin1(),
                                     toCurl(withNul, u"http://h"_s).toLatin1() };
    for (const QByteArray &input : inputs) {
        for (qsizetype size = 0; size <= input.size(); ++size) {
            const ImportBatch batch = PayloadImporter::importBytes(input.first(size), u"cut"_s);
            QVERIFY2(!batch.events.isEmpty() || !batch.errors.isEmpty(),
                     input.first(size).constData());
            QCOMPARE(batch.eventTypes.size(), batch.events.size());
        }
    }
}

void TestImporter::randomBytesNeverCrash()
{
    QRandomGenerator generator(7);
    const QByteArray alphabet = "{}[]\",:0123456789eE.-+ \n\r\ttrufalsn\\/@hookscope"_ba;
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes(generator.bounded(1, 80), Qt::Uninitialized);
        for (char &c : bytes)
            c = round % 2 ? char(generator.bounded(256))
                          : alphabet.at(generator.bounded(int(alphabet.size())));
        const ImportBatch batch = PayloadImporter::importBytes(bytes, u"random"_s);
        QVERIFY(!batch.events.isEmpty() || !batch.errors.isEmpty());
    }
}

void TestImporter::unreadableInputs()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(u"missing.json"_s);
    QCOMPARE(reasons(PayloadImporter::importFile(missing)),
             QStringList { missing + u":0: cannot open: No such file or directory"_s });
    QCOMPARE(reasons(PayloadImporter::importFile(dir.path())),
             QStringList { dir.path() + u":0: is a folder; import its files instead"_s });
}

void TestImporter::collectFilesRecursiveNaturalOrder()
{
    const QString single = dataDir + u"/nested/readme.txt"_s;
    QCOMPARE(
        PayloadImporter::collectFiles({ single, dataDir, dataDir + u"/payload-2.json"_s }),
        (QStringList { single, dataDir + u"/nested/deeper/fixture.json"_s,
                       dataDir + u"/nested/events.ndjson"_s, dataDir + u"/nested/session.har"_s,
                       dataDir + u"/payload-2.json"_s, dataDir + u"/payload-10.json"_s }));
}

void TestImporter::importsDataFolder()
{
    QList<QByteArray> targets;
    QStringList errors;
    for (const QString &file : PayloadImporter::collectFiles({ dataDir })) {
        const ImportBatch batch = PayloadImporter::importFile(file);
        errors += reasons(batch);
        for (const Event &e : batch.events)
            targets.append(e.method + ' ' + e.target);
    }
    QCOMPARE(errors, QStringList());
    // payload-10.json, an array of two payloads, is one payload: nothing asked to split it.
    QCOMPARE(targets,
             (QList<QByteArray> { "POST /hooks/identification?attempt=1"_ba, "POST /"_ba,
                                  "POST /"_ba, "POST /hooks/card"_ba, "POST /"_ba, "POST /"_ba }));
}

void TestImporter::naturalLess_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("less");
    QTest::newRow("numbers") << u"e-2.json"_s << u"e-10.json"_s << true;
    QTest::newRow("numbers reversed") << u"e-10.json"_s << u"e-2.json"_s << false;
    QTest::newRow("text") << u"a"_s << u"b"_s << true;
    QTest::newRow("prefix") << u"a"_s << u"a1"_s << true;
    QTest::newRow("equal") << u"a1"_s << u"a1"_s << false;
    QTest::newRow("leading zero total order") << u"a01"_s << u"a1"_s << true;
    QTest::newRow("huge numbers") << u"99999999999999999999999"_s << u"1"_s << false;
}

void TestImporter::naturalLess()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, less);
    QCOMPARE(PayloadImporter::naturalLess(a, b), less);
}

void TestImporter::tenThousandFiles()
{
    QTemporaryDir dir;
    for (int i = 0; i < 10000; ++i) {
        const QString sub = dir.filePath(u"d%1"_s.arg(i / 1000));
        if (i % 1000 == 0)
            QVERIFY(QDir().mkpath(sub));
        QVERIFY(writeFile(sub + u"/event-%1.json"_s.arg(i),
                          R"({"type":"BOOKING","n":)" + QByteArray::number(i) + "}"));
    }
    QElapsedTimer timer;
    timer.start();
    const QStringList files = PayloadImporter::collectFiles({ dir.path() });
    QCOMPARE(files.size(), 10000);
    qint64 expected = 0;
    for (const QString &file : files) {
        const ImportBatch batch = PayloadImporter::importFile(file);
        QCOMPARE(batch.errors.size(), 0);
        QCOMPARE(batch.events.size(), 1);
        // Natural order: d0/event-0 .. d0/event-999, d1/event-1000, ...
        QCOMPARE(batch.events[0].body,
                 R"({"type":"BOOKING","n":)" + QByteArray::number(expected++) + "}");
    }
    qInfo("10000 files collected and imported in %lld ms", timer.elapsed());
    // A guard against a hang or quadratic collection, not a speed target (those live in
    // tests/bench/): generous enough for a sanitizer build on a busy machine (24 s seen there).
    QVERIFY(timer.elapsed() < 180'000);
}

void TestImporter::largeNdjsonStreams()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.json"_s); // no hint: detected from content
    const QByteArray line = R"({"type":"BOOKING","pad":")" + QByteArray(1000, 'x') + "\"}\n";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 60000; ++i)
            QVERIFY(file.write(line) == line.size());
    }
    const qint64 fileKiB = QFileInfo(path).size() / 1024;
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer keeps freed memory in quarantine: peak memory says nothing here");
#endif
    if (!resetPeakRss())
        QSKIP("cannot reset the peak RSS counter on this system");
    const qint64 before = peakRssKiB();
    qint64 count = 0, bytes = 0;
    PayloadImporter::streamFile(
        path, [&](Event &&e, const QString &) { ++count, bytes += e.body.size(); },
        [](ImportError &&error) { qWarning() << error.reason; });
    const qint64 streamedPeak = peakRssKiB() - before;
    QCOMPARE(count, 60000);
    QCOMPARE(bytes, qint64(line.size() - 1) * 60000);
    qInfo("%lld KiB file streamed with %lld KiB extra peak memory", fileKiB, streamedPeak);
    QVERIFY(streamedPeak < fileKiB / 4);

    QVERIFY(resetPeakRss());
    const qint64 before2 = peakRssKiB();
    const ImportBatch batch = PayloadImporter::importFile(path);
    const qint64 collectedPeak = peakRssKiB() - before2;
    QCOMPARE(batch.events.size(), 60000);
    qInfo("%lld KiB file collected with %lld KiB extra peak memory", fileKiB, collectedPeak);
    QVERIFY(collectedPeak < fileKiB * 2);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
