#pragma once

#include <QStringList>

class QIODevice;

// `hookscope validate [--schema FILE]... [--event TYPE] [--json] FILE...` (DESIGN.md "Command
// line"). ARGS exclude the program and the subcommand. Returns the exit code: 0 all valid,
// 1 violations found, 2 usage error or unreadable input.
int runValidate(const QStringList &args, QIODevice &out, QIODevice &err);
