#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// Splits POSIX shell text (as bash would, for what "Copy as cURL" produces) into words and
// operators without running or expanding anything: '...', "...", $'...', backslashes, line
// continuations, comments, and the operators | ; && and newline. $(...), `...` and $VAR are
// kept as literal text.
class ShellWords
{
public:
    struct Token
    {
        enum Kind : quint8 { Word, Pipe, End }; // End: newline, ';' or '&&'
        Kind kind = Word;
        QByteArray text;
        qint64 line = 1; // where the token starts
    };

    // The tokens, or an error (unterminated quote) with its line in ERROR_LINE.
    static std::optional<QList<Token>> split(QByteArrayView text, QString *error,
                                             qint64 *errorLine);

    // What bash's printf prints for FORMAT and ARGS: %%, %s, \NNN, \xHH and the C escapes
    // (%b is taken as %s).
    static QByteArray printf(const QByteArray &format, const QList<QByteArray> &args);
};
