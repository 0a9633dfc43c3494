#pragma once

#include <QStringList>

class QIODevice;

// `hookscope export --session FILE --format har|ndjson|fixtures|curl|httpie|raw --out PATH
// [--filter EXPR] [--redact] [--base-url URL] [--schema FILE]...` (DESIGN.md "Command line").
// ARGS exclude the program and the subcommand; `--out -` writes to OUT. Returns the exit code:
// 0 ok, 1 write error (named on ERR), 2 usage error.
int runExport(const QStringList &args, QIODevice &out, QIODevice &err);
