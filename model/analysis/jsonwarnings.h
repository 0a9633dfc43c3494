#pragma once

#include "event/violation.h"
#include "json/jsondocument.h"

// What a body's JSON itself deserves a warning for, schema or not: a duplicate member (RFC 8259
// says names SHOULD be unique, and parsers disagree on which one wins, a known way to slip one
// value past a signature check and another past the application) and a lone surrogate escape.
namespace JsonWarnings {
// Appends one warning per duplicate member (keyword `duplicate`) and per string with a lone
// surrogate (keyword `surrogate`), at its pointer, keeping `out` sorted by pointer.
void append(const JsonDocument &document, Violations &out);
} // namespace JsonWarnings
