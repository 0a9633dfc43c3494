#pragma once

#include <QBuffer>
#include <QStringList>

// Runs a subcommand function against in-memory stdout and stderr.
struct CommandRun
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

template<typename Command> CommandRun runCommand(Command command, const QStringList &args)
{
    QBuffer out, err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    CommandRun run;
    run.code = command(args, out, err);
    run.out = out.data();
    run.err = err.data();
    return run;
}
