#include "settings/appsettings.h"
#include "settings/limitfields.h"

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
        chosen.limits.maxTargetBytes = 2048;
        chosen.limits.maxConnections = 16;
        chosen.limits.headTimeoutMs = 1500;
        chosen.limits.bodyTimeoutMs = 2500;
        chosen.limits.minBodyBytesPerSecond = 0;
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
        settings.setValue(u"limits/maxConnections"_s, -5);
        settings.setValue(u"limits/headTimeoutMs"_s, 10); // below the 100 ms minimum
        settings.setValue(u"limits/minBodyBytesPerSecond"_s, u"fast"_s);
        settings.sync();
        QCOMPARE(AppSettings::loadCapture(), CaptureSettings {});
    }

    // The settings file and the command line share one table: its defaults are the built-in
    // limits, and every default is within its own range.
    void limitFieldsCoverEveryLimit()
    {
        const CaptureLimits defaults;
        CaptureLimits changed;
        for (const LimitField &field : limitFields()) {
            const qint64 value = field.get(defaults);
            QVERIFY2(value >= field.minimum && value <= field.maximum, qPrintable(field.option));
            QVERIFY(field.key.startsWith(u"limits/"_s));
            field.set(changed, field.minimum == value ? field.maximum : field.minimum);
        }
        // Every member was reached through the table: nothing equals its default any more.
        QVERIFY(changed.maxBodyBytes != defaults.maxBodyBytes);
        QVERIFY(changed.maxHeaderCount != defaults.maxHeaderCount);
        QVERIFY(changed.maxHeadBytes != defaults.maxHeadBytes);
        QVERIFY(changed.maxTargetBytes != defaults.maxTargetBytes);
        QVERIFY(changed.maxConnections != defaults.maxConnections);
        QVERIFY(changed.idleTimeoutMs != defaults.idleTimeoutMs);
        QVERIFY(changed.headTimeoutMs != defaults.headTimeoutMs);
        QVERIFY(changed.bodyTimeoutMs != defaults.bodyTimeoutMs);
        QVERIFY(changed.minBodyBytesPerSecond != defaults.minBodyBytesPerSecond);
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
