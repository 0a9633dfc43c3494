#include "outgoingrequest.h"

#include "http/httpsyntax.h"
#include "signature/signer.h"

#include <QDateTime>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace {

constexpr std::array<QByteArrayView, 7> hopByHopNames = {
    "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
};

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Header names listed as connection options in any Connection header (RFC 9110 7.6.1).
QList<QByteArray> connectionOptions(const HeaderList &headers)
{
    QList<QByteArray> names;
    for (const auto &[name, value] : headers) {
        if (!sameName(name, "Connection"))
            continue;
        for (const QByteArray &token : value.split(','))
            names.append(token.trimmed());
    }
    return names;
}

bool isHopByHop(const QByteArray &name, const QList<QByteArray> &options)
{
    const auto matches = [&](QByteArrayView other) {
        return sameName(name, other);
    };
    return std::any_of(hopByHopNames.begin(), hopByHopNames.end(), matches)
        || std::any_of(options.begin(), options.end(), matches);
}

// Replaces the first header called name by value in place and drops later ones; appends (or
// prepends) it when there was none.
HeaderList withSingleHeader(const HeaderList &headers, const QByteArray &name,
                            const QByteArray &value, bool prependWhenAbsent)
{
    HeaderList result;
    bool found = false;
    for (const auto &header : headers) {
        if (!sameName(header.first, name)) {
            result.append(header);
        } else if (!found) {
            result.append({ header.first, value });
            found = true;
        }
    }
    if (!found && prependWhenAbsent)
        result.prepend({ name, value });
    else if (!found)
        result.append({ name, value });
    return result;
}

QString targetError(const QUrl &target)
{
    if (!target.isValid())
        return u"invalid target URL \"%1\": %2"_s.arg(target.toString(), target.errorString());
    const QString scheme = target.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return u"target URL \"%1\": scheme must be http or https"_s.arg(target.toString());
    if (target.host().isEmpty())
        return u"target URL \"%1\" has no host"_s.arg(target.toString());
    return {};
}

HeaderList withContentLength(const HeaderList &headers, const QByteArray &body)
{
    const bool present = std::any_of(headers.begin(), headers.end(), [](const auto &header) {
        return sameName(header.first, "Content-Length");
    });
    if (!present && body.isEmpty())
        return headers;
    return withSingleHeader(headers, "Content-Length"_ba, QByteArray::number(body.size()), false);
}

} // namespace

QByteArray OutgoingRequest::toBytes() const
{
    QByteArray bytes = method + ' ' + requestTarget + " HTTP/1.1\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    bytes += "\r\n";
    return bytes + body;
}

QString OutgoingRequest::wireError() const
{
    if (!HttpSyntax::isToken(method))
        return u"the method \"%1\" is not an HTTP token"_s.arg(HttpSyntax::escaped(method));
    if (!HttpSyntax::isSafeRequestTarget(requestTarget))
        return u"the request target \"%1\" contains spaces or control characters"_s.arg(
            HttpSyntax::escaped(requestTarget));
    return HttpSyntax::headersProblem(headers);
}

QByteArray outgoingRequestTarget(const QByteArray &eventTarget, const QUrl &target)
{
    const QByteArray path = target.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty() || path == "/")
        return eventTarget.isEmpty() ? "/"_ba : eventTarget;
    if (target.hasQuery())
        return path + '?' + target.query(QUrl::FullyEncoded).toLatin1();
    const qsizetype question = eventTarget.indexOf('?');
    return question < 0 ? path : path + eventTarget.mid(question);
}

QByteArray hostHeaderValue(const QUrl &target)
{
    const QByteArray host = target.host(QUrl::FullyEncoded).toLatin1();
    QByteArray value = host.contains(':') ? '[' + host + ']' : host;
    const int defaultPort = target.scheme().toLower() == u"https" ? 443 : 80;
    const int port = target.port(defaultPort);
    if (port != defaultPort)
        value += ':' + QByteArray::number(port);
    return value;
}

HeaderList withoutHopByHop(const HeaderList &headers)
{
    const QList<QByteArray> options = connectionOptions(headers);
    HeaderList result;
    for (const auto &header : headers) {
        if (!isHopByHop(header.first, options))
            result.append(header);
    }
    return result;
}

OutgoingRequest buildOutgoing(const Event &event, const QUrl &target, const ResignOptions &resign)
{
    OutgoingRequest request;
    request.url = target;
    request.method = event.method.isEmpty() ? "POST"_ba : event.method;
    request.body = event.body;
    request.seq = event.seq;
    request.error = targetError(target);
    if (!request.ok())
        return request;
    request.requestTarget = outgoingRequestTarget(event.target, target);
    HeaderList headers = withoutHopByHop(event.headers);
    headers = withSingleHeader(headers, "Host"_ba, hostHeaderValue(target), true);
    headers = withContentLength(headers, event.body);
    if (resign.enabled()) {
        const qint64 now = resign.nowSecs > 0 ? resign.nowSecs : QDateTime::currentSecsSinceEpoch();
        const SigningResult signing = signatureHeaders(event, resign.scheme, resign.secret, now);
        if (!signing.ok()) {
            request.error = u"cannot re-sign event #%1 with %2: %3"_s.arg(
                QString::number(event.seq), resign.scheme, signing.error);
            return request;
        }
        headers = withHeaders(headers, signing.headers);
    }
    request.headers = headers;
    if (const QString wire = request.wireError(); !wire.isEmpty())
        request.error = u"event #%1 not sent, it would smuggle bytes into the request: %2"_s.arg(
            QString::number(event.seq), wire);
    return request;
}
