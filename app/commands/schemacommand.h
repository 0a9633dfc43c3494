#pragma once

#include <QStringList>

class QIODevice;

// `hookscope schema EVENT [--schema FILE]... [--json]`: an event's documented fields as a table
// (field, type, required, description, allowed values, example), or with --json its schema as
// draft-7 JSON Schema with only the definitions it reaches. Exit 0, or 2 for an unknown EVENT.
int runSchema(const QStringList &args, QIODevice &out, QIODevice &err);
