#pragma once

#include <QtGlobal>

// Limits that keep one client from hurting the workstation or the other clients.
struct CaptureLimits
{
    qint64 maxBodyBytes = 10 * 1024 * 1024; // larger declared bodies get 413
    int maxHeaderCount = 100; // more header lines get 431
    qint64 maxHeadBytes = 64 * 1024; // a longer request line + headers gets 431
    int idleTimeoutMs = 30'000; // a silent connection is closed after this

    friend bool operator==(const CaptureLimits &, const CaptureLimits &) = default;
};
