#pragma once

#include "capture/captureservice.h"

#include <QString>

// What the tests that drive a real capture start it with: a free loopback port (port 0), the
// bundled Solaris catalog, the session file at SESSIONPATH.
CaptureOptions loopbackCaptureOptions(const QString &sessionPath);
