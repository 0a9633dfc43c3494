// The wide-bind banner: shown for addresses other machines reach, hidden for loopback,
// dismissable per address, tinted from the palette.
#include "bindwarning.h"
#include "tints.h"

#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

class TestBindWarning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reachability_data();
    void reachability();
    void showsAndHides();
    void dismissLastsForThatAddress();
    void tintFollowsThePalette();
};

void TestBindWarning::reachability_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("reachable");
    QTest::newRow("IPv4 loopback") << u"127.0.0.1"_s << false;
    QTest::newRow("other IPv4 loopback") << u"127.0.0.2"_s << false;
    QTest::newRow("IPv6 loopback") << u"::1"_s << false;
    QTest::newRow("any IPv4") << u"0.0.0.0"_s << true;
    QTest::newRow("any IPv6") << u"::"_s << true;
    QTest::newRow("LAN address") << u"192.168.1.20"_s << true;
    QTest::newRow("no address") << QString() << false;
}

void TestBindWarning::reachability()
{
    QFETCH(QString, address);
    QFETCH(bool, reachable);
    QCOMPARE(BindWarning::reachableFromOtherMachines(QHostAddress(address)), reachable);
}

void TestBindWarning::showsAndHides()
{
    QWidget window;
    auto *warning = new BindWarning(&window);
    window.show();
    warning->setListenAddress(QHostAddress::LocalHost, 8080);
    QVERIFY(!warning->isVisible());
    QCOMPARE(warning->text(), QString());

    warning->setListenAddress(QHostAddress::AnyIPv4, 8080);
    QVERIFY(warning->isVisible());
    QVERIFY2(
        warning->text().startsWith(u"Listening on 0.0.0.0:8080: reachable from other machines."_s),
        qPrintable(warning->text()));
    warning->setListenAddress(QHostAddress::AnyIPv6, 9000);
    QVERIFY(warning->text().startsWith(u"Listening on [::]:9000:"_s));
    warning->setListenAddress(QHostAddress::LocalHostIPv6, 9000);
    QVERIFY(!warning->isVisible());
}

void TestBindWarning::dismissLastsForThatAddress()
{
    QWidget window;
    auto *warning = new BindWarning(&window);
    window.show();
    warning->setListenAddress(QHostAddress::AnyIPv4, 8080);
    QToolButton *close = warning->findChild<QToolButton *>();
    QVERIFY(close);
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!warning->isVisible());
    warning->setListenAddress(QHostAddress::AnyIPv4, 8080); // a session switch: same address
    QVERIFY(!warning->isVisible());
    warning->setListenAddress(QHostAddress(u"192.168.1.20"_s), 8080);
    QVERIFY(warning->isVisible());
}

void TestBindWarning::tintFollowsThePalette()
{
    for (const QPalette &palette : { Tints::lightPalette(), Tints::darkPalette() }) {
        BindWarning warning;
        warning.setPalette(palette);
        warning.resize(600, 40);
        warning.setListenAddress(QHostAddress::AnyIPv4, 8080);
        const QImage image = warning.grab().toImage();
        const QColor expected = Tints::background(Tints::Kind::Warning, palette);
        QCOMPARE(image.pixelColor(image.width() / 2, 2), expected);
        QVERIFY(Tints::contrastRatio(expected, palette.color(QPalette::Text)) >= 4.5);
    }
}

QTEST_MAIN(TestBindWarning)
#include "tst_bindwarning.moc"
