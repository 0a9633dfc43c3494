#include "sendplan.h"

#include "delivery/webhooksender.h"
#include "schema/schemaregistry.h"
#include "settings/limitfields.h"

#include <QHostAddress>
#include <QUuid>

using namespace Qt::StringLiterals;

QString SendPlan::defaultScheme(const SchemaRegistry &registry, const QString &eventType)
{
    return registry.sourceOf(eventType) == SchemaRegistry::bundledLabel ? u"solaris"_s : QString();
}

HeaderList SendPlan::providerHeaders(const QString &scheme, const QString &eventType,
                                     const QByteArray &body, const QByteArray &subscriptionId)
{
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (scheme == u"solaris"_s)
        return WebhookSender::solarisHeaders(eventType, body, id, subscriptionId);
    HeaderList headers { { "Content-Type", "application/json" } };
    if (scheme == u"standard"_s) // the signer keeps this id, so it is the same on every attempt
        headers.append({ "webhook-id", "msg_" + id });
    if (scheme == u"github"_s)
        headers += { { "X-GitHub-Event", eventType.toUtf8() }, { "X-GitHub-Delivery", id } };
    return headers;
}

std::variant<qint64, QString> SendPlan::duration(const QString &option, const QString &text)
{
    const LimitField field {
        option, {}, LimitField::Unit::Milliseconds, 0, 24 * 3600 * 1000, {}, nullptr, nullptr
    };
    return field.parse(text.trimmed());
}

std::variant<QList<qint64>, QString> SendPlan::retrySchedule(const QString &text)
{
    QList<qint64> schedule;
    if (text.trimmed().isEmpty() || text.trimmed() == u"none"_s)
        return schedule;
    for (const QString &part : text.split(u',')) {
        const auto ms = duration(u"retry"_s, part);
        if (const auto *error = std::get_if<QString>(&ms))
            return *error;
        schedule.append(std::get<qint64>(ms));
    }
    return schedule;
}

bool SendPlan::isOwnCapture(const QUrl &target, const QUrl &own)
{
    if (!own.isValid() || target.port(80) != own.port(80))
        return false;
    const QHostAddress host(target.host());
    const QHostAddress ownHost(own.host());
    const bool loopback = target.host() == u"localhost"_s || host.isLoopback();
    return target.host() == own.host()
        || (loopback
            && (ownHost.isLoopback() || ownHost == QHostAddress::AnyIPv4
                || ownHost == QHostAddress::Any || ownHost == QHostAddress::AnyIPv6));
}
