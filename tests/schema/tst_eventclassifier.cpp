#include "schema/eventclassifier.h"
#include "schema/schemaregistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString seedDir = QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds");

QJsonValue seed(const QString &eventType)
{
    QFile file(seedDir + u'/' + eventType + u".json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing seed %s", qPrintable(eventType));
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

Event makeEvent(const QByteArray &target, const HeaderList &headers, const QByteArray &body)
{
    Event event;
    event.method = "POST"_ba;
    event.target = target;
    event.headers = headers;
    event.body = body;
    return event;
}

QJsonValue parsed(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isNull() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(document.object());
}

} // namespace

class TestEventClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void classify_data();
    void classify();
    void everySeedByHeaderPathAndShape_data();
    void everySeedByHeaderPathAndShape();
    void subscriptionCheckIsRecognisedNotViolated();
    void inferredTypeNamesItsSchema();
    void eventAndAction_data();
    void eventAndAction();
    void githubExamplesSentLiveMeetTheirSchema_data();
    void githubExamplesSentLiveMeetTheirSchema();
    void classificationThroughput();
    void loadedFileNamedAfterItsType_data();
    void loadedFileNamedAfterItsType();

private:
    SchemaRegistry m_registry;
    SchemaRegistry m_providers; // the bundled catalog plus GitHub, Stripe and Shopify keys
};

namespace {

const QString githubExtract =
    QStringLiteral(HOOKSCOPE_TEST_DATA "/schema/github/openapi-webhooks-extract.json");

// Stripe and Shopify keyed the way @octokit/openapi-webhooks keys GitHub's: event and action.
const QByteArray otherProviders = R"({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "webhooks": {
    "invoice-paid": {"post": {"requestBody": {"content": {"application/json": {"schema":
        {"type": "object", "required": ["type"], "properties": {"type": {"const": "invoice.paid"}}}}}}}},
    "orders-create": {"post": {"requestBody": {"content": {"application/json": {"schema":
        {"type": "object", "required": ["id"]}}}}}}
  }})"_ba;

QJsonObject githubExample(const QString &name)
{
    QFile file(githubExtract);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(githubExtract));
    }
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(u"components"_s)
        .toObject()
        .value(u"examples"_s)
        .toObject()
        .value(name)
        .toObject()
        .value(u"value"_s)
        .toObject();
}

} // namespace

void TestEventClassifier::initTestCase()
{
    m_registry = SchemaRegistry::withBundledCatalog();
    m_providers = m_registry;
    const ImportReport github = m_providers.importFile(githubExtract);
    QVERIFY2(github.ok(), qPrintable(github.errors.join(u'\n')));
    QCOMPARE(github.importedEvents,
             (QStringList { u"check-run-completed"_s, u"check-run-created"_s, u"ping"_s }));
    QVERIFY(m_providers.importDocument(otherProviders, u"providers.json"_s).ok());
}

void TestEventClassifier::classify_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<ClassifiedBy>("by");

    const QByteArray identification = QJsonDocument(seed(u"IDENTIFICATION"_s).toObject()).toJson();
    QTest::newRow("Solaris header")
        << "/"_ba << HeaderList { { "Solaris-Webhook-Event-Type"_ba, "BOOKING"_ba } } << "{}"_ba
        << u"BOOKING"_s << ClassifiedBy::Header;
    QTest::newRow("header name and value in other case")
        << "/"_ba << HeaderList { { "solaris-webhook-event-type"_ba, "identification"_ba } }
        << identification << u"IDENTIFICATION"_s << ClassifiedBy::Header;
    QTest::newRow("header naming a URL key")
        << "/"_ba
        << HeaderList { { "SOLARIS-WEBHOOK-EVENT-TYPE"_ba, "activation_challenge_created"_ba } }
        << "{}"_ba << u"ACTIVATION_CHALLENGE_CREATION"_s << ClassifiedBy::Header;
    QTest::newRow("unknown type in the header is kept as given")
        << "/"_ba << HeaderList { { "Solaris-Webhook-Event-Type"_ba, "NEW_EVENT_2030"_ba } }
        << "{}"_ba << u"NEW_EVENT_2030"_s << ClassifiedBy::Header;
    QTest::newRow("GitHub header") << "/gh"_ba << HeaderList { { "X-GitHub-Event"_ba, "push"_ba } }
                                   << "{}"_ba << u"push"_s << ClassifiedBy::Header;
    QTest::newRow("header beats path")
        << "/hooks/booking"_ba
        << HeaderList { { "Solaris-Webhook-Event-Type"_ba, "IDENTIFICATION"_ba } } << identification
        << u"IDENTIFICATION"_s << ClassifiedBy::Header;
    QTest::newRow("blank header falls through to the path")
        << "/hooks/identification"_ba << HeaderList { { "Solaris-Webhook-Event-Type"_ba, "  "_ba } }
        << "{}"_ba << u"IDENTIFICATION"_s << ClassifiedBy::Path;
    QTest::newRow("path segment") << "/hooks/identification"_ba << HeaderList() << "{}"_ba
                                  << u"IDENTIFICATION"_s << ClassifiedBy::Path;
    QTest::newRow("path with query and trailing slash")
        << "/hooks/card_authorization_resolved/?x=booking"_ba << HeaderList() << "{}"_ba
        << u"CARD_AUTHORIZATION_RESOLUTION"_s << ClassifiedBy::Path;
    QTest::newRow("last matching segment wins")
        << "/booking/identification"_ba << HeaderList() << "{}"_ba << u"IDENTIFICATION"_s
        << ClassifiedBy::Path;
    QTest::newRow("percent-encoded segment")
        << "/hooks/%49DENTIFICATION"_ba << HeaderList() << "{}"_ba << u"IDENTIFICATION"_s
        << ClassifiedBy::Path;
    QTest::newRow("path beats body")
        << "/hooks/booking"_ba << HeaderList() << "{\"event_type\": \"ACCOUNT_SNAPSHOT\"}"_ba
        << u"BOOKING"_s << ClassifiedBy::Path;
    QTest::newRow("body event_type") << "/hooks"_ba << HeaderList()
                                     << "{\"event_type\": \"ACCOUNT_SNAPSHOT\", \"payload\": {}}"_ba
                                     << u"ACCOUNT_SNAPSHOT"_s << ClassifiedBy::BodyField;
    QTest::newRow("body type") << "/"_ba << HeaderList() << "{\"type\": \"booking\"}"_ba
                               << u"BOOKING"_s << ClassifiedBy::BodyField;
    QTest::newRow("CREDIT_LINE envelope")
        << "/"_ba << HeaderList()
        << "{\"data\": {\"event_type\": \"CREDIT_LINE\", \"entity_uuid\": \"x\"}}"_ba
        << u"CREDIT_LINE"_s << ClassifiedBy::BodyField;
    QTest::newRow("another provider's dotted type")
        << "/"_ba << HeaderList() << "{\"type\": \"invoice.paid\", \"id\": \"evt_1\"}"_ba
        << u"invoice.paid"_s << ClassifiedBy::BodyField;
    QTest::newRow("event_type naming no event is not a type")
        << "/"_ba << HeaderList()
        << QJsonDocument(seed(u"CARD_TOKEN_LIFECYCLE"_s).toObject()).toJson()
        << u"CARD_TOKEN_LIFECYCLE?"_s << ClassifiedBy::Inferred;
    QTest::newRow("structural match") << "/"_ba << HeaderList() << identification
                                      << u"IDENTIFICATION?"_s << ClassifiedBy::Inferred;
    QTest::newRow("nothing matches") << "/"_ba << HeaderList() << "{\"foo\": 1, \"bar\": 2}"_ba
                                     << QString() << ClassifiedBy::None;
    QTest::newRow("not JSON") << "/x"_ba << HeaderList() << "hello"_ba << QString()
                              << ClassifiedBy::None;
    QTest::newRow("empty body, no header")
        << "/"_ba << HeaderList() << QByteArray() << QString() << ClassifiedBy::None;
}

void TestEventClassifier::classify()
{
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, eventType);
    QFETCH(ClassifiedBy, by);
    const EventClassifier classifier(m_registry);
    const Classification result =
        classifier.classify(makeEvent(target, headers, body), parsed(body));
    QCOMPARE(result.eventType, eventType);
    QCOMPARE(result.by, by);
}

void TestEventClassifier::everySeedByHeaderPathAndShape_data()
{
    QTest::addColumn<QString>("eventType");
    for (const QString &file : QDir(seedDir).entryList({ u"*.json"_s }, QDir::Files, QDir::Name)) {
        QTest::newRow(qPrintable(file)) << file.chopped(5);
    }
}

// Each seed example, delivered three ways: with Solaris's header, to its URL key, and bare.
void TestEventClassifier::everySeedByHeaderPathAndShape()
{
    QFETCH(QString, eventType);
    const EventClassifier classifier(m_registry);
    const QJsonValue body = seed(eventType);
    const QByteArray bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);

    const Event withHeader =
        makeEvent("/"_ba, { { "Solaris-Webhook-Event-Type"_ba, eventType.toUtf8() } }, bytes);
    QCOMPARE(classifier.classify(withHeader, body).eventType, eventType);
    QCOMPARE(classifier.classify(withHeader, body).by, ClassifiedBy::Header);

    const Event toKey = makeEvent("/hooks/"_ba + m_registry.urlKey(eventType).toUtf8(), {}, bytes);
    QCOMPARE(classifier.classify(toKey, body).eventType, eventType);
    QCOMPARE(classifier.classify(toKey, body).by, ClassifiedBy::Path);

    const Classification bare = classifier.classify(makeEvent("/"_ba, {}, bytes), body);
    if (eventType == u"ACCOUNT_SNAPSHOT"_s) { // its envelope names itself
        QCOMPARE(bare.eventType, eventType);
        QCOMPARE(bare.by, ClassifiedBy::BodyField);
    } else {
        QCOMPARE(bare.eventType, eventType + u'?');
        QCOMPARE(bare.by, ClassifiedBy::Inferred);
    }
}

void TestEventClassifier::subscriptionCheckIsRecognisedNotViolated()
{
    const Event ping = makeEvent(
        "/hooks"_ba, { { "Solaris-Webhook-Event-Type"_ba, "WEBHOOK-SUBSCRIPTION"_ba } }, {});
    const Classification result =
        EventClassifier(m_registry).classify(ping, QJsonValue(QJsonValue::Undefined));
    QCOMPARE(result.eventType, EventClassifier::subscriptionCheck);
    QCOMPARE(result.by, ClassifiedBy::Header);
    QVERIFY(m_registry.validate(result.eventType, QJsonValue(QJsonValue::Undefined)).isEmpty());
}

// The analyzer can validate against the type exactly as classified, '?' and all.
void TestEventClassifier::inferredTypeNamesItsSchema()
{
    const QJsonValue body = seed(u"IDENTIFICATION"_s);
    const Classification result = EventClassifier(m_registry).inferred(body);
    QCOMPARE(result.eventType, u"IDENTIFICATION?"_s);
    QCOMPARE(m_registry.canonicalEventType(result.eventType), u"IDENTIFICATION"_s);
    QCOMPARE(m_registry.validate(result.eventType, body).size(), 1);
}

// The slowest path: no header, no path, no type field, so every schema is compared.
void TestEventClassifier::classificationThroughput()
{
    QList<QPair<Event, QJsonValue>> work;
    for (const QString &file : QDir(seedDir).entryList({ u"*.json"_s }, QDir::Files, QDir::Name)) {
        const QJsonValue body = seed(file.chopped(5));
        work.append({ makeEvent("/"_ba, {}, QJsonDocument(body.toObject()).toJson()), body });
    }
    const EventClassifier classifier(m_registry);
    QBENCHMARK
    {
        for (const auto &[event, body] : work) {
            classifier.classify(event, body);
        }
    }
}

void TestEventClassifier::loadedFileNamedAfterItsType_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Origin>("origin");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<ClassifiedBy>("by");
    const QString identification = u"IDENTIFICATION"_s;
    QTest::newRow("upper case") << u"/tmp/p/IDENTIFICATION.json"_s << Origin::Loaded << HeaderList()
                                << identification << ClassifiedBy::FileName;
    QTest::newRow("lower case") << u"/tmp/p/identification.json"_s << Origin::Loaded << HeaderList()
                                << identification << ClassifiedBy::FileName;
    QTest::newRow("numbered as fixtures are saved")
        << u"IDENTIFICATION-12.json"_s << Origin::Loaded << HeaderList() << identification
        << ClassifiedBy::FileName;
    QTest::newRow("the header still wins")
        << u"identification.json"_s << Origin::Loaded
        << HeaderList { { "Solaris-Webhook-Event-Type"_ba, "ACCOUNT_SNAPSHOT"_ba } }
        << u"ACCOUNT_SNAPSHOT"_s << ClassifiedBy::Header;
    QTest::newRow("a name that is no type") << u"payload.json"_s << Origin::Loaded << HeaderList()
                                            << u"IDENTIFICATION?"_s << ClassifiedBy::Inferred;
    QTest::newRow("a HAR holds any events")
        << u"identification.har"_s << Origin::Loaded << HeaderList() << u"IDENTIFICATION?"_s
        << ClassifiedBy::Inferred;
}

// A payload file the user named after its type (issue 16, item 10): read as that type, not
// guessed from its shape with a '?'.
void TestEventClassifier::loadedFileNamedAfterItsType()
{
    QFETCH(QString, file);
    QFETCH(Origin, origin);
    QFETCH(HeaderList, headers);
    QFETCH(QString, eventType);
    QFETCH(ClassifiedBy, by);
    const QByteArray body = QJsonDocument(seed(u"IDENTIFICATION"_s).toObject()).toJson();
    Event event = makeEvent("/"_ba, headers, body);
    event.origin = origin;
    event.sourceFile = file;
    const Classification result = EventClassifier(m_registry).classify(event, parsed(body));
    QCOMPARE(result.eventType, eventType);
    QCOMPARE(result.by, by);
    QCOMPARE(classifiedByName(ClassifiedBy::FileName), u"file name"_s);
}

void TestEventClassifier::eventAndAction_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<ClassifiedBy>("by");
    const auto github = [](const QByteArray &event) {
        return HeaderList { { "X-GitHub-Event"_ba, event } };
    };
    QTest::newRow("GitHub event and action")
        << github("check_run"_ba) << R"({"action":"completed"})"_ba << u"check-run-completed"_s
        << ClassifiedBy::Header;
    QTest::newRow("another action") << github("check_run"_ba) << R"({"action":"created"})"_ba
                                    << u"check-run-created"_s << ClassifiedBy::Header;
    QTest::newRow("an action no schema is keyed by keeps the event")
        << github("check_run"_ba) << R"({"action":"rerequested"})"_ba << u"check_run"_s
        << ClassifiedBy::Header;
    QTest::newRow("an event without actions")
        << github("ping"_ba) << R"({"zen":"z","hook_id":1})"_ba << u"ping"_s
        << ClassifiedBy::Header;
    QTest::newRow("action that is not a string")
        << github("check_run"_ba) << R"({"action":7})"_ba << u"check_run"_s << ClassifiedBy::Header;
    QTest::newRow("Stripe body type") << HeaderList() << R"({"type":"invoice.paid"})"_ba
                                      << u"invoice-paid"_s << ClassifiedBy::BodyField;
    QTest::newRow("Shopify topic")
        << HeaderList { { "X-Shopify-Topic"_ba, "orders/create"_ba } } << R"({"id":1})"_ba
        << u"orders-create"_s << ClassifiedBy::Header;
    QTest::newRow("Solaris header ignores a body action")
        << HeaderList { { "Solaris-Webhook-Event-Type"_ba, "BOOKING"_ba } }
        << R"({"action":"completed"})"_ba << u"BOOKING"_s << ClassifiedBy::Header;
}

void TestEventClassifier::eventAndAction()
{
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, eventType);
    QFETCH(ClassifiedBy, by);
    const Classification found =
        EventClassifier(m_providers).classify(makeEvent("/"_ba, headers, body), parsed(body));
    QCOMPARE(found.eventType, eventType);
    QCOMPARE(found.by, by);
}

void TestEventClassifier::githubExamplesSentLiveMeetTheirSchema_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<QString>("example");
    QTest::newRow("check-run-completed") << "check_run"_ba << u"check-run-completed"_s;
    QTest::newRow("check-run-created") << "check_run"_ba << u"check-run-created"_s;
    QTest::newRow("ping") << "ping"_ba << u"ping"_s;
}

// GitHub's own example payloads, delivered as GitHub delivers them, are judged by GitHub's own
// schema for that event and action, and pass it.
void TestEventClassifier::githubExamplesSentLiveMeetTheirSchema()
{
    QFETCH(QByteArray, event);
    QFETCH(QString, example);
    const QJsonObject payload = githubExample(example);
    QVERIFY(!payload.isEmpty());
    const Event delivery = makeEvent("/hooks/github"_ba, { { "X-GitHub-Event"_ba, event } },
                                     QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const Classification found = EventClassifier(m_providers).classify(delivery, payload);
    QCOMPARE(found.eventType, example);
    QVERIFY(m_providers.contains(found.eventType));
    const Violations violations = m_providers.validate(found.eventType, payload);
    QStringList errors;
    for (const Violation &v : violations) {
        if (v.severity == Severity::Error) {
            errors.append(v.pointer + u' ' + v.message);
        }
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestEventClassifier)
#include "tst_eventclassifier.moc"
