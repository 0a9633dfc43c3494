#include "capture/captureservice.h"

#include "rawclient.h"
#include "storedevents.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

// One slow event must not hold up the answers of others: while a pathological request (rule
// regexes that each run to the end of their budget: the slowest event there is) is being judged, a
// request from another client, over a real socket, is answered in about its normal time, and
// everything is stored in order.
class TestCaptureBystander : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bystanderIsNotHeldUp_data();
    void bystanderIsNotHeldUp();
    void oneConnectionIsAnsweredInOrder();

private:
    std::optional<QString> start(const QByteArray &rules);
    qint64 roundTripUs(const QByteArray &request);
    qint64 slowestOf(int times, const QByteArray &request);

    QTemporaryDir m_dir;
    std::unique_ptr<CaptureService> m_capture;
    std::unique_ptr<QSignalSpy> m_stored;
};

namespace {
QByteArray post(const QByteArray &body, const QByteArray &type)
{
    return "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Solaris-Webhook-Event-Type: "
        + type + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// No "a" in it: the hostile rules below are quickly false, and it gets the default 200.
const QByteArray bystander = post(R"({"id":"evt_1","ok":true})", "PING");

// Every rule runs to the regex budget on the attacker's body and is skipped (undecided): the
// event costs the budget once per rule, then gets the default answer.
QByteArray hostileRules(int count)
{
    QByteArray rules = "[";
    for (int i = 0; i < count; ++i) {
        rules += i ? "," : "";
        rules += R"({"filter": "body matches \"(?:a|a){1,20}[^a!]\"", "status": 422})";
    }
    return rules + "]";
}

} // namespace

std::optional<QString> TestCaptureBystander::start(const QByteArray &rules)
{
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = m_dir.filePath(
        u"%1.hookscope"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    if (!rules.isEmpty()) {
        auto loaded = ResponseRules::fromJson(rules, u"rules.json"_s);
        if (const auto *error = std::get_if<QString>(&loaded))
            return *error;
        options.rules = std::make_shared<ResponseRules>(std::get<ResponseRules>(loaded));
    }
    m_capture = std::make_unique<CaptureService>();
    m_stored = std::make_unique<QSignalSpy>(m_capture.get(), &CaptureService::stored);
    return m_capture->start(options);
}

qint64 TestCaptureBystander::roundTripUs(const QByteArray &request)
{
    QElapsedTimer timer;
    timer.start();
    RawClient client(m_capture->port());
    client.send(request);
    const QByteArray answer = client.response(30'000);
    if (!answer.startsWith("HTTP/1.1 200"))
        return -1;
    return timer.nsecsElapsed() / 1000;
}

qint64 TestCaptureBystander::slowestOf(int times, const QByteArray &request)
{
    qint64 slowest = 0;
    for (int i = 0; i < times; ++i)
        slowest = std::max(slowest, roundTripUs(request));
    return slowest;
}

void TestCaptureBystander::bystanderIsNotHeldUp_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QByteArray>("attack");
    QTest::addColumn<int>("attackers"); // each on its own connection, at once
    const QByteArray rules = hostileRules(40);
    const QByteArray attack = post(QByteArray(5000, 'a'), "PING");
    QTest::newRow("rule regex (?:a|a){1,20}[^a!] on 5 KB of a, 40 rules") << rules << attack << 1;
    QTest::newRow("the same from two attackers at once") << rules << attack << 2;
}

void TestCaptureBystander::bystanderIsNotHeldUp()
{
    QFETCH(QByteArray, rules);
    QFETCH(QByteArray, attack);
    QFETCH(int, attackers);
    QCOMPARE(start(rules), std::nullopt);

    slowestOf(3, bystander); // warm up: first connections, first statements
    const qint64 alone = slowestOf(5, bystander);
    QVERIFY(alone > 0);

    QElapsedTimer attackTimer;
    attackTimer.start();
    std::vector<std::unique_ptr<RawClient>> attacking;
    for (int i = 0; i < attackers; ++i) {
        attacking.push_back(std::make_unique<RawClient>(m_capture->port()));
        attacking.back()->send(attack);
    }
    QTest::qWait(20); // the attackers' events are being judged now
    const qint64 beside = slowestOf(5, bystander);
    const qint64 besideDoneUs = attackTimer.nsecsElapsed() / 1000;
    for (const auto &attacker : attacking) {
        const QByteArray answer = attacker->response(60'000);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
    }
    const qint64 attackUs = attackTimer.nsecsElapsed() / 1000;
    qInfo("bystander alone %lld us, beside the attack %lld us; attack answered after %lld us",
          static_cast<long long>(alone), static_cast<long long>(beside),
          static_cast<long long>(attackUs));
    QVERIFY(beside > 0);
    // The test means something only if the attack took long enough to hold a bystander up.
    QVERIFY2(attackUs > besideDoneUs + 100'000,
             "the attack was answered before the bystanders: nothing was measured");
    // Generous for a shared two-core machine: the bystander competes with the attack for the
    // CPU, but never waits for its verdict.
    QCOMPARE_LT(beside, std::max<qint64>(20 * alone, alone + 150'000));

    // Every event stored once, numbered in storage order; the attack's last, after the
    // bystanders that arrived behind it.
    const int total = 3 + 5 + attackers + 5;
    const QList<Event> events = storedEvents(*m_stored, total);
    QCOMPARE(events.size(), total);
    for (qsizetype i = 1; i < events.size(); ++i)
        QCOMPARE(events.at(i).seq, events.at(i - 1).seq + 1);
    for (qsizetype i = 0; i < events.size(); ++i)
        QCOMPARE(attack.endsWith(events.at(i).body), i >= total - attackers);
}

// Requests pipelined on one connection are answered and stored in their order, even when the
// first is the slow one.
void TestCaptureBystander::oneConnectionIsAnsweredInOrder()
{
    QByteArray rules = hostileRules(5);
    rules.chop(1);
    rules +=
        R"(,{"filter": "json.n == 1", "status": 201},{"filter": "json.n == 2", "status": 202}])";
    QCOMPARE(start(rules), std::nullopt);
    RawClient client(m_capture->port());
    client.send(post(QByteArray(5000, 'a'), "PING") + post(R"({"n":1})", "PING")
                + post(R"({"n":2})", "PING"));
    QByteArray answers;
    QElapsedTimer timer;
    timer.start();
    while (answers.count("HTTP/1.1 ") < 3 && timer.elapsed() < 60'000)
        answers = client.until("never sent", 100);
    const qsizetype first = answers.indexOf("HTTP/1.1 200");
    const qsizetype second = answers.indexOf("HTTP/1.1 201");
    const qsizetype third = answers.indexOf("HTTP/1.1 202");
    QVERIFY2(first >= 0 && first < second && second < third, answers.constData());
    const QList<Event> events = storedEvents(*m_stored, 3, 60'000);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).body, QByteArray(5000, 'a'));
    QCOMPARE(events.at(1).body, R"({"n":1})"_ba);
    QCOMPARE(events.at(2).body, R"({"n":2})"_ba);
    QCOMPARE(events.at(1).seq, events.at(0).seq + 1);
    QCOMPARE(events.at(2).seq, events.at(1).seq + 1);
}

QTEST_GUILESS_MAIN(TestCaptureBystander)
#include "tst_capturebystander.moc"
