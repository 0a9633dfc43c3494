#include "hookscopeprocess.h"

#include "timebound.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

#include <csignal>

using namespace Qt::StringLiterals;

HookscopeProcess::HookscopeProcess()
{
    // Discarding the event lines keeps the pipe from filling up and stalling the process.
    m_process.setStandardOutputFile(QProcess::nullDevice());
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_stderr += m_process.readAllStandardError(); });
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, m_config.path());
    m_process.setProcessEnvironment(environment);
}

HookscopeProcess::~HookscopeProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        kill();
}

std::optional<QString> HookscopeProcess::start(const QString &sessionPath, const QStringList &extra)
{
    m_process.start(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                    QStringList { u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                                  u"--session"_s, sessionPath }
                        + extra);
    const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)/"_s);
    const QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        m_process.waitForReadyRead(50);
        m_stderr += m_process.readAllStandardError();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_stderr));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return std::nullopt;
        }
    }
    return u"%1 did not start listening: %2"_s.arg(QStringLiteral(HOOKSCOPE_EXECUTABLE),
                                                   QString::fromUtf8(m_stderr));
}

std::optional<qint64> HookscopeProcess::peakResidentKb() const
{
    QFile status(u"/proc/%1/status"_s.arg(pid()));
    if (!status.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return std::nullopt;
}

// QProcess reports pid 0 once the child is gone, and kill(0, ...) would signal our whole
// process group: signal only a child that still runs.
void HookscopeProcess::sendSignal(int number)
{
    if (m_process.state() != QProcess::NotRunning && pid() > 0)
        ::kill(pid_t(pid()), number);
}

bool HookscopeProcess::interrupt(int timeoutMs)
{
    sendSignal(SIGINT);
    const bool finished = m_process.waitForFinished(int(timeBound(timeoutMs)));
    m_stderr += m_process.readAllStandardError();
    return finished && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

void HookscopeProcess::kill()
{
    sendSignal(SIGKILL);
    m_process.waitForFinished(int(timeBound(10'000)));
    m_stderr += m_process.readAllStandardError();
}
