#pragma once

#include <QJsonValue>
#include <QString>

// The JSON type of a value as a person reads it: null, boolean, integer, number, string, array,
// object ("" for Undefined). Integers are numbers that Qt keeps as 64-bit integers.
QString jsonTypeName(const QJsonValue &value);
