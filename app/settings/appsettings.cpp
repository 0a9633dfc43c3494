#include "appsettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const auto kBind = u"capture/bind"_s;
const auto kPort = u"capture/port"_s;
const auto kSessionDirectory = u"capture/sessionDirectory"_s;
const auto kMaxBody = u"limits/maxBodyBytes"_s;
const auto kMaxHeaders = u"limits/maxHeaderCount"_s;
const auto kMaxHead = u"limits/maxHeadBytes"_s;
const auto kIdleTimeout = u"limits/idleTimeoutMs"_s;

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
    CaptureLimits &limits = loaded.limits;
    limits.maxBodyBytes =
        boundedValue<qint64>(settings, kMaxBody, limits.maxBodyBytes, 0, qint64(1) << 40);
    limits.maxHeaderCount =
        boundedValue<int>(settings, kMaxHeaders, limits.maxHeaderCount, 1, 100'000);
    limits.maxHeadBytes =
        boundedValue<qint64>(settings, kMaxHead, limits.maxHeadBytes, 256, qint64(1) << 30);
    limits.idleTimeoutMs =
        boundedValue<int>(settings, kIdleTimeout, limits.idleTimeoutMs, 100, 24 * 3600 * 1000);
    return loaded;
}

void AppSettings::saveCapture(const CaptureSettings &capture)
{
    makePrivate();
    QSettings settings;
    settings.setValue(kBind, capture.address.toString());
    settings.setValue(kPort, capture.port);
    settings.setValue(kSessionDirectory, capture.sessionDirectory);
    settings.setValue(kMaxBody, capture.limits.maxBodyBytes);
    settings.setValue(kMaxHeaders, capture.limits.maxHeaderCount);
    settings.setValue(kMaxHead, capture.limits.maxHeadBytes);
    settings.setValue(kIdleTimeout, capture.limits.idleTimeoutMs);
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
