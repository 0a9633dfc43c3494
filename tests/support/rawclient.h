#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

// A client connection that writes in pieces and collects what the server sends until it closes.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(1000);
    }
    // Sends BYTES in pieces of SIZE, pausing PAUSEMS between them; stops early if closed.
    void trickle(const QByteArray &bytes, qsizetype size, int pauseMs)
    {
        for (qsizetype i = 0; i < bytes.size() && isConnected(); i += size) {
            send(bytes.mid(i, size));
            QTest::qWait(pauseMs);
            m_received += m_socket.readAll();
        }
    }
    // Everything received until the server closes or TIMEOUTMS pass.
    QByteArray untilClosed(int timeoutMs = 10'000)
    {
        QElapsedTimer timer;
        timer.start();
        while (isConnected() && timer.elapsed() < timeoutMs) {
            m_socket.waitForReadyRead(50);
            m_received += m_socket.readAll();
        }
        m_received += m_socket.readAll();
        return m_received;
    }
    // One complete response (head and Content-Length body), or what arrived until TIMEOUTMS.
    QByteArray response(int timeoutMs = 10'000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs && !complete()) {
            m_socket.waitForReadyRead(50);
            m_received += m_socket.readAll();
            if (!isConnected())
                break;
        }
        return m_received;
    }
    // What arrived until NEEDLE is among it or TIMEOUTMS pass.
    QByteArray until(QByteArrayView needle, int timeoutMs = 10'000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs && !m_received.contains(needle) && isConnected()) {
            m_socket.waitForReadyRead(10);
            m_received += m_socket.readAll();
        }
        m_received += m_socket.readAll();
        return m_received;
    }
    bool closedWithin(int timeoutMs)
    {
        untilClosed(timeoutMs);
        return !isConnected();
    }

private:
    bool complete() const
    {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype at = m_received.toLower().indexOf("content-length:");
        const qsizetype length = at < 0
            ? 0
            : m_received.mid(at + 15, m_received.indexOf('\r', at) - at - 15)
                  .trimmed()
                  .toLongLong();
        return m_received.size() >= end + 4 + length;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};
