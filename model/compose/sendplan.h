#pragma once

#include "event/event.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <variant>

class SchemaRegistry;

// What sending as a provider takes besides the body, shared by `hookscope send` and Compose so
// both put the same headers on an event and read a retry schedule the same way.
namespace SendPlan {
// The scheme an event is signed with when none is chosen: "solaris" for the bundled catalog's
// events, else none.
QString defaultScheme(const SchemaRegistry &registry, const QString &eventType);
// Headers the provider of SCHEME puts on every attempt of one event (a fresh webhook id; the
// attempt number and the signature are the sender's).
HeaderList providerHeaders(const QString &scheme, const QString &eventType, const QByteArray &body,
                           const QByteArray &subscriptionId);
// "1s,2s,4s" (or "none", or empty: no retries) as milliseconds, or what is wrong with it.
std::variant<QList<qint64>, QString> retrySchedule(const QString &text);
// A duration such as "10s" or "500ms" in milliseconds, or a message naming OPTION.
std::variant<qint64, QString> duration(const QString &option, const QString &text);
// Whether TARGET reaches Hookscope's own capture address OWN (loopback and wildcard binds alike).
bool isOwnCapture(const QUrl &target, const QUrl &own);
} // namespace SendPlan
