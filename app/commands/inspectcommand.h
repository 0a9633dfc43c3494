#pragma once

#include <QStringList>

class QIODevice;

// `hookscope inspect [--schema FILE]... [--secret SPEC]... [--event TYPE] [--json] FILE...` and
// `hookscope inspect --session FILE [--filter EXPR] [--json]` (DESIGN.md "Command line"): the
// detail view in a terminal. Per event: request line, headers, signature verdict, then one row
// per node of the Fields tree in the tree's order. Exit codes as `validate`: 0 all valid,
// 1 violations found, 2 usage error or unreadable input.
int runInspect(const QStringList &args, QIODevice &out, QIODevice &err);
