#include "appsettings.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"hookscope-test"_s);
        QCoreApplication::setApplicationName(u"tst_appsettings"_s);
    }
    void init() { QFile::remove(QSettings().fileName()); }

    void defaultsWithoutAFile()
    {
        QCOMPARE(AppSettings::loadCapture(), CaptureSettings {});
        QCOMPARE(AppSettings::loadCapture().address, QHostAddress(QHostAddress::LocalHost));
    }

    void savedValuesComeBack()
    {
        CaptureSettings chosen;
        chosen.address = QHostAddress(u"0.0.0.0"_s);
        chosen.port = 9090;
        chosen.sessionDirectory = u"/tmp/sessions"_s;
        chosen.limits.maxBodyBytes = 1024;
        chosen.limits.maxHeaderCount = 7;
        chosen.limits.maxHeadBytes = 4096;
        chosen.limits.idleTimeoutMs = 500;
        AppSettings::saveCapture(chosen);
        QSettings().sync();
        QCOMPARE(AppSettings::loadCapture(), chosen);
    }

    void fileIsUserOnly()
    {
        AppSettings::saveCapture(CaptureSettings {});
        QSettings settings;
        settings.setValue(u"replay/target"_s, u"http://localhost:3000"_s);
        settings.sync();
        const QFile::Permissions permissions = QFile::permissions(settings.fileName());
        QVERIFY(permissions.testFlags(QFile::ReadOwner | QFile::WriteOwner));
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
            | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        QVERIFY(!(permissions & others));
    }

    void badStoredValuesFallBackToDefaults()
    {
        AppSettings::makePrivate();
        QSettings settings;
        settings.setValue(u"capture/port"_s, 70000);
        settings.setValue(u"capture/bind"_s, u"not an address"_s);
        settings.setValue(u"limits/maxBodyBytes"_s, u"lots"_s);
        settings.setValue(u"limits/maxHeaderCount"_s, 0);
        settings.sync();
        QCOMPARE(AppSettings::loadCapture(), CaptureSettings {});
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
