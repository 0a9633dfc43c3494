#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Quoting for POSIX shells that keeps every byte and never lets the shell or the terminal act on
// one: output is printable ASCII only (no control characters that a terminal or readline would
// interpret when pasted), and nothing inside the quotes is expanded, bash history ('!')
// included.
class ShellQuote
{
public:
    // One shell word: 'text' when the bytes are printable ASCII, else bash's $'...' with \xHH
    // escapes. No shell string can hold NUL, so callers route such bytes through printfFormat().
    static QByteArray word(QByteArrayView bytes);
    // A single-quoted printf format that prints BYTES exactly (NUL included), e.g. for
    // `printf '...' | curl --data-binary @-`.
    static QByteArray printfFormat(QByteArrayView bytes);
    static bool isPlain(char c) { return c >= 0x20 && c <= 0x7e; }
};
