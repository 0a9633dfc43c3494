#include "capture/captureservice.h"
#include "store/sessionstore.h"

#include "storedevents.h"

#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Sends raw bytes on a fresh connection and returns everything the server answers until it
// closes or the timeout passes.
QByteArray exchange(quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && !answer.contains("\r\n\r\n")) {
        socket.waitForReadyRead(100);
        answer += socket.readAll();
    }
    // The head is there; read the declared body.
    const qsizetype headEnd = answer.indexOf("\r\n\r\n") + 4;
    const QRegularExpression lengthHeader(u"(?i)content-length:\\s*(\\d+)"_s);
    const auto match = lengthHeader.match(QString::fromLatin1(answer.left(headEnd)));
    const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    while (timer.elapsed() < timeoutMs && answer.size() < headEnd + length) {
        socket.waitForReadyRead(100);
        answer += socket.readAll();
    }
    return answer;
}
} // namespace

class TestCaptureService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void everyMethodIsCaptured_data();
    void everyMethodIsCaptured();
    void binaryBodyIsByteExact();
    void headersKeepOrderCaseAndDuplicates();
    void defaultAnswerIsEmptyJsonObject();
    void thousandRequestsAllCapturedAndOnDisk();
    void oversizedBodyIsRefusedBeforeReading();
    void portInUseIsAClearError();
    void reopenedSessionContinuesTheSequence();
    void signatureIsCheckedWithTheGivenSecret();
    void rulesAnswerAndDelaysDoNotBlockOthers();

private:
    QTemporaryDir m_dir;
    CaptureService *m_capture = nullptr;
    QSignalSpy *m_stored = nullptr;
    QString m_session;
};

void TestCaptureService::init()
{
    m_session =
        m_dir.filePath(u"%1.hookscope"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(m_session);
    m_capture = new CaptureService;
    m_stored = new QSignalSpy(m_capture, &CaptureService::stored);
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_session;
    options.limits.maxBodyBytes = 1024 * 1024;
    QCOMPARE(m_capture->start(options), std::nullopt);
    QVERIFY(m_capture->port() != 0);
}

void TestCaptureService::cleanup()
{
    delete m_stored;
    delete m_capture;
}

void TestCaptureService::everyMethodIsCaptured_data()
{
    QTest::addColumn<QByteArray>("method");
    for (const char *method :
         { "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "BREW" })
        QTest::newRow(method) << QByteArray(method);
}

void TestCaptureService::everyMethodIsCaptured()
{
    QFETCH(QByteArray, method);
    const QByteArray answer = exchange(m_capture->port(),
                                       method
                                           + " /any/path?q=%20x HTTP/1.1\r\nHost: h\r\n"
                                             "Content-Length: 2\r\n\r\nhi");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).method, method);
    QCOMPARE(events.at(0).target, "/any/path?q=%20x"_ba);
    QCOMPARE(events.at(0).body, "hi"_ba);
}

void TestCaptureService::binaryBodyIsByteExact()
{
    QByteArray body;
    for (int i = 0; i < 70'000; ++i)
        body.append(char(i * 7 % 256));
    exchange(m_capture->port(),
             "POST /bin HTTP/1.1\r\nHost: h\r\nContent-Length: "_ba
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).body, body);
    SessionStore reader;
    QVERIFY(reader.open(m_session));
    QCOMPARE(reader.load(events.at(0).seq)->body, body);
}

void TestCaptureService::headersKeepOrderCaseAndDuplicates()
{
    exchange(m_capture->port(),
             "POST /h HTTP/1.1\r\nHost: h\r\nzeta: 1\r\nX-Dup: a\r\nAlpha: 2\r\n"
             "X-Dup: b\r\nContent-Length: 0\r\n\r\n");
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    const HeaderList expected { { "Host", "h" },  { "zeta", "1" },  { "X-Dup", "a" },
                                { "Alpha", "2" }, { "X-Dup", "b" }, { "Content-Length", "0" } };
    QCOMPARE(events.at(0).headers, expected);
}

void TestCaptureService::defaultAnswerIsEmptyJsonObject()
{
    const QByteArray answer =
        exchange(m_capture->port(), "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(answer.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(answer.contains("Content-Type: application/json\r\n"));
    QVERIFY(answer.endsWith("\r\n\r\n{}"));
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.at(0).response.status, 200);
    QCOMPARE(events.at(0).response.body, "{}"_ba);
}

void TestCaptureService::thousandRequestsAllCapturedAndOnDisk()
{
    QNetworkAccessManager network;
    int answered = 0;
    const QUrl url(m_capture->listenUrl() + u"/hooks/booking"_s);
    for (int i = 0; i < 1000; ++i) {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = network.post(request, R"({"n":)"_ba + QByteArray::number(i) + '}');
        connect(reply, &QNetworkReply::finished, this, [&answered, reply] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                ++answered;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, 1000, 60'000);
    QCOMPARE(storedEvents(*m_stored, 1000).size(), 1000);
    SessionStore reader;
    QVERIFY(reader.open(m_session));
    QCOMPARE(reader.count(), 1000);
    QSet<QByteArray> bodies;
    std::ignore = reader.forEachEvent([&bodies](Event &&e) {
        bodies.insert(e.body);
        return true;
    });
    QCOMPARE(bodies.size(), 1000);
}

void TestCaptureService::oversizedBodyIsRefusedBeforeReading()
{
    const QByteArray answer = exchange(m_capture->port(),
                                       "POST /big HTTP/1.1\r\nHost: h\r\nX-Id: 7\r\n"
                                       "Content-Length: 999999999\r\n\r\nabc");
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 413);
    QCOMPARE(events.at(0).headerValue("X-Id"), "7"_ba);
    QCOMPARE(events.at(0).target, "/big"_ba);
}

void TestCaptureService::portInUseIsAClearError()
{
    CaptureService second;
    CaptureOptions options;
    options.port = m_capture->port();
    options.sessionPath = m_dir.filePath(u"second.hookscope"_s);
    const std::optional<QString> error = second.start(options);
    QVERIFY(error);
    QVERIFY2(error->contains(QString::number(m_capture->port())), qPrintable(*error));
    QVERIFY(!second.isRunning());
}

void TestCaptureService::reopenedSessionContinuesTheSequence()
{
    exchange(m_capture->port(), "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(storedEvents(*m_stored, 1).size(), 1);
    m_capture->stop();
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_session;
    QCOMPARE(m_capture->start(options), std::nullopt);
    m_stored->clear();
    exchange(m_capture->port(), "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.at(0).seq, 2);
}

void TestCaptureService::signatureIsCheckedWithTheGivenSecret()
{
    m_capture->stop();
    m_stored->clear();
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_session;
    SecretSet secrets;
    secrets.add(u"solaris"_s, "f82c389fb187274227186b5a58781978");
    options.analyzer = std::make_shared<Analyzer>(SchemaRegistry(), SignatureVerifier(secrets));
    QCOMPARE(m_capture->start(options), std::nullopt);
    const QByteArray body = R"({"id":"x"})";
    const QByteArray signature =
        QMessageAuthenticationCode::hash(body, "f82c389fb187274227186b5a58781978",
                                         QCryptographicHash::Sha256)
            .toHex();
    for (const QByteArray &sent : { signature, QByteArray(64, '0') }) {
        exchange(m_capture->port(),
                 "POST /hooks/booking HTTP/1.1\r\nHost: h\r\nSolaris-Webhook-Signature: sha256="_ba
                     + sent + "\r\nContent-Length: "_ba + QByteArray::number(body.size())
                     + "\r\n\r\n"_ba + body);
    }
    QList<SignatureState> states;
    QVERIFY(QTest::qWaitFor(
        [&] {
            states.clear();
            for (const QList<QVariant> &arguments : std::as_const(*m_stored))
                for (const EventAnalysis &analysis :
                     arguments.at(0).value<CapturedBatch>().analyses)
                    states.append(analysis.signature.state);
            return states.size() >= 2;
        },
        10'000));
    QCOMPARE(states, (QList<SignatureState> { SignatureState::Valid, SignatureState::Invalid }));
}

void TestCaptureService::rulesAnswerAndDelaysDoNotBlockOthers()
{
    auto rules =
        ResponseRules::fromJson(R"([{"filter": "path == \"/slow\"", "status": 503, "delayMs": 1500},
                                             {"filter": "json.status == \"failed\"", "status": 422, "body": "no"}])",
                                u"test"_s);
    m_capture->setRules(std::make_shared<ResponseRules>(std::get<ResponseRules>(rules)));
    QElapsedTimer timer;
    timer.start();
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, m_capture->port());
    QVERIFY(slow.waitForConnected());
    slow.write("POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    const QByteArray fast = exchange(m_capture->port(),
                                     "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 19\r\n\r\n"
                                     R"({"status":"failed"})");
    const qint64 fastMs = timer.elapsed();
    QVERIFY2(fast.startsWith("HTTP/1.1 422"), fast.constData());
    QVERIFY(fast.endsWith("\r\n\r\nno"));
    QVERIFY2(fastMs < 1000, qPrintable(QString::number(fastMs)));
    QTRY_VERIFY_WITH_TIMEOUT(slow.waitForReadyRead(50) || slow.bytesAvailable(), 5000);
    QVERIFY(timer.elapsed() >= 1400);
    QVERIFY(slow.readAll().startsWith("HTTP/1.1 503"));
    const QList<Event> events = storedEvents(*m_stored, 2);
    QCOMPARE(events.size(), 2);
    QList<int> statuses { events.at(0).response.status, events.at(1).response.status };
    std::sort(statuses.begin(), statuses.end());
    QCOMPARE(statuses, (QList<int> { 422, 503 }));
}

QTEST_GUILESS_MAIN(TestCaptureService)
#include "tst_captureservice.moc"
