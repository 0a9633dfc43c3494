#pragma once

#include "violation.h"

#include <QJsonArray>

// Violations as JSON: [{pointer, keyword, severity, message}], as `validate --json` prints them
// (the --headless --json and NDJSON records are written by formats/exporters.h).
namespace EventRecord {
QJsonArray violationsJson(const Violations &violations);
} // namespace EventRecord
