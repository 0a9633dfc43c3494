#pragma once

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTemporaryDir>

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

// One JSON object per non-empty line, as --json output writes them.
inline QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

// NAME in DIR with BYTES; its path, or empty when it could not be written.
inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}
