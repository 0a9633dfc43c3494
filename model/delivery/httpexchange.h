#pragma once

#include "event/deliveryresult.h"
#include "httpresponseparser.h"
#include "outgoingrequest.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

// One request and its response over a connection of its own (HttpClient's worker). Emits
// finished() exactly once, never from inside start(), then deletes itself later.
class HttpExchange : public QObject
{
    Q_OBJECT
public:
    HttpExchange(const OutgoingRequest &request, int timeoutMs, qint64 maxBodyBytes,
                 QObject *parent = nullptr);
    ~HttpExchange() override;

    void start();
    // Ends the exchange now with the given error (e.g. the client is shutting down).
    void abort(const QString &reason);

Q_SIGNALS:
    void finished(const DeliveryResult &result);

private:
    void connectSocket();
    void onConnected();
    void onReadyRead();
    void onClosed();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTimeout();
    void succeed();
    void failWith(const QString &reason);
    void emitOnce(DeliveryResult result);
    DeliveryResult baseResult() const;

    OutgoingRequest m_request;
    int m_timeoutMs;
    HttpResponseParser m_parser;
    QTcpSocket *m_socket = nullptr; // owned (child)
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    qint64 m_startedAt = 0;
    bool m_done = false;
};
