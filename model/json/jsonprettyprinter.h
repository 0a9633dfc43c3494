#pragma once

#include "jsondocument.h"

#include <QByteArray>

// Writes a JsonDocument (or one value of it) with fresh indentation and nothing else changed:
// members in the order sent, duplicates kept, every name and scalar copied from its source
// text, so a number or an escape reads exactly as it was sent.
namespace JsonPrettyPrinter {
// indent 0: compact, one line without spaces.
QByteArray print(const JsonDocument &document, int id = 0, int indent = 4);
} // namespace JsonPrettyPrinter
