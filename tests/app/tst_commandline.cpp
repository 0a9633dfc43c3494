#include "commandline.h"
#include "commands/subcommands.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(CaptureLimits)

using namespace Qt::StringLiterals;

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void options();
    void usageErrors_data();
    void usageErrors();
    void savedSettingsAreTheDefaults();
    void optionsOverrideSavedSettings();
    void limitOptions_data();
    void limitOptions();
    void badLimitValues_data();
    void badLimitValues();
    void helpListsLimitsWithTheirDefaults();
    void aWordThatIsAFileStillLoads();
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
    // A mistyped subcommand is no window loading a file called "schemas"; the error lists the
    // subcommands from the one list main() dispatches through.
    for (const QString &word : { u"schemas"_s, u"valdate"_s, u"exprt"_s })
        QTest::newRow(qPrintable(u"mistyped subcommand "_s + word))
            << QStringList { word } << subcommandNames().join(u", "_s);
    QTest::newRow("mistyped, with a near one")
        << QStringList { u"valdate"_s, u"x.json"_s } << u"did you mean \"validate\"?"_s;
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

namespace {
CaptureSettings savedSettings()
{
    CaptureSettings saved;
    saved.address = QHostAddress(u"0.0.0.0"_s);
    saved.port = 9999;
    saved.sessionDirectory = u"/tmp/hookscope-sessions"_s;
    saved.limits.maxBodyBytes = 1234;
    saved.limits.idleTimeoutMs = 4500;
    return saved;
}
} // namespace

void TestCommandLine::savedSettingsAreTheDefaults()
{
    const auto parsed = parseCommandLine({ u"hookscope"_s }, savedSettings());
    const auto *options = std::get_if<AppOptions>(&parsed);
    QVERIFY(options);
    QCOMPARE(options->capture.port, 9999);
    QCOMPARE(options->capture.address, QHostAddress(u"0.0.0.0"_s));
    QCOMPARE(options->sessionDirectory, u"/tmp/hookscope-sessions"_s);
    QCOMPARE(options->capture.limits, savedSettings().limits);
    QCOMPARE(parseCommandLine({ u"hookscope"_s }).index(), 0);
    QCOMPARE(std::get<AppOptions>(parseCommandLine({ u"hookscope"_s })).capture.limits,
             CaptureLimits {});
}

void TestCommandLine::optionsOverrideSavedSettings()
{
    const auto parsed =
        parseCommandLine({ u"hookscope"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s,
                           u"--session-dir"_s, u"/srv/s"_s, u"--max-body"_s, u"2M"_s },
                         savedSettings());
    const auto *options = std::get_if<AppOptions>(&parsed);
    QVERIFY(options);
    QCOMPARE(options->capture.port, 0);
    QCOMPARE(options->capture.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(options->sessionDirectory, u"/srv/s"_s);
    QCOMPARE(options->capture.limits.maxBodyBytes, 2 * 1024 * 1024);
    QCOMPARE(options->capture.limits.idleTimeoutMs, 4500); // not given: still the saved one
}

void TestCommandLine::limitOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<CaptureLimits>("expected");
    const auto with = [](auto change) {
        CaptureLimits limits;
        change(limits);
        return limits;
    };
    QTest::newRow("max-body 10M") << QStringList { u"--max-body"_s, u"10M"_s }
                                  << with([](CaptureLimits &l) { l.maxBodyBytes = 10 << 20; });
    QTest::newRow("max-body 512k") << QStringList { u"--max-body"_s, u"512k"_s }
                                   << with([](CaptureLimits &l) { l.maxBodyBytes = 512 << 10; });
    QTest::newRow("max-body 1GiB") << QStringList { u"--max-body"_s, u"1GiB"_s }
                                   << with([](CaptureLimits &l) { l.maxBodyBytes = 1 << 30; });
    QTest::newRow("max-body bytes") << QStringList { u"--max-body=65536"_s }
                                    << with([](CaptureLimits &l) { l.maxBodyBytes = 65536; });
    QTest::newRow("max-body 0") << QStringList { u"--max-body"_s, u"0"_s }
                                << with([](CaptureLimits &l) { l.maxBodyBytes = 0; });
    QTest::newRow("max-headers") << QStringList { u"--max-headers"_s, u"50"_s }
                                 << with([](CaptureLimits &l) { l.maxHeaderCount = 50; });
    QTest::newRow("max-head") << QStringList { u"--max-head"_s, u"32KB"_s }
                              << with([](CaptureLimits &l) { l.maxHeadBytes = 32 << 10; });
    QTest::newRow("max-target") << QStringList { u"--max-target"_s, u"4K"_s }
                                << with([](CaptureLimits &l) { l.maxTargetBytes = 4 << 10; });
    QTest::newRow("target cut to head")
        << QStringList { u"--max-head"_s, u"1K"_s }
        << with([](CaptureLimits &l) { l.maxHeadBytes = l.maxTargetBytes = 1024; });
    QTest::newRow("max-connections") << QStringList { u"--max-connections"_s, u"64"_s }
                                     << with([](CaptureLimits &l) { l.maxConnections = 64; });
    QTest::newRow("idle seconds") << QStringList { u"--idle-timeout"_s, u"1.5"_s }
                                  << with([](CaptureLimits &l) { l.idleTimeoutMs = 1500; });
    QTest::newRow("idle ms") << QStringList { u"--idle-timeout"_s, u"500ms"_s }
                             << with([](CaptureLimits &l) { l.idleTimeoutMs = 500; });
    QTest::newRow("idle minutes") << QStringList { u"--idle-timeout"_s, u"2m"_s }
                                  << with([](CaptureLimits &l) { l.idleTimeoutMs = 120'000; });
    QTest::newRow("head-timeout") << QStringList { u"--head-timeout"_s, u"10s"_s }
                                  << with([](CaptureLimits &l) { l.headTimeoutMs = 10'000; });
    QTest::newRow("body-timeout") << QStringList { u"--body-timeout"_s, u"5"_s }
                                  << with([](CaptureLimits &l) { l.bodyTimeoutMs = 5000; });
    QTest::newRow("min-body-rate") << QStringList { u"--min-body-rate"_s, u"0"_s }
                                   << with([](CaptureLimits &l) { l.minBodyBytesPerSecond = 0; });
}

void TestCommandLine::limitOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(CaptureLimits, expected);
    const auto parsed = parseCommandLine(QStringList { u"hookscope"_s } + arguments);
    const auto *options = std::get_if<AppOptions>(&parsed);
    QVERIFY2(options,
             qPrintable(std::get_if<UsageError>(&parsed) ? std::get<UsageError>(parsed).message
                                                         : QString()));
    QCOMPARE(options->capture.limits, expected);
}

void TestCommandLine::badLimitValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown unit") << QStringList { u"--max-body"_s, u"10X"_s }
                                  << u"--max-body: \"10X\" is not a size in bytes"_s;
    QTest::newRow("negative") << QStringList { u"--max-body"_s, u"-1"_s }
                              << u"--max-body: \"-1\" is not a size"_s;
    QTest::newRow("too large") << QStringList { u"--max-body"_s, u"2048G"_s }
                               << u"--max-body: 2048G is out of range (0 to 1024G)"_s;
    QTest::newRow("zero headers") << QStringList { u"--max-headers"_s, u"0"_s }
                                  << u"--max-headers: 0 is out of range (1 to 100000)"_s;
    QTest::newRow("headers text") << QStringList { u"--max-headers"_s, u"many"_s }
                                  << u"--max-headers: \"many\" is not a whole number"_s;
    QTest::newRow("head too small") << QStringList { u"--max-head"_s, u"100"_s }
                                    << u"--max-head: 100 is out of range (256 to 1G)"_s;
    QTest::newRow("connections") << QStringList { u"--max-connections"_s, u"1e3"_s }
                                 << u"--max-connections: \"1e3\" is not a whole number"_s;
    QTest::newRow("duration text") << QStringList { u"--idle-timeout"_s, u"soon"_s }
                                   << u"--idle-timeout: \"soon\" is not a duration"_s;
    QTest::newRow("duration too short") << QStringList { u"--head-timeout"_s, u"10ms"_s }
                                        << u"--head-timeout: 10ms is out of range (100ms to"_s;
    QTest::newRow("missing value") << QStringList { u"--body-timeout"_s } << u"body-timeout"_s;
}

void TestCommandLine::badLimitValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const auto parsed = parseCommandLine(QStringList { u"hookscope"_s } + arguments);
    const auto *error = std::get_if<UsageError>(&parsed);
    QVERIFY(error);
    QVERIFY2(error->message.contains(message), qPrintable(error->message));
}

void TestCommandLine::helpListsLimitsWithTheirDefaults()
{
    const auto parsed = parseCommandLine({ u"hookscope"_s, u"--help"_s }, savedSettings());
    const auto *info = std::get_if<InfoRequest>(&parsed);
    QVERIFY(info);
    for (const QString &option :
         { u"--max-body <BYTES>"_s, u"--max-headers <N>"_s, u"--max-head <BYTES>"_s,
           u"--max-target <BYTES>"_s, u"--max-connections <N>"_s, u"--idle-timeout <SECONDS>"_s,
           u"--head-timeout <SECONDS>"_s, u"--body-timeout <SECONDS>"_s,
           u"--min-body-rate <BYTES>"_s, u"--session-dir <DIR>"_s })
        QVERIFY2(info->text.contains(option), qPrintable(option));
    const QString text = info->text.simplified();
    QVERIFY2(text.contains(u"Default 1234."_s), qPrintable(text)); // the saved --max-body
    QVERIFY(text.contains(u"Default 4500ms."_s)); // the saved --idle-timeout
    QVERIFY(text.contains(u"Default 64K."_s)); // the built-in --max-head
    QVERIFY(text.contains(u"Default 9999."_s)); // the saved --port
    QVERIFY(text.contains(u"captured at http://0.0.0.0:9999/"_s));
    QVERIFY(text.startsWith(u"Usage: hookscope [options]"_s));
    for (const QString &subcommand :
         { u"hookscope validate"_s, u"hookscope import"_s, u"hookscope export"_s })
        QVERIFY2(text.contains(subcommand), qPrintable(subcommand));
}

// A payload file may be called anything, also a single word: an existing file still loads.
void TestCommandLine::aWordThatIsAFileStillLoads()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    QFile file(u"schemas"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{}");
    file.close();
    const auto parsed = parseCommandLine({ u"hookscope"_s, u"schemas"_s });
    QDir::setCurrent(previous);
    const auto *options = std::get_if<AppOptions>(&parsed);
    QVERIFY(options);
    QCOMPARE(options->files, QStringList { u"schemas"_s });
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
