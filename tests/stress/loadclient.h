#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>

#include <memory>
#include <vector>

class QTcpSocket;

// Drives a fixed number of POST requests over keep-alive connections to 127.0.0.1, one request
// in flight per connection, each with a unique body. Records exactly which bodies were answered
// 2xx, so a test can check that each of them is on disk.
class LoadClient : public QObject
{
    Q_OBJECT
public:
    // BODYTEMPLATE holds "@ID@" where each request's unique id goes; TAG prefixes the ids.
    LoadClient(quint16 port, const QByteArray &bodyTemplate, const QByteArray &tag,
               QObject *parent = nullptr);
    ~LoadClient() override;

    void start(int requests, int connections);
    bool isFinished() const { return m_open == 0; }

    qint64 sent() const { return m_sent; }
    qint64 answered2xx() const { return m_acknowledged.size(); }
    qint64 answeredOther() const { return m_other; }
    qint64 brokenConnections() const { return m_broken; }
    QMap<int, int> statusCounts() const { return m_statuses; }
    const QList<QByteArray> &acknowledgedBodies() const { return m_acknowledged; }

    // Replaces the "id" value of a Solaris seed payload with the "@ID@" placeholder.
    static QByteArray templateFromSeed(const QByteArray &seed);

Q_SIGNALS:
    void acknowledged(qint64 count);
    void finished();

private:
    struct Connection
    {
        QTcpSocket *socket = nullptr; // owned through QObject parenting
        QByteArray buffer;
        QByteArray inFlightBody;
        bool done = false;
    };

    void sendNext(Connection &connection);
    void readResponses(Connection &connection);
    bool takeResponse(Connection &connection);
    void close(Connection &connection, bool broken);

    quint16 m_port;
    QByteArray m_template;
    QByteArray m_tag;
    int m_total = 0;
    qint64 m_sent = 0;
    qint64 m_other = 0;
    qint64 m_broken = 0;
    int m_open = 0;
    QList<QByteArray> m_acknowledged;
    QMap<int, int> m_statuses;
    std::vector<std::unique_ptr<Connection>> m_connections;
};
