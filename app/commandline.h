#pragma once

#include "capture/captureservice.h"
#include "filter/filter.h"
#include "settings/capturesettings.h"
#include "signature/secretset.h"

#include <QStringList>
#include <QUrl>

#include <variant>

// What the command line asked for (DESIGN.md "Command line"), parsed once by main.
struct AppOptions
{
    enum class Mode { Window, Headless };
    Mode mode = Mode::Window;
    CaptureOptions capture;
    bool sessionGiven = false;
    QString sessionDirectory; // where a new session goes without --session; empty: the default
    bool rulesGiven = false; // --rules FILE (else the window's saved rules apply)
    SecretSet secrets; // --secret SPEC...
    QStringList schemaFiles; // --schema FILE...
    QUrl forward; // --forward URL
    bool json = false; // --headless --json
    Filter filter; // --headless --filter
    QStringList files; // FILE... to load
};

struct UsageError
{
    QString message;
};

struct InfoRequest // --help or --version: print and exit 0
{
    QString text;
};

// DEFAULTS are the saved settings (AppSettings::loadCapture()): the address, port, session folder
// and limits used when the command line does not say; --help shows them.
std::variant<AppOptions, UsageError, InfoRequest>
parseCommandLine(const QStringList &arguments, const CaptureSettings &defaults = {});
