#include "eventclassifier.h"

#include "schemaregistry.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// Headers that name the event, Solaris's first; other providers' for mixed setups.
constexpr QByteArrayView eventHeaders[] = {
    "Solaris-Webhook-Event-Type",
    "X-GitHub-Event",
    "X-Gitlab-Event",
    "X-Gitea-Event",
    "X-Shopify-Topic",
    "X-Event-Type",
    "X-Webhook-Event",
    "X-Event-Key",
};

// Body fields that carry the event's own type; `data.event_type` is the CREDIT_LINE envelope.
const QStringList bodyTypeFields = { u"event_type"_s, u"type"_s, u"eventType"_s, u"event"_s };

} // namespace

EventClassifier::EventClassifier(const SchemaRegistry &registry)
    : m_registry(registry)
{ }

Classification EventClassifier::classifyByRequest(const Event &event, const QString &action) const
{
    if (const Classification byHeader = fromHeader(event, action);
        byHeader.by != ClassifiedBy::None) {
        return byHeader;
    }
    for (const auto rule : { &EventClassifier::fromFileName, &EventClassifier::fromPath }) {
        const Classification found = (this->*rule)(event);
        if (found.by != ClassifiedBy::None) {
            return found;
        }
    }
    return {};
}

Classification EventClassifier::classify(const Event &event, const QJsonValue &body) const
{
    const Classification byRequest =
        classifyByRequest(event, body.toObject().value(u"action"_s).toString());
    if (byRequest.by != ClassifiedBy::None) {
        return byRequest;
    }
    const Classification byBody = fromBody(body);
    return byBody.by != ClassifiedBy::None ? byBody : inferred(body);
}

Classification EventClassifier::fromHeader(const Event &event, const QString &bodyAction) const
{
    for (const QByteArrayView header : eventHeaders) {
        const QString value = QString::fromUtf8(event.headerValue(header)).trimmed();
        if (value.isEmpty()) {
            continue;
        }
        const QString action = bodyAction.trimmed();
        const QString withAction = action.isEmpty()
            ? QString()
            : m_registry.canonicalEventType(QString(value + u'-' + action));
        return { withAction.isEmpty() ? knownOrAsGiven(value) : withAction, ClassifiedBy::Header };
    }
    return {};
}

// The last path segment that names a known event or URL key: /hooks/identification.
Classification EventClassifier::fromPath(const Event &event) const
{
    const QList<QByteArray> segments = event.path().split('/');
    for (auto it = segments.crbegin(); it != segments.crend(); ++it) {
        const QString segment = QUrl::fromPercentEncoding(*it);
        const QString known =
            segment.isEmpty() ? QString() : m_registry.canonicalEventType(segment);
        if (!known.isEmpty()) {
            return { known, ClassifiedBy::Path };
        }
    }
    return {};
}

// A loaded file named after a known event (IDENTIFICATION.json, identification.json, or
// IDENTIFICATION-3.json as fixtures are saved) says what the user meant it to be: only the
// event's own header names it with more authority.
Classification EventClassifier::fromFileName(const Event &event) const
{
    const QFileInfo file(event.sourceFile);
    if (event.origin != Origin::Loaded || event.sourceFile.isEmpty()
        || file.suffix().compare(u"har"_s, Qt::CaseInsensitive) == 0) // a HAR holds any events
        return {};
    const QString base = file.completeBaseName();
    static const QRegularExpression numbered(u"[-_ ]\\d+$"_s);
    for (const QString &name : { base, QString(base).remove(numbered) }) {
        const QString known = name.isEmpty() ? QString() : m_registry.canonicalEventType(name);
        if (!known.isEmpty())
            return { known, ClassifiedBy::FileName };
    }
    return {};
}

// A type field counts when it names a known event, or looks like another provider's dotted
// event name ("invoice.paid"): CARD_TOKEN_LIFECYCLE's event_type "TOKEN_CREATED" must not.
Classification EventClassifier::fromBody(const QJsonValue &body) const
{
    const QJsonObject object = body.toObject();
    const QJsonObject envelope = object.value(u"data"_s).toObject();
    QStringList values;
    for (const QString &field : bodyTypeFields) {
        values.append(object.value(field).toString().trimmed());
    }
    values.append(envelope.value(u"event_type"_s).toString().trimmed());
    for (const QString &value : values) {
        const QString known = value.isEmpty() ? QString() : m_registry.canonicalEventType(value);
        if (!known.isEmpty()) {
            return { known, ClassifiedBy::BodyField };
        }
    }
    for (const QString &value : values) {
        if (value.contains(u'.') && !value.contains(u' ') && !value.startsWith(u'.')) {
            return { value, ClassifiedBy::BodyField };
        }
    }
    return {};
}

Classification EventClassifier::inferred(const QJsonValue &body) const
{
    const QString match = m_registry.inferEventType(body);
    return match.isEmpty() ? Classification()
                           : Classification { match + u'?', ClassifiedBy::Inferred };
}

QString EventClassifier::knownOrAsGiven(const QString &name) const
{
    const QString known = m_registry.canonicalEventType(name);
    return known.isEmpty() ? name : known;
}
