#pragma once

#include <QLockFile>
#include <QString>

#include <memory>
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

private:
    SessionLock(const QString &key, const QString &lockPath);

    QString m_key;
    QLockFile m_file;
};
