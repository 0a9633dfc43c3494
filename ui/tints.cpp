#include "tints.h"

#include <QStyle>
#include <QStyleFactory>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
// How far toward the target a tint goes when the palette leaves room: light tints stay pale.
constexpr double kLightStrength = 0.7;
constexpr double kDarkStrength = 0.85;
constexpr double kStep = 0.02;
// Past this RGB distance from the base a tint shouts (a bright mint row on white); it is toned
// down to it.
constexpr double kMaxDistance = 90;

double distance(const QColor &a, const QColor &b)
{
    const auto square = [](int d) {
        return double(d) * d;
    };
    return std::sqrt(square(a.red() - b.red()) + square(a.green() - b.green())
                     + square(a.blue() - b.blue()));
}

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

// Rounded to 8 bits a channel, as painted: a tint compares equal to the pixels showing it.
QColor blend(const QColor &base, const QColor &hue, double strength)
{
    const auto mix = [strength](int from, int to) {
        return int(std::lround(from + (to - from) * strength));
    };
    return QColor(mix(base.red(), hue.red()), mix(base.green(), hue.green()),
                  mix(base.blue(), hue.blue()));
}

// The kind's hue at the luminance a tint should have on this base: a little darker than a
// light base, a little lighter than a dark one. Blending toward it then adds colour without
// moving far from the base's luminance, which is what keeps the text readable.
QColor targetFor(const QColor &hue, const QColor &base, bool dark)
{
    const double baseLuminance = Tints::relativeLuminance(base);
    const double wanted = dark ? baseLuminance + 0.045 : baseLuminance * 0.62;
    double low = 0.0;
    double high = 1.0;
    QColor target;
    for (int i = 0; i < 20; ++i) { // HSL lightness by bisection: luminance grows with it
        const double lightness = (low + high) / 2;
        target = QColor::fromHslF(hue.hslHueF(), 0.8f, float(lightness)).toRgb();
        (Tints::relativeLuminance(target) < wanted ? low : high) = lightness;
    }
    return target;
}

void setBoth(QPalette &palette, QPalette::ColorRole role, const QColor &active,
             const QColor &disabled)
{
    palette.setColor(QPalette::Active, role, active);
    palette.setColor(QPalette::Inactive, role, active);
    palette.setColor(QPalette::Disabled, role, disabled);
}
} // namespace

namespace Tints {
QColor hue(Kind kind)
{
    switch (kind) {
    case Kind::Error:
    case Kind::Removed:
        return QColor(220, 50, 47);
    case Kind::Warning:
    case Kind::Changed:
        return QColor(230, 160, 0);
    case Kind::Valid:
    case Kind::Added:
        return QColor(40, 170, 70);
    case Kind::TypeChanged:
        return QColor(150, 90, 210);
    }
    return QColor(128, 128, 128);
}

QColor background(Kind kind, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base).toRgb();
    const QColor text = palette.color(QPalette::Text);
    const bool dark = isDark(palette);
    const QColor target = targetFor(hue(kind), base, dark);
    for (double strength = dark ? kDarkStrength : kLightStrength; strength > 0; strength -= kStep) {
        const QColor tint = blend(base, target, strength);
        if (contrastRatio(tint, text) >= kMinimumContrast && distance(tint, base) <= kMaxDistance)
            return tint;
    }
    return QColor(base.rgb()); // the palette itself is unreadable; a tint cannot help
}

double relativeLuminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF())
        + 0.0722 * linear(rgb.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool isDark(const QPalette &palette)
{
    return relativeLuminance(palette.color(QPalette::Base))
        < relativeLuminance(palette.color(QPalette::Text));
}

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    return fusion ? fusion->standardPalette() : QPalette(QColor(239, 239, 239));
}

QPalette darkPalette()
{
    QPalette dark;
    const QColor disabledText(127, 127, 127);
    setBoth(dark, QPalette::Window, QColor(45, 45, 48), QColor(45, 45, 48));
    setBoth(dark, QPalette::WindowText, QColor(232, 232, 232), disabledText);
    setBoth(dark, QPalette::Base, QColor(30, 30, 32), QColor(38, 38, 40));
    setBoth(dark, QPalette::AlternateBase, QColor(40, 40, 43), QColor(40, 40, 43));
    setBoth(dark, QPalette::Text, QColor(232, 232, 232), disabledText);
    setBoth(dark, QPalette::PlaceholderText, QColor(150, 150, 150), disabledText);
    setBoth(dark, QPalette::Button, QColor(55, 55, 58), QColor(50, 50, 52));
    setBoth(dark, QPalette::ButtonText, QColor(232, 232, 232), disabledText);
    setBoth(dark, QPalette::BrightText, QColor(255, 90, 90), QColor(255, 90, 90));
    setBoth(dark, QPalette::Light, QColor(75, 75, 78), QColor(75, 75, 78));
    setBoth(dark, QPalette::Midlight, QColor(62, 62, 65), QColor(62, 62, 65));
    setBoth(dark, QPalette::Mid, QColor(40, 40, 42), QColor(40, 40, 42));
    setBoth(dark, QPalette::Dark, QColor(25, 25, 27), QColor(25, 25, 27));
    setBoth(dark, QPalette::Shadow, QColor(10, 10, 10), QColor(10, 10, 10));
    setBoth(dark, QPalette::Highlight, QColor(38, 110, 190), QColor(70, 70, 72));
    setBoth(dark, QPalette::HighlightedText, QColor(255, 255, 255), disabledText);
    setBoth(dark, QPalette::ToolTipBase, QColor(55, 55, 58), QColor(55, 55, 58));
    setBoth(dark, QPalette::ToolTipText, QColor(232, 232, 232), QColor(232, 232, 232));
    setBoth(dark, QPalette::Link, QColor(110, 170, 255), QColor(110, 170, 255));
    setBoth(dark, QPalette::LinkVisited, QColor(180, 140, 255), QColor(180, 140, 255));
    return dark;
}

std::optional<QPalette> paletteNamed(const QString &name)
{
    if (name.compare(u"light"_s, Qt::CaseInsensitive) == 0)
        return lightPalette();
    if (name.compare(u"dark"_s, Qt::CaseInsensitive) == 0)
        return darkPalette();
    return std::nullopt;
}
} // namespace Tints
