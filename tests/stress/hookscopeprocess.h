#pragma once

#include <QProcess>
#include <QString>

#include <optional>

// The real `hookscope --headless` binary as a child process, for tests that must see what a
// user's process does under load and when it dies: its port, its memory, SIGINT and SIGKILL.
class HookscopeProcess
{
public:
    HookscopeProcess();
    ~HookscopeProcess();

    // Starts on 127.0.0.1, port 0, with SESSION; waits for the "listening" line. Returns an
    // error naming what went wrong (with the process's stderr), or nothing.
    std::optional<QString> start(const QString &sessionPath);
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }

    // Peak resident set (VmHWM) in KiB from /proc/<pid>/status, while the process runs.
    std::optional<qint64> peakResidentKb() const;
    // SIGINT, then waits: true when the process exited normally with code 0.
    bool interrupt(int timeoutMs);
    // SIGKILL, then waits until the process is gone.
    void kill();
    QString standardError() const { return QString::fromUtf8(m_stderr); }

private:
    void sendSignal(int number);

    QProcess m_process;
    QByteArray m_stderr;
    quint16 m_port = 0;
};
