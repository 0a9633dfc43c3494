#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

// Colours that mark a row or field (a violation, a diff change, a filter verdict), derived from
// the palette in use so they read as well on a dark palette as on a light one. A tint is the
// palette's Base blended toward the kind's hue, only as far as the palette's Text stays readable
// on it (WCAG 2 contrast ratio of at least 4.5:1).
namespace Tints {
enum class Kind { Error, Warning, Valid, Added, Removed, Changed, TypeChanged };

constexpr double kMinimumContrast = 4.5; // WCAG 2 level AA for normal text

QColor background(Kind kind, const QPalette &palette);
// The pure hue a kind blends toward, before any palette is applied.
QColor hue(Kind kind);

// WCAG 2 relative luminance (sRGB, 0 black .. 1 white) and contrast ratio (1 .. 21).
double relativeLuminance(const QColor &color);
double contrastRatio(const QColor &a, const QColor &b);
bool isDark(const QPalette &palette);

// Complete palettes for the Fusion style, for when the desktop gives none (tests, screenshots,
// HOOKSCOPE_PALETTE=light|dark).
QPalette lightPalette();
QPalette darkPalette();
// "light" or "dark" (any case); nothing for anything else, so the system palette stays.
std::optional<QPalette> paletteNamed(const QString &name);
} // namespace Tints
