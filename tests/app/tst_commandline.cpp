#include "commandline.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void options();
    void usageErrors_data();
    void usageErrors();
};

void TestCommandLine::defaults()
{
    const auto parsed = parseCommandLine({ u"hookscope"_s });
    const auto *options = std::get_if<AppOptions>(&parsed);
    QVERIFY(options);
    QCOMPARE(options->mode, AppOptions::Mode::Window);
    QCOMPARE(options->capture.port, 8080);
    QCOMPARE(options->capture.address, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(!options->sessionGiven);
}

void TestCommandLine::options()
{
    const auto parsed = parseCommandLine(
        { u"hookscope"_s, u"--headless"_s, u"--json"_s, u"--port"_s, u"9000"_s, u"--bind"_s,
          u"::1"_s, u"--session"_s, u"/tmp/s.hookscope"_s, u"a.json"_s, u"b.har"_s });
    const auto *options = std::get_if<AppOptions>(&parsed);
    QVERIFY(options);
    QCOMPARE(options->mode, AppOptions::Mode::Headless);
    QVERIFY(options->json);
    QCOMPARE(options->capture.port, 9000);
    QCOMPARE(options->capture.address, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(options->capture.sessionPath, u"/tmp/s.hookscope"_s);
    QCOMPARE(options->files, (QStringList { u"a.json"_s, u"b.har"_s }));
}

void TestCommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port text") << QStringList { u"--port"_s, u"http"_s } << u"--port"_s;
    QTest::newRow("port range") << QStringList { u"--port"_s, u"70000"_s } << u"70000"_s;
    QTest::newRow("bind") << QStringList { u"--bind"_s, u"localhost:80"_s } << u"--bind"_s;
    QTest::newRow("json without headless") << QStringList { u"--json"_s } << u"--headless"_s;
    QTest::newRow("secret scheme")
        << QStringList { u"--secret"_s, u"rot13:abc"_s } << u"--secret"_s;
    QTest::newRow("bad filter") << QStringList { u"--headless"_s, u"--filter"_s, u"status >="_s }
                                << u"at 9"_s;
    QTest::newRow("filter without headless")
        << QStringList { u"--filter"_s, u"valid"_s } << u"--headless"_s;
    QTest::newRow("unknown option") << QStringList { u"--frobnicate"_s } << u"frobnicate"_s;
}

void TestCommandLine::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const auto parsed = parseCommandLine(QStringList { u"hookscope"_s } + arguments);
    const auto *error = std::get_if<UsageError>(&parsed);
    QVERIFY(error);
    QVERIFY2(error->message.contains(mentions), qPrintable(error->message));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
