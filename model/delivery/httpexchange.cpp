#include "httpexchange.h"

#include "httpclient.h"

#include <QDateTime>
#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

using namespace Qt::StringLiterals;

namespace {

bool isHttps(const QUrl &url)
{
    return url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0;
}

QString targetName(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

} // namespace

HttpExchange::HttpExchange(const OutgoingRequest &request, int timeoutMs, qint64 maxBodyBytes,
                           QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_timeoutMs(timeoutMs)
    , m_parser(maxBodyBytes, request.method.compare("HEAD", Qt::CaseInsensitive) == 0)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpExchange::onTimeout);
}

HttpExchange::~HttpExchange()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void HttpExchange::start()
{
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    m_elapsed.start();
    // Deferred so that finished() never arrives inside send(), even for an unusable request.
    QMetaObject::invokeMethod(this, &HttpExchange::connectSocket, Qt::QueuedConnection);
}

void HttpExchange::abort(const QString &reason)
{
    failWith(reason);
}

void HttpExchange::connectSocket()
{
    if (m_done)
        return;
    if (!m_request.ok())
        return failWith(m_request.error);
    // Whoever built the request: what would smuggle bytes never reaches a socket.
    if (const QString wire = m_request.wireError(); !wire.isEmpty())
        return failWith(u"not sent, it would smuggle bytes into the request: "_s + wire);
    const bool https = isHttps(m_request.url);
    const quint16 port = quint16(m_request.url.port(https ? 443 : 80));
#if QT_CONFIG(ssl)
    if (https && !QSslSocket::supportsSsl())
        return failWith(u"TLS error: TLS is not available on this system"_s);
    m_socket = https ? new QSslSocket(this) : new QTcpSocket(this);
#else
    if (https)
        return failWith(u"TLS error: this build has no TLS support"_s);
    m_socket = new QTcpSocket(this);
#endif
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpExchange::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpExchange::onClosed);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpExchange::onSocketError);
    m_timer.start(m_timeoutMs);
#if QT_CONFIG(ssl)
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket)) {
        connect(ssl, &QSslSocket::encrypted, this, &HttpExchange::onConnected);
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            failWith(u"TLS error: "_s
                     + (errors.isEmpty() ? QString() : errors.first().errorString()));
        });
        ssl->connectToHostEncrypted(m_request.url.host(), port);
        return;
    }
#endif
    connect(m_socket, &QTcpSocket::connected, this, &HttpExchange::onConnected);
    m_socket->connectToHost(m_request.url.host(), port);
}

void HttpExchange::onConnected()
{
    if (!m_done)
        m_socket->write(HttpClient::requestBytes(m_request));
}

void HttpExchange::onReadyRead()
{
    if (m_done)
        return;
    const auto state = m_parser.feed(m_socket->readAll());
    if (state == HttpResponseParser::State::Complete)
        succeed();
    else if (state == HttpResponseParser::State::Error)
        failWith(m_parser.error());
}

void HttpExchange::onClosed()
{
    if (m_done)
        return;
    onReadyRead();
    if (m_done)
        return;
    if (m_parser.finish() == HttpResponseParser::State::Complete)
        succeed();
    else
        failWith(m_parser.error());
}

void HttpExchange::onSocketError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        return onClosed();
    case QAbstractSocket::ConnectionRefusedError:
        return failWith(u"connection refused"_s);
    case QAbstractSocket::HostNotFoundError:
        return failWith(u"host not found"_s);
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return failWith(u"TLS error: "_s + m_socket->errorString());
    default:
        return failWith(m_socket->errorString());
    }
}

void HttpExchange::onTimeout()
{
    failWith(u"timeout after %1 ms"_s.arg(m_timeoutMs));
}

void HttpExchange::succeed()
{
    DeliveryResult result = baseResult();
    result.status = m_parser.status();
    result.reason = m_parser.reason();
    result.headers = m_parser.headers();
    result.body = m_parser.body();
    result.truncated = m_parser.truncated();
    emitOnce(result);
}

void HttpExchange::failWith(const QString &reason)
{
    DeliveryResult result = baseResult();
    result.error = targetName(m_request.url) + u": "_s + reason;
    emitOnce(result);
}

void HttpExchange::emitOnce(DeliveryResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT finished(result);
    deleteLater();
}

DeliveryResult HttpExchange::baseResult() const
{
    DeliveryResult result;
    result.target = m_request.url;
    result.seq = m_request.seq;
    result.at = m_startedAt;
    result.elapsedMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    return result;
}
