#pragma once

#include "event/event.h"

#include <QSignalSpy>

// The events a spy on CaptureService::stored has seen, once there are at least EXPECTED of them
// (or what there is after the timeout, for the caller's QCOMPARE to report).
QList<Event> storedEvents(const QSignalSpy &stored, int expected, int timeoutMs = 10'000);
