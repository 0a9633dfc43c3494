#include "http/requestframer.h"

#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(CaptureLimits)

namespace {
using Phase = RequestFramer::Phase;

// How bytes reach the framer: all at once, in two pieces, or one byte at a time; bodies either
// fed or skipped unseen, the way ConnectionTap passes them.
enum class BodyBytes { Fed, Skipped };

struct Framed
{
    QByteArrayList lines; // "METHOD TARGET" of each completed request
    std::optional<RequestFramer::Refusal> refusal;
    QByteArray current; // "METHOD TARGET" of the request in progress or refused
    Phase phase = Phase::Start;
    bool tookEverything = true; // until a refusal, every byte offered was taken
};

QByteArray joined(const RequestFramer::RequestLine &line)
{
    if (line.method.isEmpty() && line.target.isEmpty())
        return {};
    return line.method + ' ' + line.target;
}

// Offers one piece; returns false once the framer stops taking bytes.
bool offer(RequestFramer &framer, QByteArrayView piece, BodyBytes body)
{
    qsizetype at = 0;
    while (at < piece.size() && !framer.refusal()) {
        const qint64 taken = body == BodyBytes::Skipped && framer.inBodyData()
            ? framer.skipBody(piece.size() - at)
            : framer.feed(piece.sliced(at));
        if (taken <= 0)
            return false;
        at += taken;
    }
    return at == piece.size() || framer.refusal();
}

// Frames bytes cut before each offset in cuts.
Framed frame(const QByteArray &bytes, const QList<qsizetype> &cuts, const CaptureLimits &limits,
             BodyBytes body = BodyBytes::Fed)
{
    RequestFramer framer(limits);
    Framed framed;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= cuts.size() && !framer.refusal(); ++i) {
        const qsizetype end = i < cuts.size() ? cuts.at(i) : bytes.size();
        framed.tookEverything &=
            offer(framer, QByteArrayView(bytes).sliced(start, end - start), body);
        for (const RequestFramer::RequestLine &line : framer.takeCompleted())
            framed.lines.append(joined(line));
        start = end;
    }
    framed.refusal = framer.refusal();
    framed.current = joined(framer.current());
    framed.phase = framer.phase();
    return framed;
}

QList<qsizetype> everyByte(qsizetype size)
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < size; ++i)
        cuts.append(i);
    return cuts;
}

CaptureLimits limits(qint64 maxBody = 10 * 1024 * 1024, int maxHeaders = 100,
                     qint64 maxHead = 64 * 1024, qint64 maxTarget = 8 * 1024)
{
    CaptureLimits limits;
    limits.maxBodyBytes = maxBody;
    limits.maxHeaderCount = maxHeaders;
    limits.maxHeadBytes = maxHead;
    limits.maxTargetBytes = maxTarget;
    return limits;
}

QByteArray refusalText(const std::optional<RequestFramer::Refusal> &refusal)
{
    if (!refusal)
        return "none"_ba;
    return QByteArray::number(refusal->status) + ' ' + refusal->reason.toByteArray() + ": "
        + refusal->detail;
}
} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requests_data();
    void requests();
    void requestsSplitAtEveryByte_data() { requests_data(); }
    void requestsSplitAtEveryByte();
    void pipelined_data();
    void pipelined();
    void deadlinesStartWithTheHeadAndTheBody();
    void bodyBytesCanBeSkippedUnseen();
    void refusals_data();
    void refusals();
    void refusalsSplitAtEveryByte_data() { refusals_data(); }
    void refusalsSplitAtEveryByte();
    void refusedRequestKeepsItsHead();
    void nothingIsTakenAfterARefusal();
    void connectionOptions_data();
    void connectionOptions();
    void nothingIsFramedAfterAClosingRequest();
    void expectContinueUntilTheBody();
    void feedPartStopsAtEachBoundary();
};

void TestRequestFramer::requests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<qint64>("body");

    QTest::newRow("GET, no body") << "GET /hook?a=1 HTTP/1.1\r\nHost: h\r\n\r\n"_ba
                                  << "GET /hook?a=1"_ba << 0LL;
    QTest::newRow("HTTP/1.0 keep-alive") // without keep-alive it closes: connectionOptions()
        << "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba
        << "GET /"_ba << 0LL;
    QTest::newRow("bare LF line ends") << "GET /lf HTTP/1.1\nHost: h\n\n"_ba
                                       << "GET /lf"_ba << 0LL;
    QTest::newRow("empty lines before the request (RFC 9112 2.2)")
        << "\r\n\r\nGET /late HTTP/1.1\r\n\r\n"_ba
        << "GET /late"_ba << 0LL;
    QTest::newRow("runs of spaces in the request line") << "GET   /spaced   HTTP/1.1\r\n\r\n"_ba
                                                        << "GET /spaced"_ba << 0LL;
    QTest::newRow("method and target exactly as sent")
        << "PROPFIND /a%20b/c?x=1&y=%2F HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody"_ba
        << "PROPFIND /a%20b/c?x=1&y=%2F"_ba << 4LL;
    QTest::newRow("Content-Length body")
        << "POST /p HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
           "{\"id\":\"e-1\"}\n"_ba
        << "POST /p"_ba << 13LL;
    QTest::newRow("Content-Length: 0") << "POST /z HTTP/1.1\r\ncontent-length:0\r\n\r\n"_ba
                                       << "POST /z"_ba << 0LL;
    QTest::newRow("Content-Length repeated with one value")
        << "POST /r HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"_ba
        << "POST /r"_ba << 2LL;
    QTest::newRow("chunked")
        << "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n"
           "0\r\n\r\n"_ba
        << "POST /c"_ba << 11LL;
    QTest::newRow("chunked with extensions and upper-case hex")
        << "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
           "A;name=value;q=\"1\"\r\n0123456789\r\n1 ; ext\r\n!\r\n0;last\r\n\r\n"_ba
        << "POST /x"_ba << 11LL;
    QTest::newRow("gzip, chunked: chunked ends the codings")
        << "POST /g HTTP/1.1\r\ntransfer-encoding: gzip, Chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n"_ba
        << "POST /g"_ba << 2LL;
    QTest::newRow("body holding CRLFs and a request line")
        << "POST /b HTTP/1.1\r\nContent-Length: 20\r\n\r\nGET /no HTTP/1.1\r\n\r\n"_ba
        << "POST /b"_ba << 20LL;
}

void TestRequestFramer::requests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, line);
    QFETCH(qint64, body);
    RequestFramer framer(limits());
    QCOMPARE(framer.feed(bytes), qint64(bytes.size()));
    QCOMPARE(refusalText(framer.refusal()), "none"_ba);
    const QList<RequestFramer::RequestLine> lines = framer.takeCompleted();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(joined(lines.first()), line);
    QCOMPARE(framer.bodyReceived(), body);
    QCOMPARE(framer.phase(), Phase::Start);
    QVERIFY(framer.head().isEmpty()); // ready for the next request
    QVERIFY(framer.takeCompleted().isEmpty());
}

void TestRequestFramer::requestsSplitAtEveryByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, line);
    for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
        const Framed framed = frame(bytes, { cut }, limits());
        QVERIFY2(framed.tookEverything, QByteArray::number(cut).constData());
        QCOMPARE(framed.lines, QByteArrayList { line });
        QCOMPARE(framed.phase, Phase::Start);
    }
    for (const BodyBytes body : { BodyBytes::Fed, BodyBytes::Skipped }) {
        const Framed framed = frame(bytes, everyByte(bytes.size()), limits(), body);
        QVERIFY(framed.tookEverything);
        QCOMPARE(refusalText(framed.refusal), "none"_ba);
        QCOMPARE(framed.lines, QByteArrayList { line });
    }
}

void TestRequestFramer::pipelined_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<QByteArray>("inProgress");

    QTest::newRow("three kinds of framing")
        << "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
           "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"_ba
        << QByteArrayList { "GET /1"_ba, "POST /2"_ba, "POST /3"_ba } << QByteArray();
    QTest::newRow("CRLF between requests is ignored")
        << "GET /a HTTP/1.1\r\n\r\n\r\nGET /b HTTP/1.1\r\n\r\n"_ba
        << QByteArrayList { "GET /a"_ba, "GET /b"_ba } << QByteArray();
    QTest::newRow("last one still arriving")
        << "DELETE /x HTTP/1.1\r\n\r\nPUT /y HTTP/1.1\r\nContent-Length: 10\r\n\r\nhalf"_ba
        << QByteArrayList { "DELETE /x"_ba } << "PUT /y"_ba;
}

void TestRequestFramer::pipelined()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArrayList, lines);
    QFETCH(QByteArray, inProgress);
    const QList<QList<qsizetype>> cutsList { {}, everyByte(bytes.size()) };
    for (const QList<qsizetype> &cuts : cutsList) {
        const Framed framed = frame(bytes, cuts, limits());
        QVERIFY(framed.tookEverything);
        QCOMPARE(refusalText(framed.refusal), "none"_ba);
        QCOMPARE(framed.lines, lines);
        QCOMPARE(framed.current, inProgress);
    }
}

void TestRequestFramer::deadlinesStartWithTheHeadAndTheBody()
{
    RequestFramer framer(limits());
    QCOMPARE(framer.feed("\r\n"), qint64(2));
    QCOMPARE(framer.phase(), Phase::Start); // empty lines start nothing
    QCOMPARE(framer.deadlinesStarted(), quint64(0));
    framer.feed("POST /d HTTP/1.1\r\n");
    QCOMPARE(framer.phase(), Phase::Head);
    QVERIFY(framer.requestLineDone());
    QCOMPARE(framer.deadlinesStarted(), quint64(1));
    framer.feed("Content-Length: 5\r\n");
    QCOMPARE(framer.deadlinesStarted(), quint64(1)); // one deadline for the whole head
    framer.feed("\r\nab");
    QCOMPARE(framer.phase(), Phase::Body);
    QCOMPARE(framer.deadlinesStarted(), quint64(2));
    QCOMPARE(framer.bodyReceived(), qint64(2));
    QCOMPARE(joined(framer.current()), "POST /d"_ba);
    QVERIFY(framer.takeCompleted().isEmpty());
    framer.feed("cdeGET /next HTTP/1.1\r\n");
    QCOMPARE(framer.takeCompleted().size(), 1);
    QCOMPARE(framer.phase(), Phase::Head);
    QVERIFY(framer.requestLineDone());
    QCOMPARE(framer.deadlinesStarted(), quint64(3));
}

void TestRequestFramer::bodyBytesCanBeSkippedUnseen()
{
    RequestFramer framer(limits());
    QCOMPARE(framer.skipBody(4), qint64(0)); // no body in progress
    framer.feed("POST /s HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n");
    QVERIFY(framer.inBodyData());
    QCOMPARE(framer.skipBody(100), qint64(4)); // only the chunk's own bytes
    QCOMPARE(framer.phase(), Phase::ChunkEnd);
    QVERIFY(!framer.inBodyData());
    framer.feed("\r\n0\r\n\r\n");
    QCOMPARE(framer.takeCompleted().size(), 1);
    QCOMPARE(framer.bodyReceived(), qint64(4));
}

void TestRequestFramer::refusals_data()
{
    QTest::addColumn<CaptureLimits>("limits");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("refusal");
    QTest::addColumn<QByteArray>("recordedAs"); // empty: no request line to record it by

    const auto badRequest = [](const char *detail) -> QByteArray {
        return "400 Bad Request: "_ba + detail;
    };
    QTest::newRow("TLS handshake")
        << limits() << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba
        << badRequest("the request does not start with an HTTP method") << QByteArray();
    QTest::newRow("method not a token")
        << limits() << "GE(T / HTTP/1.1\r\n\r\n"_ba
        << badRequest("the request does not start with an HTTP method") << QByteArray();
    QTest::newRow("no version") << limits() << "GET /\r\n\r\n"_ba
                                << badRequest("the request line is not METHOD TARGET HTTP-VERSION")
                                << QByteArray();
    QTest::newRow("space in target")
        << limits() << "GET /a b HTTP/1.1\r\n\r\n"_ba
        << badRequest("the request line is not METHOD TARGET HTTP-VERSION") << QByteArray();
    QTest::newRow("control character in target")
        << limits() << "GET /a\x01 HTTP/1.1\r\n\r\n"_ba
        << badRequest("the request target contains spaces or control characters")
        << "GET /a\x01"_ba;
    QTest::newRow("not a version")
        << limits() << "GET / HTTPS/1.1\r\n\r\n"_ba
        << badRequest("the request line does not end with HTTP/1.1") << "GET /"_ba;
    QTest::newRow("header without colon")
        << limits() << "POST / HTTP/1.1\r\nBroken\r\n\r\n"_ba
        << badRequest("a header line is not NAME: VALUE") << "POST /"_ba;
    QTest::newRow("space before colon (RFC 9112 5.1)")
        << limits() << "POST / HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello"_ba
        << badRequest("a header line is not NAME: VALUE") << "POST /"_ba;
    QTest::newRow("folded header")
        << limits() << "POST / HTTP/1.1\r\nA: 1\r\n 2\r\n\r\n"_ba
        << badRequest("a header line is folded (starts with whitespace)") << "POST /"_ba;
    QTest::newRow("Content-Length not a number")
        << limits() << "POST / HTTP/1.1\r\nContent-Length: 5x\r\n\r\nhello"_ba
        << badRequest("Content-Length is not one decimal number") << "POST /"_ba;
    QTest::newRow("Content-Length twice, differing")
        << limits() << "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"_ba
        << badRequest("Content-Length is not one decimal number") << "POST /"_ba;
    // RFC 9112 6.3: the request smuggling vector; refused rather than framed either way.
    QTest::newRow("Content-Length then Transfer-Encoding")
        << limits()
        << "POST /w HTTP/1.1\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n"
           "3\r\nabc\r\n0\r\n\r\n"_ba
        << badRequest("Content-Length and Transfer-Encoding together: the body's length is "
                      "ambiguous (RFC 9112 6.3)")
        << "POST /w"_ba;
    QTest::newRow("Transfer-Encoding then Content-Length: 0")
        << limits()
        << "POST /w HTTP/1.1\r\nTransfer-Encoding: chunked\r\ncontent-length: 0\r\n\r\n"
           "0\r\n\r\n"_ba
        << badRequest("Content-Length and Transfer-Encoding together: the body's length is "
                      "ambiguous (RFC 9112 6.3)")
        << "POST /w"_ba;
    QTest::newRow("transfer coding without chunked")
        << limits() << "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx"_ba
        << badRequest("Transfer-Encoding does not end with chunked, so the body has no length")
        << "POST /"_ba;
    QTest::newRow("chunk size not hex")
        << limits() << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba
        << badRequest("a chunk does not start with its size in hex") << "POST /"_ba;
    QTest::newRow("chunk longer than its size")
        << limits() << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n"_ba
        << badRequest("a chunk is longer than its declared size") << "POST /"_ba;
    QTest::newRow("chunk size line over 1024 bytes")
        << limits()
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;"_ba
                      + QByteArray(2000, 'e') + "\r\n"_ba)
        << badRequest("a chunk size line is longer than 1024 bytes") << "POST /"_ba;
    QTest::newRow("trailer fields")
        << limits()
        << "POST /t HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Sum: 1\r\n\r\n"_ba
        << badRequest("trailer fields after a chunked body are not supported") << "POST /t"_ba;
    QTest::newRow("413 declared")
        << limits(10) << "POST /big HTTP/1.1\r\nContent-Length: 11\r\n\r\n"_ba
        << "413 Payload Too Large: the body is larger than 10 bytes (--max-body)"_ba
        << "POST /big"_ba;
    QTest::newRow("413 as chunks arrive")
        << limits(10)
        << "POST /s HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\nghijk\r\n"_ba
        << "413 Payload Too Large: the chunked body is larger than 10 bytes (--max-body)"_ba
        << "POST /s"_ba;
    QTest::newRow("414 target over --max-target")
        << limits(10, 100, 64 * 1024, 8) << "GET /123456789 HTTP/1.1\r\n\r\n"_ba
        << "414 URI Too Long: the request target is longer than 8 bytes (--max-target)"_ba
        << "GET /1234567"_ba;
    QTest::newRow("414 target still arriving")
        << limits(10, 100, 64 * 1024, 8) << QByteArray("GET /"_ba + QByteArray(100, 't'))
        << "414 URI Too Long: the request target is longer than 8 bytes (--max-target)"_ba
        << "GET /ttttttt"_ba;
    QTest::newRow("414 request line over --max-head")
        << limits(10, 100, 100)
        << QByteArray("GET /"_ba + QByteArray(200, 'l') + " HTTP/1.1\r\n\r\n"_ba)
        << "414 URI Too Long: the request line is longer than 100 bytes (--max-head)"_ba
        << QByteArray();
    QTest::newRow("431 head over --max-head")
        << limits(10, 100, 100)
        << QByteArray("POST /h HTTP/1.1\r\nHost: h\r\nX-Pad: "_ba + QByteArray(100, 'p')
                      + "\r\n\r\n"_ba)
        << "431 Request Header Fields Too Large: the request line and headers are longer than 100 "
           "bytes (--max-head)"_ba
        << "POST /h"_ba;
    QTest::newRow("431 headers over --max-headers")
        << limits(10, 2) << "POST /n HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"_ba
        << "431 Request Header Fields Too Large: more than 2 header lines (--max-headers)"_ba
        << "POST /n"_ba;
    QTest::newRow("505 other HTTP version")
        << limits() << "GET / HTTP/2.0\r\n\r\n"_ba
        << "505 HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1 are served"_ba
        << "GET /"_ba;
    QTest::newRow("second of two pipelined")
        << limits() << "GET /ok HTTP/1.1\r\n\r\nGET /bad HTTP/3.0\r\n\r\n"_ba
        << "505 HTTP Version Not Supported: only HTTP/1.0 and HTTP/1.1 are served"_ba
        << "GET /bad"_ba;
}

void TestRequestFramer::refusals()
{
    QFETCH(CaptureLimits, limits);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, refusal);
    QFETCH(QByteArray, recordedAs);
    const Framed framed = frame(bytes, {}, limits);
    QCOMPARE(refusalText(framed.refusal), refusal);
    QCOMPARE(framed.current, recordedAs);
    QCOMPARE(framed.phase, Phase::Refused);
    // What came before the refused request was framed; the refused one never completes.
    QCOMPARE(framed.lines.contains(recordedAs), false);
}

void TestRequestFramer::refusalsSplitAtEveryByte()
{
    QFETCH(CaptureLimits, limits);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, refusal);
    QFETCH(QByteArray, recordedAs);
    for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
        const Framed framed = frame(bytes, { cut }, limits);
        QVERIFY2(refusalText(framed.refusal) == refusal, QByteArray::number(cut).constData());
        QCOMPARE(framed.current, recordedAs);
    }
    for (const BodyBytes body : { BodyBytes::Fed, BodyBytes::Skipped }) {
        const Framed framed = frame(bytes, everyByte(bytes.size()), limits, body);
        QCOMPARE(refusalText(framed.refusal), refusal);
        QCOMPARE(framed.current, recordedAs);
    }
}

void TestRequestFramer::refusedRequestKeepsItsHead()
{
    const QByteArray head = "POST /big HTTP/1.1\r\nX-Id: 7\r\nContent-Length:  11 \r\n\r\n"_ba;
    RequestFramer framer(limits(10));
    framer.feed(QByteArray(head + "hello world"_ba));
    QCOMPARE(framer.refusal()->status, 413);
    QCOMPARE(framer.head(), head);
    const HeaderList expected { { "X-Id"_ba, "7"_ba }, { "Content-Length"_ba, "11"_ba } };
    QCOMPARE(framer.headers(), expected);
}

void TestRequestFramer::nothingIsTakenAfterARefusal()
{
    RequestFramer framer(limits());
    framer.feed("GET / HTTP/9.9\r\n");
    QCOMPARE(framer.refusal()->status, 505);
    QCOMPARE(framer.feed("GET / HTTP/1.1\r\n\r\n"), qint64(0));
    QVERIFY(framer.takeCompleted().isEmpty());
    QCOMPARE(framer.refusal()->status, 505);
}

void TestRequestFramer::connectionOptions_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("close");
    QTest::addColumn<bool>("upgrade");
    QTest::newRow("HTTP/1.1") << "GET / HTTP/1.1\r\n\r\n"_ba << false << false;
    QTest::newRow("HTTP/1.1 close")
        << "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"_ba << true << false;
    QTest::newRow("close among options")
        << "GET / HTTP/1.1\r\nconnection: TE,  CLOSE \r\n\r\n"_ba << true << false;
    QTest::newRow("closed is not close")
        << "GET / HTTP/1.1\r\nConnection: closed\r\n\r\n"_ba << false << false;
    QTest::newRow("HTTP/1.0") << "GET / HTTP/1.0\r\n\r\n"_ba << true << false;
    QTest::newRow("HTTP/1.0 keep-alive")
        << "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba << false << false;
    QTest::newRow("upgrade")
        << "GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"_ba << false
        << true;
    QTest::newRow("upgrade in a second header")
        << "GET / HTTP/1.1\r\nConnection: keep-alive\r\nConnection: upgrade\r\n\r\n"_ba << false
        << true;
}

void TestRequestFramer::connectionOptions()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, close);
    QFETCH(bool, upgrade);
    RequestFramer framer(limits());
    QCOMPARE(framer.feed(head), qint64(head.size()));
    const QList<RequestFramer::RequestLine> lines = framer.takeCompleted();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.at(0).close, close);
    QCOMPARE(lines.at(0).upgrade, upgrade);
    QCOMPARE(framer.phase(), close ? Phase::Closed : Phase::Start);
}

// RFC 9112 9.6: a request after one that closes the connection is never framed.
void TestRequestFramer::nothingIsFramedAfterAClosingRequest()
{
    RequestFramer framer(limits());
    const QByteArray first =
        "POST /a HTTP/1.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"_ba;
    QCOMPARE(framer.feed(QByteArray(first + "GET /behind HTTP/1.1\r\n\r\n"_ba)),
             qint64(first.size()));
    QCOMPARE(framer.takeCompleted().size(), 1);
    QVERIFY(framer.stopped());
    QVERIFY(!framer.refusal());
    QCOMPARE(framer.feed("GET /x HTTP/1.1\r\n\r\n"), qint64(0));
    QVERIFY(framer.takeCompleted().isEmpty());
}

void TestRequestFramer::expectContinueUntilTheBody()
{
    RequestFramer framer(limits());
    framer.feed("POST /e HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n");
    QVERIFY(framer.expectsContinue());
    framer.feed("abc");
    QCOMPARE(framer.takeCompleted().size(), 1);
    QVERIFY(!framer.expectsContinue());
    framer.feed("POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    QVERIFY(!framer.expectsContinue()); // never to an HTTP/1.0 client (RFC 9110 10.1.1)
    RequestFramer noBody(limits());
    noBody.feed("POST /e HTTP/1.1\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(!noBody.expectsContinue());
}

// Where each request ends and where body bytes start: ConnectionTap and RawHttpReader rely on it.
void TestRequestFramer::feedPartStopsAtEachBoundary()
{
    const QByteArray head = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\n"_ba;
    const QByteArray chunkedHead = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n"_ba;
    const QByteArray bytes = head + "abc"_ba + chunkedHead + "xy\r\n0\r\n\r\n"_ba;
    RequestFramer framer(limits());
    QList<qint64> boundaries;
    qint64 at = 0;
    while (at < bytes.size()) {
        at += framer.inBodyData() ? framer.skipBody(bytes.size() - at)
                                  : framer.feedPart(QByteArrayView(bytes).sliced(at));
        boundaries.append(at);
    }
    const qint64 a = head.size();
    const qint64 c = a + 3 + chunkedHead.size();
    QCOMPARE(boundaries, (QList<qint64> { a, a + 3, c, c + 2, bytes.size() }));
    QCOMPARE(framer.takeCompleted().size(), 2);
}

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
