#pragma once

#include <QString>

#include <tuple> // std::ignore = ... drops a Status on purpose, visibly
#include <utility>

// What an operation that can fail reports: success, or why not, in words that name the file
// or the step. One way for every SessionStore operation (before: an optional error meaning
// failure, a bool with lastError(), and a private fail()), and it reads the right way round:
//     if (const Status opened = store.open(path); !opened)
//         show(opened.error());
// [[nodiscard]]: an error is a value the caller must look at; dropping one is a warning, and
// `std::ignore = store.addDelivery(...);` says where that is meant.
class [[nodiscard]] Status
{
public:
    Status() = default; // success

    static Status failure(QString error)
    {
        Status status;
        status.m_failed = true;
        status.m_error = std::move(error);
        return status;
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; } // empty on success

private:
    bool m_failed = false;
    QString m_error;
};
