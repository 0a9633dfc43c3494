#pragma once

#include "event/event.h"

#include <QByteArrayView>
#include <QString>

// RFC 9110 syntax that every request Hookscope sends and every response rule must respect, so
// that no byte from a payload, an import or a rule can end a line or start another message.
namespace HttpSyntax {

// RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_"
// / "`" / "|" / "~" / DIGIT / ALPHA
bool isTokenChar(char c);
// One or more tchars: a method or a header name.
bool isToken(QByteArrayView text);
// A header value that cannot end its line: no CR, LF or NUL (RFC 9110 5.5).
bool isSafeFieldValue(QByteArrayView value);
// A request target that cannot split the request line: not empty, no space, control or DEL.
bool isSafeRequestTarget(QByteArrayView target);

// Why these headers cannot go on the wire ("the value of header X-A contains CR, LF or NUL
// (...)"), or empty when all can. Names and values are quoted with their bytes escaped.
QString headersProblem(const HeaderList &headers);
// A byte string as text a person can read, with control and non-ASCII bytes as \xNN.
QString escaped(QByteArrayView bytes, qsizetype maxBytes = 64);

} // namespace HttpSyntax
