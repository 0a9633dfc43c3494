#pragma once

#include <QtGlobal>

// Limits that keep one client from hurting the workstation or the other clients. Each has a
// command-line option and a setting (app/settings); README "Limits" says what each protects.
struct CaptureLimits
{
    qint64 maxBodyBytes = 10 * 1024 * 1024; // a larger body gets 413 (declared or chunked)
    int maxHeaderCount = 100; // more header lines get 431
    qint64 maxHeadBytes = 64 * 1024; // a longer request line + headers gets 431
    qint64 maxTargetBytes = 8 * 1024; // a longer request target gets 414
    int maxConnections = 512; // connections beyond this many open ones get 503 and are closed
    int idleTimeoutMs = 30'000; // a connection with nothing in progress is closed after this
    int headTimeoutMs = 20'000; // a request line + headers not complete after this get 408
    // A body gets bodyTimeoutMs, plus one second for every minBodyBytesPerSecond received (so
    // a steady sender at that rate never runs out of time and a trickle does): else 408.
    int bodyTimeoutMs = 20'000;
    qint64 minBodyBytesPerSecond = 1024;

    friend bool operator==(const CaptureLimits &, const CaptureLimits &) = default;
};
