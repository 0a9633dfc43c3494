#include "httpsyntax.h"

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace HttpSyntax {

bool isTokenChar(char c)
{
    const auto u = uchar(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
        return true;
    return u != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isSafeFieldValue(QByteArrayView value)
{
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool isSafeRequestTarget(QByteArrayView target)
{
    return !target.isEmpty() && std::none_of(target.begin(), target.end(), [](char c) {
        return uchar(c) <= 0x20 || uchar(c) == 0x7f;
    });
}

QString escaped(QByteArrayView bytes, qsizetype maxBytes)
{
    QString text;
    for (const char c : bytes.first(std::min(bytes.size(), maxBytes))) {
        const auto u = uchar(c);
        if (u >= 0x20 && u < 0x7f && c != '\\')
            text += QLatin1Char(c);
        else
            text += u"\\x%1"_s.arg(u, 2, 16, QLatin1Char('0'));
    }
    return bytes.size() > maxBytes ? text + u"..."_s : text;
}

QString headersProblem(const HeaderList &headers)
{
    for (const auto &[name, value] : headers) {
        if (!isToken(name))
            return u"the header name \"%1\" is not an HTTP token"_s.arg(escaped(name));
        if (!isSafeFieldValue(value))
            return u"the value of header %1 contains CR, LF or NUL (\"%2\")"_s.arg(
                QString::fromLatin1(name), escaped(value));
    }
    return {};
}

} // namespace HttpSyntax
