#pragma once

#include "event/event.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

// How a replayed or forwarded event is re-signed. An empty scheme sends the captured
// signature headers unchanged.
struct ResignOptions
{
    QString scheme; // "solaris", "standard", "stripe", "github" or "hmac" (see signer.h)
    QByteArray secret;
    qint64 nowSecs = 0; // timestamp for schemes that carry one; 0: the current time

    bool enabled() const { return !scheme.isEmpty(); }
};

// One request exactly as it goes on the wire, apart from the "Connection: close" the client
// appends when absent (HttpClient::requestBytes).
struct OutgoingRequest
{
    QUrl url; // where to connect: scheme (http/https), host and port
    QByteArray method;
    QByteArray requestTarget; // origin-form: path and query
    HeaderList headers;
    QByteArray body;
    qint64 seq = 0; // the event's sequence number, carried into the DeliveryResult
    QString error; // why the request cannot be sent (bad target URL, re-signing failed)

    bool ok() const { return error.isEmpty(); }
    // Why these bytes must not be sent, or empty: a method or header name that is not an HTTP
    // token, a header value with CR, LF or NUL, a target with spaces or control bytes. Any of
    // them would let a payload inject headers or a second request (request smuggling), so the
    // request is refused, never cleaned. Every request HttpClient sends passes this check.
    QString wireError() const;
    // Request line, header lines and the blank line, then the body: HTTP/1.1, CRLF endings.
    QByteArray toBytes() const;
};

// Builds the request that replays event against target.
//
// Request target: when target's path is empty or "/", the event's own target (path and query)
// is sent, so "http://127.0.0.1:3000" receives "/hooks/booking?x=1" as captured. Otherwise the
// user named the endpoint: target's path is sent as written, with target's query when it has
// one, else the event's query ("http://127.0.0.1:3000/webhooks" + "/hooks/booking?x=1" ->
// "/webhooks?x=1").
//
// Headers keep their order, case and duplicates, except:
//  - hop-by-hop headers are removed (RFC 9110 7.6.1): Connection, Keep-Alive, Proxy-Connection,
//    Transfer-Encoding, TE, Trailer, Upgrade, and every header named in a Connection value;
//  - Host is replaced in place by target's host[:port] (port only when not the scheme's
//    default); added first when the event had none, as HTTP/1.1 requires it;
//  - Content-Length is set to the body's size in place (later duplicates dropped); added last
//    when absent and the body is not empty (the body was de-chunked on capture);
//  - with resign enabled, the scheme's signature headers replace the captured ones in place
//    (withHeaders), or are appended.
// The method and the body are sent exactly as captured (an empty method, as a bare payload
// loaded from disk has, is sent as POST). A request that fails wireError() comes back with that
// error, naming the event: it is reported, never sent.
OutgoingRequest buildOutgoing(const Event &event, const QUrl &target,
                              const ResignOptions &resign = {});

// The request target (path and query) sent for event to target, by the rule above.
QByteArray outgoingRequestTarget(const QByteArray &eventTarget, const QUrl &target);
// The Host header value for target: host, IPv6 in brackets, ":port" unless the default.
QByteArray hostHeaderValue(const QUrl &target);
// Headers without the hop-by-hop ones (see buildOutgoing).
HeaderList withoutHopByHop(const HeaderList &headers);
