#pragma once

#include "event/event.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

// Splits a fuzzer's bytes into the parts of a request, so one input reaches every field of an
// Event: a small header of length bytes, then the method, target, header lines and body. The
// same bytes always give the same Event, so a crash input replays exactly.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_bytes(reinterpret_cast<const char *>(data), qsizetype(size))
    { }

    // The next N bytes (fewer at the end).
    QByteArray take(qsizetype n)
    {
        const QByteArray part = m_bytes.sliced(m_at, qMin(n, m_bytes.size() - m_at)).toByteArray();
        m_at += part.size();
        return part;
    }
    quint8 byte() { return m_at < m_bytes.size() ? quint8(m_bytes[m_at++]) : 0; }
    QByteArray rest() { return take(m_bytes.size() - m_at); }

    // An Event whose method, target, header lines and body all come from the input.
    Event event()
    {
        Event e;
        e.seq = byte();
        e.receivedAtMs = qint64(byte()) * 1'000'000'000;
        e.method = take(byte() % 16);
        e.target = take(byte() % 64);
        const int headerCount = byte() % 8;
        for (int i = 0; i < headerCount; ++i) {
            QByteArray name = take(byte() % 32);
            e.headers.append({ name, take(byte() % 64) });
        }
        e.response.status = 100 + byte() * 2;
        e.response.body = take(byte() % 32);
        e.body = rest();
        return e;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_at = 0;
};

// A failed oracle: prints what differed and aborts, which libFuzzer and CTest both report.
[[noreturn]] void fuzzFailure(const char *what, const QByteArray &expected,
                              const QByteArray &actual);
inline void fuzzCheck(bool ok, const char *what, const QByteArray &expected = {},
                      const QByteArray &actual = {})
{
    if (!ok)
        fuzzFailure(what, expected, actual);
}
