#include "httptext.h"

namespace HttpText {

QByteArray lineSafe(QByteArray bytes)
{
    for (char &c : bytes) {
        if (c == '\r' || c == '\n' || c == '\0')
            c = ' ';
    }
    return bytes;
}

} // namespace HttpText
