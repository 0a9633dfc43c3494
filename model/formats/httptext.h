#pragma once

#include "event/event.h"
#include "http/httpsyntax.h"

// HTTP/1.1 syntax rules shared by the readers and writers of request text.
namespace HttpText {

// RFC 9110 section 5.6.2: tchar and token, what methods and header names are made of (one
// definition, in model/http, shared with capture and the outgoing request check).
using HttpSyntax::isToken;
using HttpSyntax::isTokenChar;
// CR, LF and NUL cannot be part of a request or header line; they become spaces, the way
// RFC 9112 section 5.2 has recipients replace obsolete line folding.
QByteArray lineSafe(QByteArray bytes);

} // namespace HttpText
