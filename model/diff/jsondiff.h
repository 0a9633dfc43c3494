#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// How one field differs between the left and the right side of a diff.
enum class DiffKind : quint8 {
    Same,
    Added, // only on the right
    Removed, // only on the left
    Changed, // same JSON type, different value
    TypeChanged, // different JSON types (also: object against array)
};

// One difference. pointer is an RFC 6901 JSON Pointer ("" is the root) for JSON, the header name
// for headers. A side that does not have the field holds QJsonValue::Undefined.
struct DiffEntry
{
    QString pointer;
    DiffKind kind = DiffKind::Same;
    QJsonValue left;
    QJsonValue right;
};

// The differences between two JSON values, in document order (members in QJsonObject's key
// order, which is sorted; array elements by index). Containers of the same type on both sides
// are descended into; an added, removed or type-changed container is one entry holding the whole
// value. Arrays are compared by index: an element inserted at the front shows every later
// element as changed, which is what a webhook payload's short arrays need and keeps the diff
// linear. 1 and 1.0 are the same number. The walk is iterative, so nesting depth is bounded by
// memory only, never by the stack.
QList<DiffEntry> diffJson(const QJsonValue &left, const QJsonValue &right);

// "same", "added", "removed", "changed", "type changed".
QString diffKindName(DiffKind kind);

// The shared building blocks of diffJson and DiffTree, which must agree on member order.
namespace JsonDiff {
// Both sides' member names, each once, in QJsonObject's (sorted) order.
QStringList unionKeys(const QJsonObject &left, const QJsonObject &right);
// RFC 6901 reference token: '~' becomes "~0" and '/' becomes "~1".
QString escapeToken(const QString &key);
} // namespace JsonDiff
