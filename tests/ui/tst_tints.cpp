// Tints: readable (WCAG contrast >= 4.5 against the palette's text) and visible on light, dark
// and unusual palettes; the severity delegate paints them.
#include "event/violation.h"
#include "models/modelroles.h"
#include "severitydelegate.h"
#include "tints.h"

#include <QStandardItemModel>
#include <QStyleOptionViewItem>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Tints::Kind)

namespace {
QPalette paletteOf(const QColor &base, const QColor &text)
{
    QPalette palette = Tints::lightPalette();
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    return palette;
}

// Euclidean distance in 0..255 RGB: how visibly a tint differs from the plain base.
double distance(const QColor &a, const QColor &b)
{
    const auto square = [](int d) {
        return double(d) * d;
    };
    return std::sqrt(square(a.red() - b.red()) + square(a.green() - b.green())
                     + square(a.blue() - b.blue()));
}

class ExposedDelegate : public SeverityDelegate
{
public:
    using SeverityDelegate::initStyleOption;
    using SeverityDelegate::SeverityDelegate;
};
} // namespace

class TestTints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contrastRatioFollowsWcag_data();
    void contrastRatioFollowsWcag();
    void tintIsReadableAndVisible_data();
    void tintIsReadableAndVisible();
    void unreadablePaletteGetsNoTint();
    void namedPalettes();
    void delegatePaintsSeverity();
};

void TestTints::contrastRatioFollowsWcag_data()
{
    QTest::addColumn<QColor>("a");
    QTest::addColumn<QColor>("b");
    QTest::addColumn<double>("ratio");
    QTest::newRow("black on white") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
    QTest::newRow("same colour") << QColor(120, 30, 200) << QColor(120, 30, 200) << 1.0;
    // WCAG's own borderline examples: #777 on white fails AA narrowly, #767676 passes.
    QTest::newRow("#777777 on white") << QColor(0x77, 0x77, 0x77) << QColor(Qt::white) << 4.48;
    QTest::newRow("#767676 on white") << QColor(0x76, 0x76, 0x76) << QColor(Qt::white) << 4.54;
    QTest::newRow("order does not matter") << QColor(Qt::white) << QColor(0x76, 0x76, 0x76) << 4.54;
}

void TestTints::contrastRatioFollowsWcag()
{
    QFETCH(QColor, a);
    QFETCH(QColor, b);
    QFETCH(double, ratio);
    QVERIFY2(std::abs(Tints::contrastRatio(a, b) - ratio) < 0.01,
             qPrintable(QString::number(Tints::contrastRatio(a, b))));
}

void TestTints::tintIsReadableAndVisible_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<Tints::Kind>("kind");
    const std::pair<const char *, QPalette> palettes[] = {
        { "light", Tints::lightPalette() },
        { "dark", Tints::darkPalette() },
        { "white/black", paletteOf(Qt::white, Qt::black) },
        { "black/white", paletteOf(Qt::black, Qt::white) },
        { "solarized light", paletteOf(QColor(0xfd, 0xf6, 0xe3), QColor(0x58, 0x6e, 0x75)) },
        { "solarized dark", paletteOf(QColor(0x00, 0x2b, 0x36), QColor(0x93, 0xa1, 0xa1)) },
    };
    const std::pair<const char *, Tints::Kind> kinds[] = {
        { "error", Tints::Kind::Error },
        { "warning", Tints::Kind::Warning },
        { "valid", Tints::Kind::Valid },
        { "added", Tints::Kind::Added },
        { "removed", Tints::Kind::Removed },
        { "changed", Tints::Kind::Changed },
        { "type changed", Tints::Kind::TypeChanged },
    };
    for (const auto &[paletteName, palette] : palettes) {
        for (const auto &[kindName, kind] : kinds)
            QTest::addRow("%s %s", paletteName, kindName) << palette << kind;
    }
}

void TestTints::tintIsReadableAndVisible()
{
    QFETCH(QPalette, palette);
    QFETCH(Tints::Kind, kind);
    const QColor tint = Tints::background(kind, palette);
    const QColor base = palette.color(QPalette::Base);
    const double ratio = Tints::contrastRatio(tint, palette.color(QPalette::Text));
    QVERIFY2(ratio >= 4.5, qPrintable(u"contrast %1 on %2"_s.arg(ratio).arg(tint.name())));
    // Visible: palettes with contrast to spare get clear tints; tight ones (solarized's
    // ~5:1) only what the text can afford.
    const bool roomy = Tints::contrastRatio(base, palette.color(QPalette::Text)) >= 7;
    QVERIFY2(distance(tint, base) >= (roomy ? 40 : 15),
             qPrintable(u"%1 hardly differs from base %2"_s.arg(tint.name(), base.name())));
    QVERIFY2(distance(tint, base) <= 91,
             qPrintable(u"%1 shouts on %2"_s.arg(tint.name(), base.name())));
    // It leans toward its hue: the hue's strongest channel grew the most.
    const QColor hue = Tints::hue(kind);
    const int deltas[] = { tint.red() - base.red(), tint.green() - base.green(),
                           tint.blue() - base.blue() };
    const int hueChannel = hue.red() >= hue.green() ? (hue.red() >= hue.blue() ? 0 : 2)
                                                    : (hue.green() >= hue.blue() ? 1 : 2);
    QCOMPARE(int(std::max_element(std::begin(deltas), std::end(deltas)) - std::begin(deltas)),
             hueChannel);
}

void TestTints::unreadablePaletteGetsNoTint()
{
    const QPalette grey = paletteOf(QColor(120, 120, 120), QColor(100, 100, 100));
    QCOMPARE(Tints::background(Tints::Kind::Error, grey), QColor(120, 120, 120));
}

void TestTints::namedPalettes()
{
    QVERIFY(Tints::paletteNamed(u"Dark"_s));
    QVERIFY(Tints::isDark(*Tints::paletteNamed(u"dark"_s)));
    QVERIFY(!Tints::isDark(*Tints::paletteNamed(u"light"_s)));
    QVERIFY(!Tints::paletteNamed(u"system"_s));
    QVERIFY(!Tints::paletteNamed(QString()));
    const QPalette dark = Tints::darkPalette();
    for (auto [back, fore] : { std::pair { QPalette::Window, QPalette::WindowText },
                               { QPalette::Base, QPalette::Text },
                               { QPalette::Button, QPalette::ButtonText },
                               { QPalette::Highlight, QPalette::HighlightedText } })
        QVERIFY(Tints::contrastRatio(dark.color(back), dark.color(fore)) >= 4.5);
}

void TestTints::delegatePaintsSeverity()
{
    QStandardItemModel model(3, 1);
    model.setData(model.index(0, 0), int(Severity::Error), ModelRoles::SeverityRole);
    model.setData(model.index(1, 0), int(Severity::Warning), ModelRoles::SeverityRole);
    model.setData(model.index(2, 0), -1, ModelRoles::SeverityRole);
    ExposedDelegate delegate;
    for (const QPalette &palette : { Tints::lightPalette(), Tints::darkPalette() }) {
        QStyleOptionViewItem option;
        option.palette = palette;
        delegate.initStyleOption(&option, model.index(0, 0));
        QCOMPARE(option.backgroundBrush.color(), Tints::background(Tints::Kind::Error, palette));
        option.backgroundBrush = {};
        delegate.initStyleOption(&option, model.index(1, 0));
        QCOMPARE(option.backgroundBrush.color(), Tints::background(Tints::Kind::Warning, palette));
        option.backgroundBrush = {};
        delegate.initStyleOption(&option, model.index(2, 0));
        QCOMPARE(option.backgroundBrush.style(), Qt::NoBrush);
    }
}

QTEST_MAIN(TestTints)
#include "tst_tints.moc"
