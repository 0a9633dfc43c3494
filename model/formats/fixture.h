#pragma once

#include "event/event.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// The Hookscope fixture: one request as a JSON object that loads back byte-exact
// (format documented in the project README, "Hookscope fixture format").
namespace Fixture {

inline constexpr int version = 1;

// A fixture read from JSON: the event plus the type it was saved with.
struct Loaded
{
    Event event;
    QString eventType;
    bool hasTime = false; // whether "receivedAt" was given
    QString error; // non-empty when the object is not a usable fixture; names the field
};

// An object is a fixture when it carries the "hookscope" marker.
bool isFixture(const QJsonObject &object);
Loaded fromJson(const QJsonObject &object);

// The members of a fixture in their canonical order, as "key": value pairs ready to be joined;
// shared by the pretty fixture file and the compact NDJSON line.
// Values are JSON text; bodyEncoding is empty for text bodies.
struct Members
{
    QByteArray eventType, receivedAt, method, target, bodyEncoding, body;
    QByteArray methodKey = "method", targetKey = "target"; // "...Base64" when not UTF-8
    HeaderList headers; // already redacted when asked
};
Members members(const Event &event, const QString &eventType, bool redact);
// One header as ["name", "value"], or {"name"|"nameBase64", "value"|"valueBase64"} when a
// part is not valid UTF-8.
QByteArray headerJson(const QByteArray &name, const QByteArray &value, bool pretty);
// A JSON string for text that may not be UTF-8: the string itself, or its base64 (flagged).
QByteArray textOrBase64(const QByteArray &bytes, bool *isBase64);

QString isoUtc(qint64 msecsSinceEpoch);
std::optional<qint64> parseIsoTime(const QString &text);

} // namespace Fixture

// The canonical fixture file: pretty-printed, keys in a fixed order, ends with a newline.
QByteArray toFixtureJson(const Event &event, const QString &eventType, bool redact = false);
