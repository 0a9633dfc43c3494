#pragma once

#include <QStringList>

class QIODevice;

// `hookscope import --session FILE PATH...` (DESIGN.md "Command line"). ARGS exclude the
// program and the subcommand. Returns the exit code: 0 all loaded, 1 some inputs failed (each
// named on ERR), 2 usage error.
int runImport(const QStringList &args, QIODevice &out, QIODevice &err);
