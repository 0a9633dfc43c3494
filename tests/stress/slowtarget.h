#pragma once

#include <QTcpServer>

// A forward target that takes its time: each request (head plus Content-Length body) is answered
// 200 after a fixed delay, on keep-alive connections. Counts what it received and answered.
class SlowTarget : public QTcpServer
{
    Q_OBJECT
public:
    explicit SlowTarget(int delayMs, QObject *parent = nullptr);

    qint64 received() const { return m_received; }
    qint64 answered() const { return m_answered; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void readRequests(QTcpSocket *socket);

    int m_delayMs;
    qint64 m_received = 0;
    qint64 m_answered = 0;
};
