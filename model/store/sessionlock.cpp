#include "sessionlock.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRecursiveMutex>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// The locks this process holds, by the session's absolute path: shared, not taken twice.
QRecursiveMutex registryMutex; // recursive: a lock refused inside acquire() is destroyed there
QHash<QString, std::weak_ptr<SessionLock>> &registry()
{
    static QHash<QString, std::weak_ptr<SessionLock>> locks;
    return locks;
}

QString holderOf(QLockFile &file, const QString &path)
{
    qint64 pid = 0;
    QString host, program;
    if (!file.getLockInfo(&pid, &host, &program))
        return u"%1: another process is writing this session (see %2)"_s.arg(
            path, SessionLock::lockPathFor(path));
    return u"%1: another Hookscope process (pid %2%3) is writing this session; one process "
           "writes a session at a time (export can still read it)"_s.arg(
               path, QString::number(pid), host.isEmpty() ? QString() : u" on "_s + host);
}
} // namespace

SessionLock::SessionLock(const QString &key, const QString &lockPath)
    : m_key(key)
    , m_file(lockPath)
{
    // A live holder keeps its lock however long it captures: only a dead one's is taken over.
    m_file.setStaleLockTime(0);
}

SessionLock::~SessionLock()
{
    const QMutexLocker locker(&registryMutex);
    const auto it = registry().constFind(m_key);
    if (it != registry().cend() && it->expired())
        registry().erase(it);
}

QString SessionLock::lockPathFor(const QString &sessionPath)
{
    return sessionPath + u".lock"_s;
}

std::variant<std::shared_ptr<SessionLock>, QString> SessionLock::acquire(const QString &path)
{
    const QString key = QFileInfo(path).absoluteFilePath();
    const QMutexLocker locker(&registryMutex);
    if (std::shared_ptr<SessionLock> held = registry().value(key).lock())
        return held;
    std::shared_ptr<SessionLock> lock(new SessionLock(key, lockPathFor(key)));
    if (!lock->m_file.tryLock(0)) {
        switch (lock->m_file.error()) {
        case QLockFile::LockFailedError:
            return holderOf(lock->m_file, path);
        case QLockFile::PermissionError:
            return u"%1: cannot write in the folder %2 (no permission to create %3)"_s.arg(
                path, QDir::toNativeSeparators(QFileInfo(path).absolutePath()),
                QFileInfo(lockPathFor(path)).fileName());
        default:
            return u"%1: cannot lock the session (%2)"_s.arg(path, lockPathFor(path));
        }
    }
    registry().insert(key, lock);
    return lock;
}

std::optional<SessionLock::Holder> SessionLock::heldElsewhere(const QString &path)
{
    QLockFile file(lockPathFor(QFileInfo(path).absoluteFilePath()));
    qint64 pid = 0;
    QString host, program;
    if (!file.getLockInfo(&pid, &host, &program) || pid == qint64(::getpid()))
        return std::nullopt;
    // QLockFile's own test for a stale lock, without taking it over: the holder is gone.
    const bool local = host.isEmpty() || host == QSysInfo::machineHostName();
    if (local && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return std::nullopt;
    return Holder { pid, host };
}

QString SessionLock::readOnlyReason(const QString &path, const Holder &holder)
{
    return u"%1 is open read-only: Hookscope process %2%3 is writing it"_s.arg(
        QFileInfo(path).fileName(), QString::number(holder.pid),
        holder.host.isEmpty() || holder.host == QSysInfo::machineHostName()
            ? QString()
            : u" on "_s + holder.host);
}
