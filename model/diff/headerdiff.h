#pragma once

#include "event/event.h"
#include "jsondiff.h"

// Headers are matched by name, case-insensitively (HTTP/2 lower-cases every name, so case is
// noise). A name sent several times is compared occurrence by occurrence, in order: the second
// "X-Tag" on the left against the second on the right. Rows come grouped by name, names in order
// of first appearance on the left, then names only the right has, in the right's order. Each
// row's pointer is the header name as spelled on the left (on the right if only there); values
// are the raw bytes read as UTF-8, compared byte for byte.

// Every row, Same ones included: what a side-by-side view shows.
QList<DiffEntry> alignHeaders(const HeaderList &left, const HeaderList &right);
// Only the rows that differ.
QList<DiffEntry> diffHeaders(const HeaderList &left, const HeaderList &right);
