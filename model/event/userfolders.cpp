#include "userfolders.h"

#include <QCoreApplication>
#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {
QString underGeneric(QStandardPaths::StandardLocation location)
{
    return QStandardPaths::writableLocation(location) + u'/' + QCoreApplication::applicationName();
}

// Qt's AppDataLocation/AppConfigLocation: <generic>/<organisation>/<application>.
QString legacy(QStandardPaths::StandardLocation location)
{
    return QStandardPaths::writableLocation(location) + u'/' + QCoreApplication::organizationName()
        + u'/' + QCoreApplication::applicationName();
}
} // namespace

namespace UserFolders {
QString data()
{
    return underGeneric(QStandardPaths::GenericDataLocation);
}

QString config()
{
    return underGeneric(QStandardPaths::GenericConfigLocation);
}

QString sessions()
{
    return data() + u"/sessions"_s;
}

QString secretsFile()
{
    return config() + u"/secrets.json"_s;
}

QString secretsFileToRead()
{
    const QString old = legacy(QStandardPaths::GenericConfigLocation) + u"/secrets.json"_s;
    return !QFile::exists(secretsFile()) && QFile::exists(old) ? old : secretsFile();
}

QString legacySessions()
{
    return legacy(QStandardPaths::GenericDataLocation) + u"/sessions"_s;
}
} // namespace UserFolders
