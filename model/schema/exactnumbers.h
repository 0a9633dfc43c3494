#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// Schema numbers as written. Schemas travel as QJsonValue, whose numbers are doubles (or 64-bit
// integers): 12345678901234567889 and 1e400 do not survive that. Where a numeric keyword's value
// holds a number that is not what its double reads back as (anywhere inside an enum's or a
// const's value), the reader leaves the value's JSON source text beside it as
// "x-hookscope-exact-<keyword>", which SchemaText writes in place of the value for valijson
// and SchemaGraph reads for messages.
namespace ExactNumbers {
// minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, const, enum
bool isNumericKeyword(QStringView keyword);
QString annotationKey(QStringView keyword);
// TEXT is a JSON number that a double does not hold (its shortest text reads back otherwise).
bool isLossy(QByteArrayView text);
// The number VALUE holds, as Qt keeps it: an integer, or a double by its shortest text.
QString textOf(const QJsonValue &value);
// ROOT, read by Qt from the JSON SOURCE, with the annotations for its lossy numeric keywords.
QJsonValue annotate(const QJsonValue &root, const QByteArray &source);
} // namespace ExactNumbers
