#include "sendcommand.h"

#include "commandsupport.h"
#include "compose/sendplan.h"
#include "delivery/webhooksender.h"
#include "formats/importer.h"
#include "schema/eventexample.h"
#include "settings/appsettings.h"
#include "signature/secretset.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"send"_s;
const QString kSynopsis =
    u"Usage: hookscope send --to URL (--event TYPE [--body FILE] | FILE...)\n"
    "                      [--secret SCHEME:SECRET] [--header 'N: V']... [--retry 1s,2s,4s]\n"
    "                      [--timeout 10s] [--interval 0s] [--json] [--schema FILE]...\n\n"
    "Sends payloads to URL as their provider would: its headers, a signature over the exact\n"
    "body, attempts numbered and retried. Solaris rules: 2xx accepted; 410 and 422 end the\n"
    "delivery; any other status, a timeout or a connection error is retried on --retry\n"
    "(Solaris itself retries with exponential backoff for up to five days).\n"
    "Exit status: 0 every event accepted, 1 one rejected or out of retries, 2 usage error.\n"_s;

struct Parsed
{
    SendOptions options;
    QList<OutgoingWebhook> webhooks;
    bool json = false;
};

// The type a loaded payload is sent as: what its file recorded, a Solaris header, the file's
// name, else the shape of its body.
QString typeOf(const SchemaRegistry &registry, const Event &event, const QString &recorded)
{
    for (const QString &candidate :
         { recorded, QString::fromUtf8(event.headerValue("Solaris-Webhook-Event-Type")),
           QFileInfo(event.sourceFile).completeBaseName() }) {
        if (!candidate.isEmpty() && !registry.canonicalEventType(candidate).isEmpty())
            return registry.canonicalEventType(candidate);
    }
    return registry.inferEventType(QJsonDocument::fromJson(event.body).object());
}

std::optional<QString> loadWebhooks(const QCommandLineParser &parser,
                                    const SchemaRegistry &registry, Parsed &parsed,
                                    const QString &defaultScheme)
{
    const QByteArray subscriptionId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const auto add = [&](const QString &label, const QString &type, const QByteArray &body) {
        const QString scheme =
            !defaultScheme.isEmpty() ? defaultScheme : SendPlan::defaultScheme(registry, type);
        parsed.webhooks.append(
            { label, type, body, SendPlan::providerHeaders(scheme, type, body, subscriptionId) });
    };
    if (parser.isSet(u"event"_s)) {
        const QString type = registry.canonicalEventType(parser.value(u"event"_s));
        if (type.isEmpty())
            return u"--event: no schema for event type \"%1\""_s.arg(parser.value(u"event"_s));
        if (!parser.isSet(u"body"_s)) {
            const EventExample example = exampleFor(registry, type);
            add(type, type,
                example.payload.isUndefined()
                    ? QByteArray()
                    : QJsonDocument(example.payload.toObject()).toJson(QJsonDocument::Compact));
            return std::nullopt;
        }
        QFile file(parser.value(u"body"_s));
        if (!file.open(QIODevice::ReadOnly))
            return u"--body: %1: %2"_s.arg(file.fileName(), file.errorString());
        add(file.fileName(), type, file.readAll());
        return std::nullopt;
    }
    for (const QString &path : parser.positionalArguments()) {
        const ImportBatch batch = PayloadImporter::importFile(path);
        if (!batch.errors.isEmpty())
            return u"%1: %2"_s.arg(path, batch.errors.first().reason);
        for (qsizetype i = 0; i < batch.events.size(); ++i) {
            const QString type = typeOf(registry, batch.events.at(i), batch.eventTypes.value(i));
            if (type.isEmpty())
                return u"%1: cannot tell the event type; use --event TYPE --body FILE"_s.arg(path);
            const QString label = batch.events.size() > 1 ? u"%1 #%2"_s.arg(path).arg(i + 1) : path;
            add(label, type, batch.events.at(i).body);
        }
    }
    return std::nullopt;
}

std::variant<Parsed, QString> check(const QCommandLineParser &parser, const QUrl &own,
                                    QIODevice &err)
{
    Parsed parsed;
    parsed.json = parser.isSet(u"json"_s);
    if (!parser.isSet(u"to"_s))
        return u"--to URL is required: nothing is sent without an explicit target"_s;
    parsed.options.target = QUrl(parser.value(u"to"_s), QUrl::StrictMode);
    const QUrl &target = parsed.options.target;
    if (!target.isValid() || target.host().isEmpty()
        || (target.scheme() != u"http"_s && target.scheme() != u"https"_s))
        return u"--to: \"%1\" is not an http:// or https:// URL"_s.arg(parser.value(u"to"_s));
    if (parser.isSet(u"event"_s) == !parser.positionalArguments().isEmpty())
        return u"give --event TYPE [--body FILE] or payload FILEs, not both"_s;
    if (parser.isSet(u"body"_s) && !parser.isSet(u"event"_s))
        return u"--body goes with --event TYPE"_s;
    if (parser.isSet(u"secret"_s)) {
        const auto secret = SecretSet::parseSpec(parser.value(u"secret"_s));
        if (const auto *error = std::get_if<SecretSpecError>(&secret))
            return error->message();
        parsed.options.scheme = std::get<Secret>(secret).scheme;
        parsed.options.secret = std::get<Secret>(secret).value;
    }
    for (const QString &header : parser.values(u"header"_s)) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0 || header.contains(u'\r') || header.contains(u'\n'))
            return u"--header: \"%1\" is not 'Name: value'"_s.arg(header);
        parsed.options.extraHeaders.append(
            { header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8() });
    }
    const auto retry = SendPlan::retrySchedule(parser.value(u"retry"_s));
    if (const auto *error = std::get_if<QString>(&retry))
        return u"--retry: %1"_s.arg(*error);
    parsed.options.retryMs = std::get<QList<qint64>>(retry);
    for (const auto &[option, into] : { std::pair { u"timeout"_s, &parsed.options.timeoutMs } }) {
        const auto ms = SendPlan::duration(option, parser.value(option));
        if (const auto *error = std::get_if<QString>(&ms))
            return u"--%1: %2"_s.arg(option, *error);
        *into = int(std::get<qint64>(ms));
    }
    const auto interval = SendPlan::duration(u"interval"_s, parser.value(u"interval"_s));
    if (const auto *error = std::get_if<QString>(&interval))
        return u"--interval: %1"_s.arg(*error);
    parsed.options.intervalMs = std::get<qint64>(interval);
    const Schemas schemas = loadSchemas(parser.values(u"schema"_s));
    if (!schemas.registry)
        return u"--schema: "_s + schemas.errors.join(u"\n  "_s);
    if (const auto problem = loadWebhooks(parser, *schemas.registry, parsed, parsed.options.scheme))
        return *problem;
    // No retry storm into ourselves: our own capture address takes one event, one attempt.
    if (SendPlan::isOwnCapture(target, own)) {
        if (parsed.webhooks.size() > 1)
            return u"--to %1 is Hookscope's own capture address: only a single event may be "
                   "sent there"_s.arg(target.toString());
        if (!parsed.options.retryMs.isEmpty())
            write(err,
                  u"hookscope send: %1 is Hookscope's own capture address: one attempt, "
                  "no retries\n"_s.arg(target.toString()));
        parsed.options.retryMs.clear();
    }
    return parsed;
}

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        { u"to"_s, u"The target URL (required)."_s, u"URL"_s },
        { u"event"_s, u"Send one TYPE event: its example, or --body FILE."_s, u"TYPE"_s },
        { u"body"_s, u"The exact body to send with --event."_s, u"FILE"_s },
        { u"secret"_s, u"Sign with SCHEME:SECRET (solaris, standard, stripe, github, hmac)."_s,
          u"SPEC"_s },
        { u"header"_s, u"Add (or replace) a header, 'Name: value'. Repeatable."_s, u"HEADER"_s },
        { u"retry"_s, u"Delays before attempts 2, 3, ... (default 1s,2s,4s; 'none')."_s, u"LIST"_s,
          u"1s,2s,4s"_s },
        { u"timeout"_s, u"Per attempt (default 10s)."_s, u"DURATION"_s, u"10s"_s },
        { u"interval"_s, u"Between events (default 0s)."_s, u"DURATION"_s, u"0s"_s },
        { u"json"_s, u"One JSON object per attempt."_s },
        { u"schema"_s, u"Schemas over the bundled catalog (event types, examples)."_s, u"FILE"_s },
    });
    parser.addPositionalArgument(u"FILE"_s, u"Payload files, fixtures or NDJSON, in order."_s,
                                 u"[FILE...]"_s);
}
} // namespace

int runSendWithCapture(const QStringList &args, QIODevice &out, QIODevice &err,
                       const QUrl &ownCapture)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    auto checked = check(parser, ownCapture, err);
    if (const auto *problem = std::get_if<QString>(&checked))
        return usage(err, kName, *problem);
    Parsed parsed = std::get<Parsed>(std::move(checked));
    const bool json = parsed.json;
    WebhookSender sender(std::move(parsed.webhooks), parsed.options);
    QObject::connect(&sender, &WebhookSender::attempted, &sender,
                     [&out, json](const WebhookSender::Attempt &attempt) {
                         out.write(
                             json ? QJsonDocument(attempt.toJson()).toJson(QJsonDocument::Compact)
                                  : attempt.toText().toUtf8());
                         out.write("\n");
                     });
    QEventLoop loop;
    QObject::connect(&sender, &WebhookSender::finished, &loop, &QEventLoop::quit);
    sender.start();
    loop.exec();
    write(err,
          u"sent: %1 accepted, %2 not\n"_s.arg(sender.acceptedCount()).arg(sender.failedCount()));
    return sender.failedCount() == 0 ? exitOk : exitFailed;
}

int runSend(const QStringList &args, QIODevice &out, QIODevice &err)
{
    const CaptureSettings capture = AppSettings::loadCapture();
    QUrl own;
    own.setScheme(u"http"_s);
    own.setHost(capture.address.toString());
    own.setPort(capture.port);
    return runSendWithCapture(args, out, err, own);
}
