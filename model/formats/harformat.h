#pragma once

#include "event/event.h"

#include <QJsonObject>
#include <QString>

class QIODevice;

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) for requests Hookscope captured.
// Extensions, all prefixed with '_' as the spec requires: "_encoding": "base64" on postData for
// bodies that are not UTF-8 (HAR 1.2 has no such field; HAR 1.3's proposal calls it
// "encoding", which we also read), "_valueBase64" on headers that are not UTF-8, and "_seq",
// "_eventType", "_remote" on the entry.
namespace Har {

QJsonObject entry(const Event &event, const QString &eventType, bool redact);

struct Loaded
{
    Event event;
    QString eventType;
    bool hasTime = false; // whether startedDateTime was given
    QString error; // non-empty when the entry cannot be read; names the field
};
Loaded fromEntry(const QJsonValue &entry);

// "http://" + Host header (or 127.0.0.1) + target: HAR needs an absolute URL.
QString urlFor(const Event &event);
// The origin-form target of an absolute or origin-form URL, as written.
QByteArray targetOf(const QString &url);
QString statusText(int status);

} // namespace Har

// Writes a HAR log entry by entry, so a big session never sits in memory as one document.
class HarWriter
{
public:
    explicit HarWriter(QIODevice *device, bool redact = false); // device not owned

    bool add(const Event &event, const QString &eventType = {});
    bool finish();

private:
    bool write(const QByteArray &bytes);

    QIODevice *m_device; // not owned
    bool m_redact;
    bool m_started = false;
    bool m_ok = true;
};
