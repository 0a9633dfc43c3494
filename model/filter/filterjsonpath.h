#pragma once

#include "filterast.h"
#include "json/jsondocument.h"

#include <QJsonValue>
#include <QList>

namespace FilterJsonPath {
// Every value the path reaches from `root`: none when a step is missing, several through [*].
// Walks step by step without recursion, so a path as long as the expression costs no stack.
// A numeric step works on both arrays (index) and objects (key), as JSON Pointer does.
QList<QJsonValue> resolve(const QJsonValue &root, const QList<JsonPathStep> &path);
// The same over the body as sent: node ids, in document order. A name step takes every member
// of that name, so {"a":1,"a":2} answers json.a == 1 and json.a == 2.
QList<int> resolve(const JsonDocument &document, const QList<JsonPathStep> &path);
// A node as text: strings decoded, numbers and literals as sent, containers compact as sent.
QString text(const JsonDocument &document, int id);
// Which element of an array of `size` a non-[*] step takes: [n] (negative from the end) or a
// numeric name (json.items.0, as JSON Pointer's /items/0); -1 for none.
qsizetype arrayIndex(const JsonPathStep &step, qsizetype size);
// The text a JSON value compares as: strings as they are, numbers as written
// (FilterCompare::numberText), true/false/null, objects and arrays as compact JSON.
QString text(const QJsonValue &value);
} // namespace FilterJsonPath
