#pragma once

#include "json/jsondocument.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>
#include <vector>

// How one field differs between the left and the right side of a diff.
enum class DiffKind : quint8 {
    Same,
    Added, // only on the right
    Removed, // only on the left
    Changed, // same JSON type, different value
    TypeChanged, // different JSON types (also: object against array)
};

// One difference. pointer is an RFC 6901 JSON Pointer ("" is the root) for JSON, the header name
// for headers. JSON entries name their nodes in the two documents (-1 on the side that does not
// have the field); request-line, header and byte-body entries carry their texts in left and right
// (QJsonValue::Undefined on a side that does not have the row).
struct DiffEntry
{
    QString pointer;
    DiffKind kind = DiffKind::Same;
    QJsonValue left;
    QJsonValue right;
    int leftNode = -1;
    int rightNode = -1;
};

// The differences between two JSON documents (either may be invalid: absent), in display order.
// Both are read as sent (JsonDocument), so:
// - Members are aligned by name, in the sender's order: the left's members in its order, a member
//   only the right has after the member it follows on the right, behind the left's own members
//   there (removed, then added, as a line diff shows a replaced stretch). Moving a member is no
//   difference: JSON objects are unordered (RFC 8259 section 4).
// - A duplicate member is a row of its own: the second "a" on the left against the second "a" on
//   the right, as headers sent twice are compared.
// - Numbers compare by exact value (JsonNumber), whatever their length: 12345678901234567891 and
//   12345678901234567890 differ; 1.50 and 1.5, 1 and 1.0, 100 and 1e2, 0 and -0.0 are the same
//   value. A user comparing two deliveries asks whether the data changed, so a value written
//   differently (also a string with other escapes, "\u0041" and "A") is no difference; the view
//   shows both spellings and says "same value, written differently" (JsonDiff::sameButWritten-
//   Differently).
// - Arrays are compared by index: an element inserted at the front shows every later element as
//   changed, which is what a webhook payload's short arrays need and keeps the diff linear.
// Containers of the same type on both sides are descended into; an added, removed or
// type-changed container is one entry. The walk is iterative, so nesting depth is bounded by
// memory only, never by the stack; byte-identical subtrees are skipped without a walk.
QList<DiffEntry> diffJson(const JsonDocument &left, const JsonDocument &right);

// "same", "added", "removed", "changed", "type changed".
QString diffKindName(DiffKind kind);

// The shared building blocks of diffJson and DiffTree, which must agree on member order.
namespace JsonDiff {
// The members of two containers of the same type as (left node, right node) pairs in display
// order, -1 on a side without that member (see diffJson for the order). Either id may be -1 or
// a scalar: then the other side's members alone.
std::vector<std::pair<int, int>> memberPairs(const JsonDocument &left, int leftId,
                                             const JsonDocument &right, int rightId);
// The kind of the pair itself; Same for two objects or two arrays (their members decide).
DiffKind shallowKind(const JsonDocument &left, int leftId, const JsonDocument &right, int rightId);
// Two scalars of equal value whose source texts differ (1.50 and 1.5, "\u0041" and "A").
bool sameButWrittenDifferently(const JsonDocument &left, int leftId, const JsonDocument &right,
                               int rightId);
// RFC 6901 reference token: '~' becomes "~0" and '/' becomes "~1".
QString escapeToken(const QString &key);
} // namespace JsonDiff
