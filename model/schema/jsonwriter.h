#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

// Compact JSON text of a QJsonValue, any value at the root (QJsonDocument writes only objects
// and arrays), numbers as ExactNumbers::textOf reads them.
namespace JsonWriter {
void append(QByteArray &out, const QJsonValue &value);
void appendString(QByteArray &out, QStringView text);
QByteArray write(const QJsonValue &value);
} // namespace JsonWriter
