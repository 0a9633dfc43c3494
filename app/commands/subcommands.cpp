#include "subcommands.h"

#include "examplecommand.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "inspectcommand.h"
#include "replaycommand.h"
#include "schemacommand.h"
#include "sendcommand.h"
#include "validatecommand.h"

using namespace Qt::StringLiterals;

const QList<Subcommand> &subcommands()
{
    static const QList<Subcommand> list {
        { u"validate"_s, runValidate }, { u"import"_s, runImport }, { u"export"_s, runExport },
        { u"example"_s, runExample },   { u"send"_s, runSend },     { u"replay"_s, runReplay },
        { u"inspect"_s, runInspect },   { u"schema"_s, runSchema },
    };
    return list;
}

const Subcommand *findSubcommand(QStringView name)
{
    for (const Subcommand &command : subcommands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QStringList subcommandNames()
{
    QStringList names;
    for (const Subcommand &command : subcommands())
        names.append(command.name);
    return names;
}
