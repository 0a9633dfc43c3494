// The first run on a new machine, through the real binary: no display, an empty home, no
// settings, no session yet. --help and --version answer without creating anything, and a plain
// start goes headless, says so in one line, and names the session file it writes, which is where
// the README says (not in a doubled hookscope/hookscope/ folder).
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestFirstRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QProcessEnvironment freshMachine() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name :
             { u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s, u"XDG_DATA_HOME"_s,
               u"XDG_CONFIG_HOME"_s, u"XDG_RUNTIME_DIR"_s })
            env.remove(name);
        env.insert(u"HOME"_s, m_home.path());
        return env;
    }

    QStringList filesInHome() const
    {
        QStringList files;
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << QDir(m_home.path()).relativeFilePath(it.next());
        return files;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_home.isValid()); }

    void answersWithoutCreatingAnything_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("version") << u"--version"_s << u"hookscope "_s;
        QTest::newRow("help") << u"--help"_s << u"--headless"_s;
    }

    void answersWithoutCreatingAnything()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        QProcess process;
        process.setProcessEnvironment(freshMachine());
        process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE), { option });
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(QString::fromUtf8(process.readAllStandardOutput()).contains(expected),
                 qPrintable(option));
        QCOMPARE(filesInHome(), QStringList());
    }

    void firstStartNamesItsSessionFile()
    {
        QProcess process;
        process.setProcessEnvironment(freshMachine());
        process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE), { u"--port"_s, u"0"_s });
        QByteArray said;
        const QRegularExpression listening(
            u"listening on http://127\\.0\\.0\\.1:\\d+/ \\(session (.+)\\)"_s);
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((said += process.readAllStandardError(),
                                  match = listening.match(QString::fromUtf8(said)),
                                  match.hasMatch()),
                                 30000);
        QVERIFY2(said.startsWith("No display found: running headless"), said.constData());
        const QString session = match.captured(1);
        QCOMPARE(QFileInfo(session).absolutePath(),
                 m_home.filePath(u".local/share/hookscope/sessions"_s));
        QVERIFY(QFileInfo::exists(session));
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    }
};

QTEST_GUILESS_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
