#pragma once

#include <QStringList>

class QIODevice;

// `hookscope example EVENT [--schema FILE]...` prints a payload that validates against the
// event's schema; `--all --out DIR` writes DIR/<EVENT_TYPE>.json for every event with a body.
int runExample(const QStringList &args, QIODevice &out, QIODevice &err);
