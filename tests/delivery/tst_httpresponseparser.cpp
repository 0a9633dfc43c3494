#include "delivery/httpresponseparser.h"

#include "timebound.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

using State = HttpResponseParser::State;

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void responses_data();
    void responses();
    void malformed_data();
    void malformed();
    void closedEarly_data();
    void closedEarly();
    void bodyCapped_data();
    void bodyCapped();
    void headRequestHasNoBody();
    void headersTooLong();
    void manySmallChunks();
};

void TestHttpResponseParser::responses_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("needsClose"); // complete only once the connection ends
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("content-length")
        << "HTTP/1.1 201 Created\r\nX-A: 1\r\ncontent-length: 5\r\n\r\nhello"_ba << false << 201
        << "Created"_ba << HeaderList { { "X-A", "1" }, { "content-length", "5" } } << "hello"_ba;
    QTest::newRow("binary body") << QByteArray(
        "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n\x00\r\n\xff", 42)
                                 << false << 200 << "OK"_ba
                                 << HeaderList { { "Content-Length", "4" } }
                                 << QByteArray("\x00\r\n\xff", 4);
    QTest::newRow("chunked with extension and trailer")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
           "5;name=x\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n"_ba
        << false << 200 << "OK"_ba << HeaderList { { "Transfer-Encoding", "chunked" } }
        << "helloabcdefghijklmnopqrstuvwxyz"_ba;
    QTest::newRow("close-delimited")
        << "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"_ba << true << 200
        << "OK"_ba << HeaderList { { "Content-Type", "text/plain" } } << "until the end"_ba;
    QTest::newRow("100 continue skipped")
        << "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}"_ba
        << false << 202 << "Accepted"_ba << HeaderList { { "Content-Length", "2" } } << "{}"_ba;
    QTest::newRow("204 has no body")
        << "HTTP/1.1 204 No Content\r\nX: y\r\n\r\n"_ba << false << 204 << "No Content"_ba
        << HeaderList { { "X", "y" } } << QByteArray();
    QTest::newRow("no reason, bare LF")
        << "HTTP/1.1 410\nContent-Length: 0\n\n"_ba << false << 410 << QByteArray()
        << HeaderList { { "Content-Length", "0" } } << QByteArray();
    QTest::newRow("header value trimmed, duplicates kept")
        << "HTTP/1.1 500 Oops\r\nSet-Cookie:  a=1 \r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n"_ba
        << false << 500 << "Oops"_ba
        << HeaderList { { "Set-Cookie", "a=1" },
                        { "Set-Cookie", "b=2" },
                        { "Content-Length", "0" } }
        << QByteArray();
}

void TestHttpResponseParser::responses()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, needsClose);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);

    // In one piece, and byte by byte: framing must not depend on how reads split the stream.
    for (const qsizetype step : { raw.size(), qsizetype(1) }) {
        HttpResponseParser parser;
        State state = State::Incomplete;
        for (qsizetype i = 0; i < raw.size(); i += step)
            state = parser.feed(raw.mid(i, step));
        QCOMPARE(state, needsClose ? State::Incomplete : State::Complete);
        QCOMPARE(parser.finish(), State::Complete);
        QCOMPARE(parser.status(), status);
        QCOMPARE(parser.reason(), reason);
        QCOMPARE(parser.headers(), headers);
        QCOMPARE(parser.body(), body);
        QVERIFY(!parser.truncated());
        QVERIFY(parser.error().isEmpty());
    }
}

void TestHttpResponseParser::malformed_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not http") << "garbage\r\n\r\n"_ba << u"bad status line at byte 0"_s;
    QTest::newRow("bad status") << "HTTP/1.1 2x0 OK\r\n\r\n"_ba << u"bad status line at byte 0"_s;
    QTest::newRow("http/2 text") << "HTTP/2 200\r\n\r\n"_ba << u"bad status line"_s;
    QTest::newRow("header without colon")
        << "HTTP/1.1 200 OK\r\nX-A: 1\r\nnocolon\r\n\r\n"_ba << u"bad header line at byte 25"_s;
    QTest::newRow("folded header")
        << "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n"_ba << u"bad header line at byte 25"_s;
    QTest::newRow("bad content-length")
        << "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n"_ba << u"bad Content-Length \"-3\""_s;
    QTest::newRow("conflicting content-length")
        << "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"_ba
        << u"bad Content-Length"_s;
    QTest::newRow("bad chunk size")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba
        << u"bad chunk size at byte 47"_s;
    QTest::newRow("chunk without CRLF")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n"_ba
        << u"chunk not followed by CRLF"_s;
}

void TestHttpResponseParser::malformed()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    HttpResponseParser parser;
    QCOMPARE(parser.feed(raw), State::Error);
    QVERIFY2(parser.error().startsWith(u"malformed response: "_s), qPrintable(parser.error()));
    QVERIFY2(parser.error().contains(expected), qPrintable(parser.error()));
    QCOMPARE(parser.feed("more"), State::Error);
}

void TestHttpResponseParser::closedEarly_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << QByteArray() << u"closed before any response"_s;
    QTest::newRow("partial status line") << "HTT"_ba << u"inside the response headers"_s;
    QTest::newRow("in headers") << "HTTP/1.1 200 OK\r\nX-A"_ba << u"inside the response headers"_s;
    QTest::newRow("short body") << "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"_ba
                                << u"after 3 body bytes, 7 missing"_s;
    QTest::newRow("in chunks") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"_ba
                               << u"inside the chunked body"_s;
}

void TestHttpResponseParser::closedEarly()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    HttpResponseParser parser;
    QCOMPARE(parser.feed(raw), State::Incomplete);
    QCOMPARE(parser.finish(), State::Error);
    QVERIFY2(parser.error().contains(expected), qPrintable(parser.error()));
}

void TestHttpResponseParser::bodyCapped_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("truncated");
    const QByteArray big(100, 'x');
    QTest::newRow("content-length over cap")
        << "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"_ba << big << true;
    QTest::newRow("content-length at cap")
        << "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"_ba << big.left(10) << false;
    QTest::newRow("close-delimited over cap") << "HTTP/1.1 200 OK\r\n\r\n"_ba << big << true;
    QTest::newRow("chunked over cap")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n"_ba << big << true;
}

void TestHttpResponseParser::bodyCapped()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(bool, truncated);
    HttpResponseParser parser(10);
    QCOMPARE(parser.feed(QByteArray(head + body)), State::Complete);
    QCOMPARE(parser.status(), 200);
    QCOMPARE(parser.body(), body.left(10));
    QCOMPARE(parser.truncated(), truncated);
}

void TestHttpResponseParser::headRequestHasNoBody()
{
    HttpResponseParser parser(1024, true);
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"_ba), State::Complete);
    QCOMPARE(parser.body(), QByteArray());
}

void TestHttpResponseParser::headersTooLong()
{
    HttpResponseParser parser;
    QByteArray raw = "HTTP/1.1 200 OK\r\n"_ba;
    while (raw.size() <= HttpResponseParser::maxHeaderBytes)
        raw += "X-Filler: " + QByteArray(100, 'f') + "\r\n";
    QCOMPARE(parser.feed(raw), State::Error);
    QVERIFY2(parser.error().contains(u"longer than 65536 bytes"_s), qPrintable(parser.error()));

    HttpResponseParser oneLine;
    QCOMPARE(oneLine.feed(QByteArray("HTTP/1.1 200 OK\r\nX: "_ba + QByteArray(70000, 'y'))),
             State::Error);
}

void TestHttpResponseParser::manySmallChunks()
{
    // Arriving in one read, 200,000 one-byte chunks must parse in linear time.
    QByteArray raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;
    for (int i = 0; i < 200'000; ++i)
        raw += "1\r\nx\r\n";
    raw += "0\r\n\r\n";
    HttpResponseParser parser;
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(parser.feed(raw), State::Complete);
    QVERIFY2(timer.elapsed() < timeBound(2000), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(parser.body(), QByteArray(200'000, 'x'));
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
