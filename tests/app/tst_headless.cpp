// The headless command as a user runs it: a real process, real requests, Ctrl-C.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestHeadless : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonLinesAndCleanShutdown();
    void portInUseExitsNonZero();
    void usageErrorExitsTwo();
    void filterPrintsOnlyMatchingEvents();
    void forwardSendsEveryEventOn();

private:
    quint16 waitForPort(QProcess &process);
    QTemporaryDir m_dir;
};

quint16 TestHeadless::waitForPort(QProcess &process)
{
    QByteArray err;
    const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)/"_s);
    QRegularExpressionMatch match;
    const bool settled = QTest::qWaitFor(
        [&] {
            process.waitForReadyRead(50);
            err += process.readAllStandardError();
            match = listening.match(QString::fromUtf8(err));
            return match.hasMatch() || process.state() == QProcess::NotRunning;
        },
        10'000);
    return settled && match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
}

void TestHeadless::jsonLinesAndCleanShutdown()
{
    const QString session = m_dir.filePath(u"headless.hookscope"_s);
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                  { u"--headless"_s, u"--json"_s, u"--port"_s, u"0"_s, u"--session"_s, session });
    const quint16 port = waitForPort(process);
    QVERIFY(port);

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/hooks/identification"_s.arg(port)));
    request.setRawHeader("Solaris-Webhook-Event-Type", "IDENTIFICATION");
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = network.post(request, R"({"id":"x","status":"successful"})"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains('\n'), 10'000);
    const QJsonObject line = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
    QCOMPARE(line.value(u"seq"_s).toInt(), 1);
    QCOMPARE(line.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(line.value(u"target"_s).toString(), u"/hooks/identification"_s);
    QCOMPARE(line.value(u"eventType"_s).toString(), u"IDENTIFICATION"_s);
    QCOMPARE(line.value(u"classifiedBy"_s).toString(), u"header"_s);
    QCOMPARE(line.value(u"status"_s).toInt(), 200);
    for (const auto &key : { u"receivedAt"_s, u"valid"_s, u"violations"_s, u"signature"_s })
        QVERIFY2(line.contains(key), qPrintable(key));

    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(session);
        QVERIFY(db.open());
        QSqlQuery query(u"SELECT count(*) FROM events"_s, db);
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

void TestHeadless::portInUseExitsNonZero()
{
    QProcess first;
    first.start(
        QStringLiteral(HOOKSCOPE_EXECUTABLE),
        { u"--headless"_s, u"--port"_s, u"0"_s, u"--session"_s, m_dir.filePath(u"a.hookscope"_s) });
    const quint16 port = waitForPort(first);
    QVERIFY(port);
    QProcess second;
    second.start(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                 { u"--headless"_s, u"--port"_s, QString::number(port), u"--session"_s,
                   m_dir.filePath(u"b.hookscope"_s) });
    QVERIFY(second.waitForFinished(10'000));
    // Everything it said, so a crash (a sanitizer report under scripts/sanitize-test.sh) shows.
    const QByteArray said = second.readAllStandardError();
    QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 1,
             said.constData());
    QVERIFY(said.contains("cannot listen"));
    first.terminate();
    QVERIFY(first.waitForFinished(10'000));
    QCOMPARE(first.exitCode(), 0);
}

void TestHeadless::usageErrorExitsTwo()
{
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE), { u"--port"_s, u"nope"_s });
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitCode(), 2);
}

void TestHeadless::filterPrintsOnlyMatchingEvents()
{
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                  { u"--headless"_s, u"--port"_s, u"0"_s, u"--session"_s,
                    m_dir.filePath(u"filter.hookscope"_s), u"--filter"_s,
                    u"json.amount.value >= 10000"_s });
    const quint16 port = waitForPort(process);
    QVERIFY(port);
    QNetworkAccessManager network;
    for (const QByteArray &body :
         { R"({"amount":{"value":50}})"_ba, R"({"amount":{"value":25000}})"_ba }) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/hooks/booking"_s.arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = network.post(request, body);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    }
    process.terminate();
    QVERIFY(process.waitForFinished(10'000));
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.at(0).startsWith("#2 "), lines.at(0).constData());
}

void TestHeadless::forwardSendsEveryEventOn()
{
    // The receiving service: records what arrives, answers 202.
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&target, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = target.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&received, socket] {
            received += socket->readAll();
            if (received.contains("\r\n\r\n") && received.endsWith(R"("forwarded"})")) {
                socket->write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
    });
    const QString session = m_dir.filePath(u"forward.hookscope"_s);
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                  { u"--headless"_s, u"--port"_s, u"0"_s, u"--session"_s, session, u"--forward"_s,
                    u"http://127.0.0.1:%1/"_s.arg(target.serverPort()) });
    const quint16 port = waitForPort(process);
    QVERIFY(port);
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/hooks/booking?x=1"_s.arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("X-Trace", "abc");
    QNetworkReply *reply = network.post(request, R"({"state":"forwarded"})"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(received.endsWith(R"({"state":"forwarded"})"), 10'000);
    QVERIFY2(received.startsWith("POST /hooks/booking?x=1 HTTP/1.1\r\n"), received.constData());
    QVERIFY(received.contains("\r\nX-Trace: abc\r\n"));
    QVERIFY(received.contains(
        QByteArray(QByteArray("Host: 127.0.0.1:") + QByteArray::number(target.serverPort()))));
    QTest::qWait(300); // the 202 is recorded with the event
    process.terminate();
    QVERIFY(process.waitForFinished(10'000));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"forward"_s);
    db.setDatabaseName(session);
    QVERIFY(db.open());
    {
        QSqlQuery query(u"SELECT kind, status FROM deliveries"_s, db);
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"forward"_s);
        QCOMPARE(query.value(1).toInt(), 202);
    }
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(u"forward"_s);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
