#pragma once

#include "capturesettings.h"

// The settings file (QSettings, native format) of the user. Payloads, rules and targets end up
// in it, so it is kept readable by the user only (0600), like the session and secrets files.
namespace AppSettings {
CaptureSettings loadCapture();
void saveCapture(const CaptureSettings &settings);
// Creates the file user-only if it does not exist yet and narrows it if it does. QSettings
// rewrites the file through a temporary that keeps the permissions of the one it replaces.
void makePrivate();
} // namespace AppSettings
