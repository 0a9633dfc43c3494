#pragma once

#include "http/capturelimits.h"

#include <QHostAddress>
#include <QString>

// What the user chose in Settings for capture: where to listen, where new sessions go, and the
// limits. The command line overrides any of it for one run.
struct CaptureSettings
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString sessionDirectory; // empty: the user's data directory
    CaptureLimits limits;

    friend bool operator==(const CaptureSettings &, const CaptureSettings &) = default;
};
