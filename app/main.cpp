// Composes Hookscope: parse the command line, start capture, then the window or headless output.
#include "capture/captureservice.h"
#include "commandline.h"
#include "commands/subcommands.h"
#include "event/userfolders.h"
#include "headlessrunner.h"
#include "mainwindow.h"
#include "session/deliverycontroller.h"
#include "session/session.h"
#include "settings/appsettings.h"
#include "shutdownsignals.h"
#include "store/sessionstore.h"
#include "tints.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QTextStream>

#include <functional>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// The window icon in every size drawn for it (resources/icons), so small sizes stay crisp.
QIcon applicationIcon()
{
    QIcon icon;
    for (int size : { 16, 24, 32, 48, 64, 128, 256 })
        icon.addFile(u":/icons/hookscope-%1.png"_s.arg(size), QSize(size, size));
    return icon;
}

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

void printTo(FILE *stream, const QString &text)
{
    QFile file;
    file.open(stream, QIODevice::WriteOnly);
    file.write(text.toLocal8Bit());
}

// The bundled Solaris catalog, then each --schema file; a bad file is reported and skipped.
SchemaRegistry loadSchemas(const QStringList &files)
{
    SchemaRegistry registry = SchemaRegistry::withBundledCatalog();
    for (const QString &file : files) {
        const ImportReport report = registry.importFile(file);
        for (const QString &error : report.errors)
            printTo(stderr, u"hookscope: %1\n"_s.arg(error));
        for (const QString &warning : report.warnings)
            printTo(stderr, u"hookscope: warning: %1\n"_s.arg(warning));
    }
    return registry;
}

SecretSet savedSecrets()
{
    SecretSet saved;
    if (const QString file = UserFolders::secretsFileToRead(); QFile::exists(file)) {
        if (const auto error = saved.loadFile(file))
            printTo(stderr, u"hookscope: %1\n"_s.arg(*error));
    }
    return saved;
}

// A new session file in FOLDER (the saved setting or --session-dir), else in the default one.
QString newSessionPath(const QString &folder)
{
    if (folder.isEmpty())
        return SessionStore::newDefaultSessionPath();
    if (!QDir(folder).exists() && QDir().mkpath(folder))
        QFile::setPermissions(
            folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    return QDir(folder).filePath(u"session-%1.hookscope"_s.arg(stamp));
}

std::optional<QString> startCapture(CaptureService &capture, AppOptions &options)
{
    SecretSet secrets = savedSecrets();
    secrets.merge(options.secrets);
    options.capture.analyzer =
        std::make_shared<Analyzer>(loadSchemas(options.schemaFiles), SignatureVerifier(secrets));
    if (!options.sessionGiven)
        options.capture.sessionPath = newSessionPath(options.sessionDirectory);
    if (auto error = capture.start(options.capture))
        return error;
    printTo(stderr,
            u"Hookscope listening on %1/ (session %2)\n"_s.arg(capture.listenUrl(),
                                                               capture.sessionPath()));
    if (!options.capture.address.isLoopback())
        printTo(stderr,
                u"Warning: listening on %1, reachable from other machines (--bind 127.0.0.1 "
                "keeps capture on this one).\n"_s.arg(options.capture.address.toString()));
    return std::nullopt;
}

// Starts capture and runs a mode (headless output or the window) until the event loop ends; then
// what is pending is answered and stored before the process ends.
int runWithCapture(AppOptions &options, const std::function<int(CaptureService &)> &mode)
{
    CaptureService capture;
    ShutdownSignals signals;
    // QCoreApplication::instance(), not qApp: with <QApplication> included, qApp casts to a
    // QApplication, which headless mode does not have (UBSan: invalid downcast).
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, QCoreApplication::instance(),
                     &QCoreApplication::quit);
    if (auto error = startCapture(capture, options)) {
        printTo(stderr, u"hookscope: %1\n"_s.arg(*error));
        return 1;
    }
    const int code = mode(capture);
    capture.stop();
    return code;
}

// Headless live forward: each event not delivered gets a line on stderr, and the totals are
// printed at exit, so a slow target's drops are never silent.
struct ForwardTally
{
    qint64 delivered = 0;
    qint64 failed = 0;
    qint64 dropped = 0;

    void count(const DeliveryResult &result)
    {
        if (result.ok())
            return void(++delivered);
        ++failed;
        dropped += result.error == Forwarder::droppedError;
        printTo(stderr,
                u"forward #%1: %2\n"_s.arg(QString::number(result.seq),
                                           HeadlessRunner::terminalSafe(result.error)));
    }
    QString summary() const
    {
        return u"forward: %1 delivered, %2 not forwarded (%3 dropped because the target was too "
               "slow)\n"_s.arg(QString::number(delivered), QString::number(failed),
                               QString::number(dropped));
    }
};

int runHeadless(AppOptions &options, CaptureService &capture)
{
    if (!options.files.isEmpty())
        printTo(
            stderr,
            u"hookscope: FILE arguments load into the window; headless, use 'hookscope import'\n"_s);
    QFile out;
    out.open(STDOUT_FILENO,
             QIODevice::WriteOnly | QIODevice::Unbuffered); // a line as soon as it is stored
    HeadlessRunner runner(options.json, options.filter, &out);
    QObject::connect(&capture, &CaptureService::stored, &runner, &HeadlessRunner::print);
    SessionStore deliveryLog; // this thread's connection, for what forwarding brings back
    // Without it, deliveries are still printed, only not kept.
    std::ignore = deliveryLog.open(capture.sessionPath());
    DeliveryController deliveries(&capture, &deliveryLog);
    ForwardTally tally;
    if (options.forward.isValid()) {
        if (const auto loop = deliveries.startForwarding(options.forward)) {
            printTo(stderr, u"hookscope: %1\n"_s.arg(*loop));
            return 1;
        }
        QObject::connect(&deliveries, &DeliveryController::delivered,
                         [&tally](const DeliveryResult &result) { tally.count(result); });
    }
    const int code = QCoreApplication::exec();
    capture.stop(); // the last batches reach the runner while it still exists
    QCoreApplication::processEvents();
    if (options.forward.isValid()) {
        deliveries.stopForwarding(); // what is still queued or in flight is reported, not lost
        printTo(stderr, tally.summary());
    }
    return code;
}

int runWindow(AppOptions &options, CaptureService &capture)
{
    Session session(&capture);
    MainWindow window(&session);
    if (!options.rulesGiven)
        window.applySavedRules();
    window.setSecrets(savedSecrets(), options.secrets);
    if (!options.files.isEmpty())
        window.loadFiles(options.files);
    if (options.forward.isValid())
        window.startForwarding(options.forward);
    window.show();
    return QApplication::exec();
}
// `hookscope validate|import|export ...` (commands/subcommands.cpp lists them): no window, no
// capture; stdout and stderr as devices.
std::optional<int> runSubcommand(int argc, char **argv)
{
    const QString name = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const Subcommand *command = findSubcommand(name);
    if (!command)
        return std::nullopt;
    QCoreApplication app(argc, argv);
    QFile out, err;
    out.open(stdout, QIODevice::WriteOnly);
    err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    ShutdownSignals::exitOnSignal(); // Ctrl-C ends it at once, or where it cleans up first
    const int code = command->run(argumentsOf(argc, argv).mid(2), out, err);
    return ShutdownSignals::requested() ? ShutdownSignals::exitCode() : code;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(u"hookscope"_s);
    QCoreApplication::setOrganizationName(u"hookscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    if (const auto code = runSubcommand(argc, argv))
        return *code;
    auto parsed = parseCommandLine(argumentsOf(argc, argv), AppSettings::loadCapture());
    if (const auto *info = std::get_if<InfoRequest>(&parsed)) {
        printTo(stdout, info->text);
        return 0;
    }
    if (const auto *error = std::get_if<UsageError>(&parsed)) {
        printTo(stderr, u"hookscope: %1\nTry 'hookscope --help'.\n"_s.arg(error->message));
        return 2;
    }
    AppOptions options = std::get<AppOptions>(parsed);
    AppSettings::makePrivate(); // before the window or anything else writes to it
    if (options.mode == AppOptions::Mode::Window && !hasDisplay()) {
        printTo(stderr, u"No display found: running headless (Ctrl-C to stop).\n"_s);
        options.mode = AppOptions::Mode::Headless;
    }
    if (options.mode == AppOptions::Mode::Headless) {
        QCoreApplication app(argc, argv);
        return runWithCapture(
            options, [&options](CaptureService &capture) { return runHeadless(options, capture); });
    }
    QApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(u"hookscope"_s); // resources/hookscope.desktop
    QApplication::setWindowIcon(applicationIcon());
    // HOOKSCOPE_PALETTE=light|dark: a fixed palette (screenshots, or a desktop that gives none).
    if (const auto palette = Tints::paletteNamed(qEnvironmentVariable("HOOKSCOPE_PALETTE"))) {
        QApplication::setStyle(u"Fusion"_s);
        QApplication::setPalette(*palette);
    }
    return runWithCapture(
        options, [&options](CaptureService &capture) { return runWindow(options, capture); });
}
