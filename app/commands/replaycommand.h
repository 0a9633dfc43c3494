#pragma once

#include <QStringList>

class QIODevice;

// `hookscope replay --session FILE --to URL [--filter EXPR] [--resign SCHEME:SECRET] [--json]`:
// the window's Replay from the command line. Each event goes out as buildOutgoing() builds it
// (exact body and headers, hop-by-hop headers dropped, Host and Content-Length replaced), the
// target's answer is printed and kept with the event, as the Replays tab shows it.
int runReplay(const QStringList &args, QIODevice &out, QIODevice &err);
