#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

// A replay target for tests: a loopback server on port 0 that records every request's raw
// bytes exactly as received and answers each complete request with a canned raw response,
// after an optional delay, or never.
class LoopbackTarget : public QObject
{
    Q_OBJECT
public:
    static constexpr int never = -1;

    explicit LoopbackTarget(QObject *parent = nullptr);
    ~LoopbackTarget() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path = {}) const;

    // The raw bytes answered to each request; the connection is closed after writing them.
    void setResponse(const QByteArray &raw) { m_response = raw; }
    void setDelayMs(int delayMs) { m_delayMs = delayMs; }

    const QList<QByteArray> &requests() const { return m_requests; }
    int connectionCount() const { return m_connections; }
    int maxOpenConnections() const { return m_maxOpen; }

Q_SIGNALS:
    void requestReceived(const QByteArray &raw);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket);
    // The length of the complete request at the start of data, or -1 while incomplete.
    static qsizetype completeLength(const QByteArray &data);

    QTcpServer m_server;
    QByteArray m_response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
    int m_delayMs = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_requests;
    int m_connections = 0;
    int m_open = 0;
    int m_maxOpen = 0;
};
