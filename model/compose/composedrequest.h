#pragma once

#include "delivery/webhooksender.h"

#include <QString>
#include <QUrl>

#include <variant>

class SchemaRegistry;

// What Compose sends, checked and ready for WebhookSender.
struct ComposedSend
{
    OutgoingWebhook webhook;
    SendOptions options;
    QString note; // what was changed and why (Hookscope's own address: one attempt), or empty
};

// A webhook as the user composes it: an event's body and headers, where to send it, how to sign
// it and how often to try. Starts from a catalog example or from a captured event.
struct ComposedRequest
{
    QString eventType;
    QByteArray body;
    HeaderList headers; // sent in this order; the sender adds the attempt and the signature
    QString target; // as typed: nothing is sent without one
    QString scheme; // "solaris", "standard", "stripe", "github", "hmac"; empty: unsigned
    QByteArray secret;
    QString retry = QStringLiteral("1s,2s,4s");
    QString timeout = QStringLiteral("10s");

    // The event's example (pretty-printed to edit) with its provider's headers and scheme.
    static ComposedRequest fromExample(const SchemaRegistry &registry, const QString &eventType);
    // A captured event's exact body and headers, less those the connection owns (hop-by-hop,
    // Host, Content-Length: the client sets them for the new target).
    static ComposedRequest fromEvent(const SchemaRegistry &registry, const Event &event,
                                     const QString &eventType);

    // The send, or what is wrong (naming the field). A target that is Hookscope's own capture
    // address OWN gets a single attempt: no retry storm into itself.
    std::variant<ComposedSend, QString> plan(const QUrl &own) const;
};
