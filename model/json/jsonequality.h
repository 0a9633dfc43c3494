#pragma once

#include "jsondocument.h"

// JSON Schema's equality of two values (enum, const, uniqueItems): numbers by value, exactly
// (1.0 equals 1, 12345678901234567891 does not equal 12345678901234567890), strings by their
// decoded text, arrays item by item, objects by their members whatever their order (of
// duplicate members the last counts, as JsonDocument::member reads them).
namespace JsonEquality {
bool equal(const JsonDocument &left, int leftId, const JsonDocument &right, int rightId);
bool equalNumbers(QByteArrayView left, QByteArrayView right);
} // namespace JsonEquality
