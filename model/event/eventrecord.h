#pragma once

#include "event.h"
#include "eventanalysis.h"

#include <QJsonObject>

// The machine-readable record of an event, as `--headless --json` prints it and NDJSON exports
// carry it: {seq, receivedAt, method, target, eventType, classifiedBy, valid,
// violations:[{pointer, keyword, severity, message}], signature, status}.
namespace EventRecord {
QJsonObject toJson(const Event &event, const EventAnalysis &analysis);
QJsonArray violationsJson(const Violations &violations);
QString isoTime(qint64 msecsSinceEpoch); // UTC, with milliseconds
} // namespace EventRecord
