#include "loadclient.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

LoadClient::LoadClient(quint16 port, const QByteArray &bodyTemplate, const QByteArray &tag,
                       QObject *parent)
    : QObject(parent)
    , m_port(port)
    , m_template(bodyTemplate)
    , m_tag(tag)
{ }

LoadClient::~LoadClient() = default;

QByteArray LoadClient::templateFromSeed(const QByteArray &seed)
{
    static const QRegularExpression id(uR"("id"\s*:\s*"[^"]*")"_s);
    return QString::fromUtf8(seed).replace(id, uR"("id": "@ID@")"_s).toUtf8();
}

void LoadClient::start(int requests, int connections)
{
    m_total = requests;
    for (int i = 0; i < connections; ++i) {
        auto connection = std::make_unique<Connection>();
        Connection *raw = connection.get();
        raw->socket = new QTcpSocket(this);
        connect(raw->socket, &QTcpSocket::connected, this, [this, raw] { sendNext(*raw); });
        connect(raw->socket, &QTcpSocket::readyRead, this, [this, raw] { readResponses(*raw); });
        // Whatever the server sent before dying is still read first (readyRead comes before).
        connect(raw->socket, &QTcpSocket::disconnected, this, [this, raw] { close(*raw, true); });
        connect(raw->socket, &QTcpSocket::errorOccurred, this, [this, raw] { close(*raw, true); });
        m_connections.push_back(std::move(connection));
        ++m_open;
        raw->socket->connectToHost(QHostAddress::LocalHost, m_port);
    }
}

void LoadClient::sendNext(Connection &connection)
{
    if (m_sent >= m_total)
        return close(connection, false);
    const QByteArray id = m_tag + '-' + QByteArray::number(m_sent++);
    connection.inFlightBody = QByteArray(m_template).replace("@ID@", id);
    connection.socket->write("POST /hooks/identification HTTP/1.1\r\nHost: 127.0.0.1:"_ba
                             + QByteArray::number(m_port)
                             + "\r\nContent-Type: application/json\r\n"
                               "Solaris-Webhook-Event-Type: IDENTIFICATION\r\n"
                               "Content-Length: "_ba
                             + QByteArray::number(connection.inFlightBody.size()) + "\r\n\r\n"_ba
                             + connection.inFlightBody);
}

void LoadClient::readResponses(Connection &connection)
{
    connection.buffer += connection.socket->readAll();
    while (!connection.done && takeResponse(connection))
        sendNext(connection);
}

// Takes one complete response off the buffer, if there is one, and records its status.
bool LoadClient::takeResponse(Connection &connection)
{
    const qsizetype headEnd = connection.buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QByteArray head = connection.buffer.left(headEnd);
    static const QRegularExpression length(u"(?i)\r\ncontent-length:\\s*(\\d+)"_s);
    const qsizetype bodySize = length.match(QString::fromLatin1(head)).captured(1).toLongLong();
    if (connection.buffer.size() < headEnd + 4 + bodySize)
        return false;
    connection.buffer.remove(0, headEnd + 4 + bodySize);
    const int status = head.mid(9, 3).toInt(); // "HTTP/1.1 200 OK"
    ++m_statuses[status];
    if (status >= 200 && status < 300) {
        m_acknowledged.append(connection.inFlightBody);
        Q_EMIT acknowledged(m_acknowledged.size());
    } else {
        ++m_other;
    }
    connection.inFlightBody.clear();
    return true;
}

void LoadClient::close(Connection &connection, bool broken)
{
    if (connection.done)
        return;
    if (broken) {
        // A response that arrived just before the peer vanished still counts.
        connection.buffer += connection.socket->readAll();
        while (takeResponse(connection)) { }
        ++m_broken;
    }
    connection.done = true;
    connection.socket->disconnectFromHost();
    if (--m_open == 0)
        Q_EMIT finished();
}
