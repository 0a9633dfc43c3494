#pragma once

#include <QLockFile>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

// One writing process per session file. Two processes capturing into one file both answered
// 2xx and overwrote each other's rows; now the first to write holds FILE.lock (QLockFile: the
// holder's pid, host and program, and a lock left by a process that died is taken over) and a
// second writer is refused with a message naming the file and that pid. Every store of the
// holding process shares the one lock (the capture thread, the window's reader, deliveries), so
// it is held while any of them is open. Readers that only read (export) take no lock.
class SessionLock
{
public:
    ~SessionLock();
    SessionLock(const SessionLock &) = delete;
    SessionLock &operator=(const SessionLock &) = delete;

    // This process's lock on the session at path, or why it cannot have it.
    static std::variant<std::shared_ptr<SessionLock>, QString> acquire(const QString &path);
    static QString lockPathFor(const QString &sessionPath);

    // Another live process that writes the session at PATH, found without taking or changing
    // anything: for opening it read-only instead (File ▸ Open). None when the lock is free,
    // stale (its process is gone) or this process's own.
    struct Holder
    {
        qint64 pid = 0;
        QString host;
    };
    static std::optional<Holder> heldElsewhere(const QString &path);
    // "PATH is open read-only: Hookscope process PID (on HOST) is writing it".
    static QString readOnlyReason(const QString &path, const Holder &holder);

private:
    SessionLock(const QString &key, const QString &lockPath);

    QString m_key;
    QLockFile m_file;
};
