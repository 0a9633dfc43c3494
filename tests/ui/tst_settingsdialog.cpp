// Settings: the dialog shows what AppSettings loads, its edits load back the same, and what
// cannot work (an address that is not an IP, a relative folder) blocks OK with the reason.
#include "settings/appsettings.h"
#include "settings/limitfields.h"
#include "settingsdialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init() { QSettings().clear(); }
    void showsLoadedValues();
    void editsRoundTripThroughAppSettings();
    void everyLimitHasAField();
    void invalidLimitBlocksOk_data();
    void invalidLimitBlocksOk();
    void invalidAddressBlocksOk_data();
    void invalidAddressBlocksOk();
    void wideBindWarnsButAllows();
    void sessionFolderChecks();
    void restoreDefaults();

private:
    static CaptureSettings unusual(const QString &folder);
    static void retype(QLineEdit *edit, const QString &text);
    static QPushButton *okButton(const SettingsDialog &dialog)
    {
        return dialog.buttons()->button(QDialogButtonBox::Ok);
    }
    QTemporaryDir m_dir;
};

void TestSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"hookscope-test"_s);
    QCoreApplication::setApplicationName(u"tst_settingsdialog"_s);
    QVERIFY(m_dir.isValid());
}

CaptureSettings TestSettingsDialog::unusual(const QString &folder)
{
    CaptureSettings settings;
    settings.address = QHostAddress(u"::1"_s);
    settings.port = 9090;
    settings.sessionDirectory = folder;
    settings.limits.maxBodyBytes = 2 * 1024 * 1024;
    settings.limits.maxHeaderCount = 50;
    settings.limits.maxHeadBytes = 16 * 1024 + 1;
    settings.limits.idleTimeoutMs = 5'000;
    settings.limits.headTimeoutMs = 1'500;
    settings.limits.maxConnections = 7;
    return settings;
}

void TestSettingsDialog::retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestSettingsDialog::showsLoadedValues()
{
    AppSettings::saveCapture(unusual(m_dir.path()));
    SettingsDialog dialog(AppSettings::loadCapture());
    QCOMPARE(dialog.addressEdit()->text(), u"::1"_s);
    QCOMPARE(dialog.portBox()->value(), 9090);
    QCOMPARE(dialog.sessionDirectoryEdit()->text(), m_dir.path());
    QCOMPARE(dialog.limitEdit(u"max-body"_s)->text(), u"2M"_s);
    QCOMPARE(dialog.limitEdit(u"max-headers"_s)->text(), u"50"_s);
    QCOMPARE(dialog.limitEdit(u"max-head"_s)->text(), u"16385"_s);
    QCOMPARE(dialog.limitEdit(u"idle-timeout"_s)->text(), u"5s"_s);
    QCOMPARE(dialog.limitEdit(u"head-timeout"_s)->text(), u"1500ms"_s);
    QCOMPARE(dialog.limitEdit(u"max-connections"_s)->text(), u"7"_s);
    QCOMPARE(dialog.errorText(), QString());
    QCOMPARE(dialog.warningText(), QString());
    QVERIFY(okButton(dialog)->isEnabled());
    QCOMPARE(dialog.settings(), unusual(m_dir.path()));
}

void TestSettingsDialog::editsRoundTripThroughAppSettings()
{
    SettingsDialog dialog(AppSettings::loadCapture());
    QCOMPARE(dialog.settings(), CaptureSettings {}); // nothing saved yet: the defaults
    retype(dialog.addressEdit(), u"127.0.0.2"_s);
    dialog.portBox()->setValue(0);
    retype(dialog.sessionDirectoryEdit(), m_dir.path());
    retype(dialog.limitEdit(u"max-body"_s), u"512K"_s);
    retype(dialog.limitEdit(u"max-headers"_s), u"7"_s);
    retype(dialog.limitEdit(u"max-head"_s), u"8 KiB"_s);
    retype(dialog.limitEdit(u"idle-timeout"_s), u"2.5s"_s);
    retype(dialog.limitEdit(u"body-timeout"_s), u"1m"_s);
    retype(dialog.limitEdit(u"min-body-rate"_s), QString()); // empty: the default
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    AppSettings::saveCapture(dialog.settings());

    const CaptureSettings loaded = AppSettings::loadCapture();
    QCOMPARE(loaded.address, QHostAddress(u"127.0.0.2"_s));
    QCOMPARE(loaded.port, 0);
    QCOMPARE(loaded.sessionDirectory, m_dir.path());
    QCOMPARE(loaded.limits.maxBodyBytes, 512 * 1024);
    QCOMPARE(loaded.limits.maxHeaderCount, 7);
    QCOMPARE(loaded.limits.maxHeadBytes, 8 * 1024);
    QCOMPARE(loaded.limits.idleTimeoutMs, 2'500);
    QCOMPARE(loaded.limits.bodyTimeoutMs, 60'000);
    QCOMPARE(loaded.limits.minBodyBytesPerSecond, CaptureLimits {}.minBodyBytesPerSecond);
    QCOMPARE(loaded, dialog.settings());
}

void TestSettingsDialog::everyLimitHasAField()
{
    SettingsDialog dialog(CaptureSettings {});
    for (const LimitField &field : limitFields()) {
        QLineEdit *edit = dialog.limitEdit(field.option);
        QVERIFY2(edit, qPrintable(field.option));
        QCOMPARE(edit->text(), field.format(field.get(CaptureLimits {})));
        QVERIFY(edit->toolTip().contains(u"--"_s + field.option));
        QVERIFY(!SettingsDialog::limitLabel(field).isEmpty());
    }
    QCOMPARE(dialog.limitEdit(u"no-such-limit"_s), nullptr);
}

void TestSettingsDialog::invalidLimitBlocksOk_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("size words") << u"max-body"_s << u"ten megs"_s
                                << u"Largest body: \"ten megs\" is not a size in bytes"_s;
    QTest::newRow("count below range")
        << u"max-headers"_s << u"0"_s << u"Most header lines: 0 is out of range (1 to 100000)"_s;
    QTest::newRow("duration unit") << u"idle-timeout"_s << u"5 parsecs"_s
                                   << u"Idle timeout: \"5 parsecs\" is not a duration"_s;
    QTest::newRow("too short") << u"head-timeout"_s << u"10ms"_s
                               << u"Head timeout: 10ms is out of range"_s;
}

void TestSettingsDialog::invalidLimitBlocksOk()
{
    QFETCH(QString, option);
    QFETCH(QString, text);
    QFETCH(QString, error);
    SettingsDialog dialog(CaptureSettings {});
    retype(dialog.limitEdit(option), text);
    QVERIFY2(dialog.errorText().startsWith(error), qPrintable(dialog.errorText()));
    QVERIFY(!okButton(dialog)->isEnabled());
    QCOMPARE(dialog.settings(), CaptureSettings {}); // the unparsable field keeps its value
    retype(dialog.limitEdit(option), QString());
    QCOMPARE(dialog.errorText(), QString());
}

void TestSettingsDialog::invalidAddressBlocksOk_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("host name") << u"localhost"_s;
    QTest::newRow("out of range") << u"300.1.1.1"_s;
    QTest::newRow("with port") << u"127.0.0.1:8080"_s;
    QTest::newRow("empty") << QString();
}

void TestSettingsDialog::invalidAddressBlocksOk()
{
    QFETCH(QString, address);
    SettingsDialog dialog(CaptureSettings {});
    dialog.show();
    retype(dialog.addressEdit(), address);
    QVERIFY2(dialog.errorText().startsWith(u"Bind address:"_s), qPrintable(dialog.errorText()));
    if (!address.isEmpty())
        QVERIFY(dialog.errorText().contains(address));
    QVERIFY(!okButton(dialog)->isEnabled());
    QTest::keyClick(dialog.addressEdit(), Qt::Key_Return); // Enter does not get past it either
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    retype(dialog.addressEdit(), u"127.0.0.1"_s);
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(okButton(dialog)->isEnabled());
}

void TestSettingsDialog::wideBindWarnsButAllows()
{
    SettingsDialog dialog(CaptureSettings {});
    retype(dialog.addressEdit(), u"0.0.0.0"_s);
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY2(dialog.warningText().contains(u"0.0.0.0:8080: reachable from other machines"_s),
             qPrintable(dialog.warningText()));
    QVERIFY(okButton(dialog)->isEnabled());
    dialog.portBox()->setValue(80);
    QVERIFY(dialog.warningText().contains(u"0.0.0.0:80:"_s));
    QVERIFY(dialog.warningText().contains(u"Port 80: ports below 1024"_s));
    retype(dialog.addressEdit(), u"::1"_s);
    dialog.portBox()->setValue(8080);
    QCOMPARE(dialog.warningText(), QString());
    retype(dialog.addressEdit(), u"::"_s);
    QVERIFY2(dialog.warningText().contains(u"[::]:8080"_s), qPrintable(dialog.warningText()));
}

void TestSettingsDialog::sessionFolderChecks()
{
    SettingsDialog dialog(CaptureSettings {});
    retype(dialog.sessionDirectoryEdit(), u"relative/sessions"_s);
    QCOMPARE(dialog.errorText(),
             u"Session folder: \"relative/sessions\" is not an absolute path."_s);
    QVERIFY(!okButton(dialog)->isEnabled());

    const QString file = m_dir.filePath(u"a-file"_s);
    QFile(file).open(QIODevice::WriteOnly);
    retype(dialog.sessionDirectoryEdit(), file);
    QVERIFY2(dialog.errorText().contains(u"is a file, not a folder"_s),
             qPrintable(dialog.errorText()));

    const QString missing = m_dir.filePath(u"new/sessions"_s);
    retype(dialog.sessionDirectoryEdit(), missing);
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(dialog.warningText().contains(u"will be created"_s));
    QVERIFY(okButton(dialog)->isEnabled());
    QCOMPARE(dialog.settings().sessionDirectory, missing);
}

void TestSettingsDialog::restoreDefaults()
{
    SettingsDialog dialog(unusual(m_dir.path()));
    retype(dialog.addressEdit(), u"nonsense"_s);
    QVERIFY(!okButton(dialog)->isEnabled());
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    QCOMPARE(dialog.settings(), CaptureSettings {});
    QCOMPARE(dialog.addressEdit()->text(), u"127.0.0.1"_s);
    QCOMPARE(dialog.limitEdit(u"max-body"_s)->text(), u"10M"_s);
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(okButton(dialog)->isEnabled());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
