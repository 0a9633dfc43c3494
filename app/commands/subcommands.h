#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

// The subcommands `hookscope NAME ...` runs with no window and no capture (DESIGN.md "Command
// line"). This is the one list: main() dispatches through it, and the command line names it
// when a word is neither a subcommand nor a file (`hookscope schemas`). A new subcommand is one
// entry in subcommands.cpp.
struct Subcommand
{
    QString name;
    // ARGS exclude the program and the subcommand; returns the exit code.
    int (*run)(const QStringList &args, QIODevice &out, QIODevice &err);
};

const QList<Subcommand> &subcommands();
// The entry named NAME, or nullptr.
const Subcommand *findSubcommand(QStringView name);
QStringList subcommandNames();
