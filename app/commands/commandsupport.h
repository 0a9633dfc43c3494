#pragma once

#include "schema/schemaregistry.h"

#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;
class QIODevice;

// What the subcommands share: exit codes, writing text to the devices main() hands them, parsing
// with --help, and loading --schema files.
namespace CommandSupport {

inline constexpr int exitOk = 0;
inline constexpr int exitFailed = 1; // violations found, inputs failed, a write failed
inline constexpr int exitUsage = 2; // usage error, unusable input

void write(QIODevice &device, const QString &text);
// "hookscope SUBCOMMAND: MESSAGE\n" on ERR; returns exitUsage so callers can `return usage(...)`.
int usage(QIODevice &err, const QString &subcommand, const QString &message);

// Parses ARGS (without program and subcommand). Returns an exit code when the command is done:
// 0 after printing --help to OUT, 2 after printing the parse error to ERR.
std::optional<int> parse(QCommandLineParser &parser, const QString &subcommand,
                         const QString &synopsis, const QStringList &args, QIODevice &out,
                         QIODevice &err);

// Why PATH, an existing file, cannot be a session: it is not an SQLite database. Checked before
// SessionStore::open(), so a mistyped path (a JSON file, notes) is refused and left untouched.
// An empty file passes: SessionStore makes it a session.
std::optional<QString> notASession(const QString &path);

// The bundled Solaris catalog plus each file, in order; the first unusable file gives its
// errors (naming the file) instead. EVENT_TYPE (`--event`): a single plain JSON Schema file is
// filed under that name, whatever its title or file name.
struct Schemas
{
    std::optional<SchemaRegistry> registry;
    QStringList errors;
    QStringList warnings; // keywords read but not enforced; the files still load
};
Schemas loadSchemas(const QStringList &files, const QString &eventType = {});

} // namespace CommandSupport
