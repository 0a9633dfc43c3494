#include "appsettings.h"

#include "limitfields.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const auto kBind = u"capture/bind"_s;
const auto kPort = u"capture/port"_s;
const auto kSessionDirectory = u"capture/sessionDirectory"_s;

// A stored number, or the default when it is missing, not a number or out of range.
template<typename T>
T boundedValue(const QSettings &settings, const QString &key, T fallback, T minimum, T maximum)
{
    bool ok = false;
    const qlonglong value = settings.value(key).toLongLong(&ok);
    return ok && value >= qlonglong(minimum) && value <= qlonglong(maximum) ? T(value) : fallback;
}
} // namespace

CaptureSettings AppSettings::loadCapture()
{
    const QSettings settings;
    CaptureSettings loaded;
    const QHostAddress address(settings.value(kBind).toString());
    if (!address.isNull())
        loaded.address = address;
    loaded.port = boundedValue<quint16>(settings, kPort, loaded.port, 0, 65535);
    loaded.sessionDirectory = settings.value(kSessionDirectory).toString();
    for (const LimitField &field : limitFields())
        field.set(loaded.limits,
                  boundedValue<qint64>(settings, field.key, field.get(loaded.limits), field.minimum,
                                       field.maximum));
    return loaded;
}

void AppSettings::saveCapture(const CaptureSettings &capture)
{
    makePrivate();
    QSettings settings;
    settings.setValue(kBind, capture.address.toString());
    settings.setValue(kPort, capture.port);
    settings.setValue(kSessionDirectory, capture.sessionDirectory);
    for (const LimitField &field : limitFields())
        settings.setValue(field.key, field.get(capture.limits));
}

void AppSettings::makePrivate()
{
    const QString path = QSettings().fileName();
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.exists())
        file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner);
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}
