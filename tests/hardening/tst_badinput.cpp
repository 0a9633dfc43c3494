// Bad input end to end (DESIGN.md "Limits that matter"): each case goes over a real socket to a
// CaptureService on a loopback port, as raw bytes, so chunked, pipelined, keep-alive and broken
// connections are real. Then every part that reads an event must cope with it: the answer, the
// session file (exact bytes), the analysis (what the body is, and where JSON breaks), the JSON
// tree model, the filter, the exporters (read back), and the window.
#include "capture/captureservice.h"
#include "detailview.h"
#include "event/bodyinspector.h"
#include "event/eventsummary.h"
#include "filter/filter.h"
#include "formats/exporters.h"
#include "formats/importer.h"
#include "mainwindow.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"
#include "session/session.h"
#include "store/sessionstore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

enum class Delivery { OneWrite, KeepAlive, DisconnectMidBody };

constexpr int kNetworkTimeoutMs = 120'000; // a 10 MB body on a loaded machine under ASan

QByteArray request(const QByteArray &body, const QByteArray &extraHeaders = {},
                   const QByteArray &target = "/hooks/identification"_ba)
{
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray jsonRequest(const QByteArray &body)
{
    return request(body, "Content-Type: application/json\r\n"_ba);
}

QByteArray chunked(const QList<QByteArray> &chunks)
{
    QByteArray out = "POST /hooks/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const QByteArray &chunk : chunks)
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    return out + "0\r\n\r\n";
}

QByteArray nested(int depth, const QByteArray &open, const QByteArray &leaf,
                  const QByteArray &close)
{
    return open.repeated(depth) + leaf + close.repeated(depth);
}

QByteArray millionElementArray()
{
    QByteArray out = "[";
    for (int i = 0; i < 1'000'000; ++i)
        out += QByteArray::number(i) + ',';
    out.back() = ']';
    return out;
}

// Just under 10 MB of real-looking JSON: an array of booking-like objects.
QByteArray tenMegabyteJson()
{
    QByteArray out = R"({"type":"BOOKING","items":[)";
    for (int i = 0; out.size() < 9'990'000; ++i)
        out += R"({"id":"itm-)" + QByteArray::number(i)
            + R"(","amount":{"value":1250,"unit":"cents","currency":"EUR"},"note":"Miete"},)";
    out.back() = ']';
    return out + '}';
}

QByteArray binaryBytes()
{
    QByteArray out = "\x89PNG\r\n\x1a\n"_ba;
    for (int i = 0; i < 4096; ++i)
        out += char((i * 131 + 7) % 256);
    return out;
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

// Reads COUNT complete HTTP responses (Content-Length framed) from SOCKET.
QList<Answer> readAnswers(QTcpSocket &socket, int count)
{
    QList<Answer> answers;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (answers.size() < count && timer.elapsed() < kNetworkTimeoutMs) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = buffer.left(headEnd);
            const QRegularExpression lengthHeader(u"(?i)\r\ncontent-length:\\s*(\\d+)"_s);
            const auto match = lengthHeader.match(QString::fromLatin1(head));
            const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
            if (buffer.size() >= headEnd + 4 + length) {
                answers.append({ head.mid(9, 3).toInt(), buffer.mid(headEnd + 4, length) });
                buffer.remove(0, headEnd + 4 + length);
                continue;
            }
        }
        if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState
            && socket.bytesAvailable() == 0)
            break;
        buffer += socket.readAll();
    }
    return answers;
}

bool writeAll(QTcpSocket &socket, const QByteArray &bytes)
{
    socket.write(bytes);
    QElapsedTimer timer;
    timer.start();
    while (socket.bytesToWrite() > 0 && timer.elapsed() < kNetworkTimeoutMs)
        socket.waitForBytesWritten(200);
    return socket.bytesToWrite() == 0;
}

int statusOf(const QByteArray &requestBytes)
{
    return requestBytes.contains("Content-Length: 99999999") ? 413 : 200;
}

// The kinds as the filter language spells them (`kind == "invalid JSON"`).
QString kindLiteral(BodyKind kind)
{
    return u"\""_s + bodyKindName(kind) + u"\""_s;
}

// Opens up to BUDGET rows, depth first, so the tester sees every level it can reach.
void walk(QAbstractItemModel &model, const QModelIndex &parent, int &budget)
{
    const int rows = model.rowCount(parent);
    for (int row = 0; row < rows && budget > 0; ++row, --budget) {
        const QModelIndex index = model.index(row, 0, parent);
        model.data(index.siblingAtColumn(JsonTreeModel::ValueColumn));
        walk(model, index, budget);
    }
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void endToEnd_data();
    void endToEnd();
    void windowShowsEachKind();

private:
    QList<Answer> send(const QList<QByteArray> &writes, Delivery delivery, int answersExpected);
    QList<CapturedBatch> batches() const;
    QList<Event> storedEvents(qsizetype expected) const;
    void checkStore(const QList<Event> &events);
    void checkTree(const Event &event, const EventAnalysis &analysis);
    void checkFilter(const Event &event, const EventAnalysis &analysis);
    void checkExports(const Event &event, const EventAnalysis &analysis);

    QTemporaryDir m_dir;
    CaptureService *m_capture = nullptr;
    QSignalSpy *m_stored = nullptr;
    QString m_session;
};

void TestBadInput::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestBadInput::init()
{
    m_session = m_dir.filePath(
        u"%1-%2.hookscope"_s.arg(QString::fromLatin1(QTest::currentTestFunction()),
                                 QString::fromLatin1(QTest::currentDataTag())
                                     .replace(QRegularExpression(u"[^A-Za-z0-9]"_s), u"-"_s)));
    m_capture = new CaptureService;
    m_stored = new QSignalSpy(m_capture, &CaptureService::stored);
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_session;
    // The catalog validates every JSON body: the validator meets deep and huge input too.
    options.analyzer = std::make_shared<Analyzer>(SchemaRegistry::withBundledCatalog());
    QCOMPARE(m_capture->start(options), std::nullopt);
}

void TestBadInput::cleanup()
{
    delete m_stored;
    delete m_capture;
    m_stored = nullptr;
    m_capture = nullptr;
}

void TestBadInput::endToEnd_data()
{
    QTest::addColumn<QList<QByteArray>>("writes"); // each a separate write (or connection)
    QTest::addColumn<int>("delivery");
    QTest::addColumn<QList<QByteArray>>("bodies"); // the events expected, in order
    QTest::addColumn<int>("kind"); // BodyKind of the first event
    QTest::addColumn<QString>("parseError"); // contained in the parse error, or empty
    QTest::addColumn<qint64>("errorOffset"); // byte offset of the parse error, or -1

    const auto one = [](const char *tag, const QByteArray &requestBytes, const QByteArray &body,
                        BodyKind kind, const QString &error = {}, qint64 offset = -1) {
        QTest::newRow(tag) << QList<QByteArray> { requestBytes } << int(Delivery::OneWrite)
                           << QList<QByteArray> { body } << int(kind) << error << offset;
    };
    const QByteArray invalid = R"({"id": "x", "status": })"_ba;
    one("invalid JSON", jsonRequest(invalid), invalid, BodyKind::InvalidJson,
        u"a value was expected"_s, 22); // at the byte that breaks it
    // Qt puts this error one byte past the end; the offset shown must stay inside the body.
    const QByteArray cutOff = R"({"status":"fail)"_ba;
    one("JSON cut off in a string", jsonRequest(cutOff), cutOff, BodyKind::InvalidJson,
        u"the JSON text ends inside a string"_s, cutOff.size());
    const QByteArray latin1 = "{\"name\":\"M\xfcller\"}"_ba;
    one("invalid UTF-8 in JSON", jsonRequest(latin1), latin1, BodyKind::InvalidJson,
        u"invalid UTF-8 in a string"_s, 10);
    const QByteArray latin1Text = "caf\xe9 au lait"_ba;
    one("invalid UTF-8 text", request(latin1Text, "Content-Type: text/plain\r\n"_ba), latin1Text,
        BodyKind::Binary);
    one("binary", request(binaryBytes(), "Content-Type: image/png\r\n"_ba), binaryBytes(),
        BodyKind::Binary);
    one("empty body", jsonRequest({}), {}, BodyKind::Empty);
    one("no body, no length", "GET /hooks HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba, {},
        BodyKind::Empty);
    one("10 MB JSON", jsonRequest(tenMegabyteJson()), tenMegabyteJson(), BodyKind::Json);
    const QByteArray deepArrays = nested(10'000, "["_ba, "1"_ba, "]"_ba);
    one("10,000-deep arrays", jsonRequest(deepArrays), deepArrays, BodyKind::InvalidJson,
        u"nests deeper than 1024 levels"_s, 1024);
    const QByteArray deepObjects = nested(10'000, R"({"a":)"_ba, "1"_ba, "}"_ba);
    one("10,000-deep objects", jsonRequest(deepObjects), deepObjects, BodyKind::InvalidJson,
        u"nests deeper than 1024 levels"_s, 5 * 1024);
    // 1,000 levels (500 objects, 500 arrays), near the deepest JSON that parses (1,024 in Qt):
    // the tree, validator, filter and exporters all meet it.
    const QByteArray deepValid = nested(500, R"({"id":"x","data":[)"_ba, "1"_ba, "]}"_ba);
    one("1,000-deep valid JSON", jsonRequest(deepValid), deepValid, BodyKind::Json);
    one("1,000,000-element array", jsonRequest(millionElementArray()), millionElementArray(),
        BodyKind::Json);
    const QByteArray duplicates = R"({"status":"successful","status":"failed","id":"a","id":7})"_ba;
    one("duplicate keys", jsonRequest(duplicates), duplicates, BodyKind::Json);
    const QByteArray bigNumbers =
        R"({"big":123456789012345678901234567890,"max":1.7976931348623157e308,"tiny":4.9e-324,"neg":-0})"_ba;
    one("huge numbers", jsonRequest(bigNumbers), bigNumbers, BodyKind::Json);
    // RFC 8259 lets a parser limit the range of numbers; Qt refuses what a double cannot hold.
    const QByteArray outOfRange = R"({"amount":{"value":1e400}})"_ba;
    // JSON allows any number; it is kept exactly as sent (1e400), not refused (issue 14).
    one("number beyond double", jsonRequest(outOfRange), outOfRange, BodyKind::Json);
    const QByteArray seed = R"({"id":"9dfe2f4e","status":"successful"})"_ba;
    one("JSON sent as text/plain", request(seed, "Content-Type: text/plain\r\n"_ba), seed,
        BodyKind::Json);
    one("JSON without content type", request(seed), seed, BodyKind::Json);
    one("binary sent as JSON", jsonRequest(binaryBytes()), binaryBytes(), BodyKind::Binary);
    const QByteArray form = "a=1&b=%C3%BC&c"_ba;
    one("form body", request(form, "Content-Type: application/x-www-form-urlencoded\r\n"_ba), form,
        BodyKind::Text);
    one("chunked", chunked({ R"({"id":)"_ba, R"("x","status")"_ba, R"(:"failed"})"_ba }),
        R"({"id":"x","status":"failed"})"_ba, BodyKind::Json);
    one("over the body limit",
        request({}, "Content-Length: 99999999\r\n"_ba).replace("Content-Length: 0\r\n", ""), {},
        BodyKind::Empty);

    const QList<QByteArray> three { jsonRequest(R"({"n":1})"), request("second"_ba),
                                    jsonRequest(R"({"n":)") };
    const QList<QByteArray> threeBodies { R"({"n":1})"_ba, "second"_ba, R"({"n":)"_ba };
    QTest::newRow("pipelined") << QList<QByteArray> { three.join() } << int(Delivery::OneWrite)
                               << threeBodies << int(BodyKind::Json) << QString() << qint64(-1);
    QTest::newRow("keep-alive") << three << int(Delivery::KeepAlive) << threeBodies
                                << int(BodyKind::Json) << QString() << qint64(-1);
    // The first connection sends half its body and goes away; the next request must still be
    // captured, and nothing half-received may appear as if it were whole.
    const QByteArray half = request(R"({"never":"finished"})"_ba).chopped(8);
    QTest::newRow("disconnect mid-body")
        << QList<QByteArray> { half, jsonRequest(seed) } << int(Delivery::DisconnectMidBody)
        << QList<QByteArray> { seed } << int(BodyKind::Json) << QString() << qint64(-1);
}

QList<Answer> TestBadInput::send(const QList<QByteArray> &writes, Delivery delivery,
                                 int answersExpected)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_capture->port());
    if (!socket.waitForConnected(kNetworkTimeoutMs))
        return {};
    if (delivery == Delivery::DisconnectMidBody) {
        writeAll(socket, writes.first());
        socket.abort();
        QTcpSocket next;
        next.connectToHost(QHostAddress::LocalHost, m_capture->port());
        if (!next.waitForConnected(kNetworkTimeoutMs) || !writeAll(next, writes.at(1)))
            return {};
        return readAnswers(next, answersExpected);
    }
    if (delivery == Delivery::OneWrite) {
        writeAll(socket, writes.first());
        return readAnswers(socket, answersExpected);
    }
    QList<Answer> answers;
    for (const QByteArray &bytes : writes) {
        if (socket.state() != QAbstractSocket::ConnectedState)
            break; // keep-alive broken: the missing answers fail the test
        writeAll(socket, bytes);
        answers += readAnswers(socket, 1);
    }
    return answers;
}

QList<CapturedBatch> TestBadInput::batches() const
{
    QList<CapturedBatch> out;
    for (const QList<QVariant> &arguments : std::as_const(*m_stored))
        out.append(arguments.at(0).value<CapturedBatch>());
    return out;
}

QList<Event> TestBadInput::storedEvents(qsizetype expected) const
{
    QList<Event> events;
    const auto arrived = [&] {
        events.clear();
        for (const CapturedBatch &batch : batches())
            events += batch.events;
        return events.size() >= expected;
    };
    if (!QTest::qWaitFor(arrived, kNetworkTimeoutMs))
        qWarning("only %lld of %lld events arrived", qint64(events.size()), qint64(expected));
    return events;
}

void TestBadInput::endToEnd()
{
    QFETCH(QList<QByteArray>, writes);
    QFETCH(int, delivery);
    QFETCH(QList<QByteArray>, bodies);
    QFETCH(int, kind);
    QFETCH(QString, parseError);
    QFETCH(qint64, errorOffset);

    const QList<Answer> answers = send(writes, Delivery(delivery), int(bodies.size()));
    QCOMPARE(answers.size(), bodies.size());
    for (const Answer &answer : answers)
        QCOMPARE(answer.status, statusOf(writes.last()));

    const QList<Event> events = storedEvents(bodies.size());
    QTest::qWait(200); // anything extra (a half-received request) would arrive by now
    QCOMPARE(batches().size() > 0, true);
    QList<EventAnalysis> analyses;
    QList<Event> all;
    for (const CapturedBatch &batch : batches()) {
        all += batch.events;
        analyses += batch.analyses;
    }
    QCOMPARE(all.size(), bodies.size()); // none lost, none invented
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(all.at(i).body, bodies.at(i));
    checkStore(all);

    const EventAnalysis &analysis = analyses.first();
    QCOMPARE(bodyKindName(analysis.bodyKind), bodyKindName(BodyKind(kind)));
    QVERIFY2(analysis.parseError.contains(parseError), qPrintable(analysis.parseError));
    QCOMPARE(analysis.parseErrorOffset, errorOffset);
    for (qsizetype i = 0; i < all.size(); ++i) {
        checkTree(all.at(i), analyses.at(i));
        checkFilter(all.at(i), analyses.at(i));
        checkExports(all.at(i), analyses.at(i));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestBadInput::checkStore(const QList<Event> &events)
{
    SessionStore reader;
    QVERIFY(reader.open(m_session));
    QCOMPARE(reader.count(), events.size());
    for (const Event &event : events) {
        const std::optional<Event> stored = reader.load(event.seq);
        QVERIFY(stored);
        QCOMPARE(stored->body, event.body);
        QCOMPARE(stored->headers, event.headers);
        QCOMPARE(stored->response.status, event.response.status);
    }
}

void TestBadInput::checkTree(const Event &event, const EventAnalysis &analysis)
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const BodyInspection inspection = BodyInspector::inspect(event);
    model.setDocument(inspection.document, analysis.violations); // as the window shows it
    // Members as sent, duplicates included: the tree shows each one.
    qsizetype members = 0;
    if (const JsonDocument *document = inspection.document.get();
        document && document->isContainer(0)) {
        for (int child = document->firstChild(0); child >= 0; child = document->nextSibling(child))
            ++members;
    }
    const qsizetype missingRows =
        std::count_if(analysis.violations.cbegin(), analysis.violations.cend(),
                      [](const Violation &v) { return v.keyword == u"required"_s; });
    if (members <= JsonTree::kGroupSize)
        QVERIFY(model.rowCount() >= members && model.rowCount() <= members + missingRows);
    else
        QCOMPARE(model.rowCount(), (members + JsonTree::kGroupSize - 1) / JsonTree::kGroupSize);
    int budget = 3000;
    walk(model, {}, budget);
}

void TestBadInput::checkFilter(const Event &event, const EventAnalysis &analysis)
{
    const EventSummary summary = EventSummary::from(event, analysis);
    const auto kindFilter = Filter::compile(u"kind == "_s + kindLiteral(analysis.bodyKind));
    QVERIFY(std::holds_alternative<Filter>(kindFilter));
    QVERIFY(std::get<Filter>(kindFilter).matches(summary, &event));
    for (const QString &expression :
         { u"json.items[*].amount.value >= 1000"_s, u"json.status == \"failed\""_s,
           u"json.data[0].data[0] == 1"_s, u"body contains \"M\u00fcller\""_s, u"\"never\""_s,
           u"json == 1 || !json"_s, u"size > 1MB && valid"_s }) {
        const auto filter = Filter::compile(expression);
        QVERIFY2(std::holds_alternative<Filter>(filter), qPrintable(expression));
        std::get<Filter>(filter).matches(summary, &event); // must return, whatever the body
    }
}

void TestBadInput::checkExports(const Event &event, const EventAnalysis &analysis)
{
    const QByteArray fixture = toFixtureJson(event, analysis.eventType);
    const QByteArray har = toHarLog({ event });
    const QByteArray curl = toCurl(event, u"http://127.0.0.1:8080"_s).toLatin1();
    const QByteArray ndjson = toNdjsonLine(event, analysis);
    for (const auto &[bytes, label] :
         { std::pair { fixture, u"event.json"_s }, std::pair { har, u"session.har"_s },
           std::pair { curl, u"pasted"_s }, std::pair { ndjson, u"events.ndjson"_s } }) {
        const ImportBatch batch = PayloadImporter::importBytes(bytes, label);
        QVERIFY2(batch.errors.isEmpty(),
                 qPrintable(label + u": "_s + batch.errors.value(0).reason));
        QCOMPARE(batch.events.size(), 1);
        QVERIFY2(batch.events.first().body == event.body, qPrintable(label));
        QCOMPARE(batch.events.first().method, event.method);
    }
    toJsonBody(event); // re-indents valid JSON, passes anything else through
}

// The window: each kind of body appears as a row and its detail says what it is.
void TestBadInput::windowShowsEachKind()
{
    Session session(m_capture);
    MainWindow window(&session);
    QAbstractItemModelTester tester(window.tableView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<std::pair<QByteArray, QString>> cases {
        { R"({"id": "x", "status": })"_ba, u"invalid JSON body"_s },
        { binaryBytes(), u"binary body"_s },
        { QByteArray(), u"empty body"_s },
        // Declared JSON by its Content-Type, so words that do not parse are broken JSON (issue 14).
        { "plain words"_ba, u"invalid JSON body"_s },
        { nested(10'000, "["_ba, "1"_ba, "]"_ba), u"invalid JSON body"_s },
        { "{\"name\":\"M\xfcller\"}"_ba, u"invalid JSON body"_s },
        { tenMegabyteJson(), u"IDENTIFICATION"_s },
        { millionElementArray(), u"IDENTIFICATION"_s }, // last: its tree is checked below
    };
    for (const auto &[body, shown] : cases) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_capture->port());
        QVERIFY(socket.waitForConnected(kNetworkTimeoutMs));
        QVERIFY(writeAll(socket, jsonRequest(body)));
        QCOMPARE(readAnswers(socket, 1).size(), 1);
    }
    // How long the window's thread went without turning its event loop while it showed the rows
    // and each event's detail (the requests above blocked it themselves): printed, not asserted,
    // since a loaded machine decides the figure, not the code.
    QElapsedTimer sinceTick;
    qint64 longestStallMs = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this,
            [&] { longestStallMs = qMax(longestStallMs, sinceTick.restart()); });
    sinceTick.start();
    ticker.start(5);
    QTableView *table = window.tableView();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), cases.size(), kNetworkTimeoutMs);
    for (int row = 0; row < int(cases.size()); ++row) {
        table->selectRow(row);
        const qint64 seq = table->model()->index(row, 0).data(ModelRoles::SeqRole).toLongLong();
        QVERIFY(seq >= 1 && seq <= cases.size());
        const QString shown = cases.at(seq - 1).second;
        const auto showsIt = [&] {
            const QList<QLabel *> labels = window.detailView()->findChildren<QLabel *>();
            return std::any_of(labels.cbegin(), labels.cend(), [&](QLabel *label) {
                return label->text().contains(u"#%1 "_s.arg(seq)) && label->text().contains(shown);
            });
        };
        QTRY_VERIFY2_WITH_TIMEOUT(showsIt(), qPrintable(shown), kNetworkTimeoutMs);
        if (seq == cases.size()) // the million-element array: a thousand range groups
            QTRY_COMPARE_WITH_TIMEOUT(window.detailView()->fieldsModel()->rowCount(), 1000,
                                      kNetworkTimeoutMs);
    }
    qInfo("longest time the window thread did not turn its event loop: %lld ms", longestStallMs);
}

QTEST_MAIN(TestBadInput)
#include "tst_badinput.moc"
