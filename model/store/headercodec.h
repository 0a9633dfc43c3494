#pragma once

#include "event/event.h"

// Header lists as a length-prefixed blob: lossless for any bytes (a HAR file may carry values a
// live parser would never produce), and compact.
namespace HeaderCodec {
QByteArray encode(const HeaderList &headers);
// The same into `out`, replacing its contents and keeping its capacity (no allocation per event).
void encodeInto(QByteArray &out, const HeaderList &headers);
HeaderList decode(const QByteArray &blob);
} // namespace HeaderCodec
