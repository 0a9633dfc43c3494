#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

// The real `hookscope --headless` binary as a child process, for tests that must see what a
// user's process does under load and when it dies: its port, its memory, SIGINT and SIGKILL.
class HookscopeProcess
{
public:
    HookscopeProcess();
    ~HookscopeProcess();

    // Starts on 127.0.0.1, port 0, with SESSION and EXTRA arguments; waits for the "listening"
    // line. Returns an error naming what went wrong (with the process's stderr), or nothing.
    // The user's saved settings are not read: the process gets an empty configuration folder.
    std::optional<QString> start(const QString &sessionPath, const QStringList &extra = {});
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }

    // Peak resident set (VmHWM) in KiB from /proc/<pid>/status, while the process runs.
    std::optional<qint64> peakResidentKb() const;
    // SIGINT, then waits: true when the process exited normally with code 0.
    bool interrupt(int timeoutMs); // a hang guard: timeBound(timeoutMs)
    // SIGKILL, then waits until the process is gone.
    void kill();
    // Everything the process wrote on stderr so far (read as it arrives, so the pipe never
    // fills up and stalls the process, while the caller's event loop runs).
    QString standardError() const { return QString::fromUtf8(m_stderr); }

private:
    void sendSignal(int number);

    QTemporaryDir m_config;
    QProcess m_process;
    QByteArray m_stderr;
    quint16 m_port = 0;
};
