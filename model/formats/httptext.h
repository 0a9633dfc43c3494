#pragma once

#include "event/event.h"

// HTTP/1.1 syntax rules shared by the readers and writers of request text.
namespace HttpText {

// RFC 9110 section 5.6.2: tchar and token, what methods and header names are made of.
bool isTokenChar(char c);
bool isToken(QByteArrayView text);
// CR, LF and NUL cannot be part of a request or header line; they become spaces, the way
// RFC 9112 section 5.2 has recipients replace obsolete line folding.
QByteArray lineSafe(QByteArray bytes);

} // namespace HttpText
