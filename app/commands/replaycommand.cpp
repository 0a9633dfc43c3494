#include "replaycommand.h"

#include "commandsupport.h"
#include "delivery/httpclient.h"
#include "delivery/webhooksender.h"
#include "filter/filter.h"
#include "signature/secretset.h"
#include "store/sessionstore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace CommandSupport;

namespace {
const QString kName = u"replay"_s;
const QString kSynopsis =
    u"Usage: hookscope replay --session FILE --to URL [--filter EXPR] [--resign SCHEME:SECRET]\n"
    "                        [--json]\n\n"
    "Sends a session's events (or those matching --filter) to URL with their exact body and\n"
    "headers (hop-by-hop headers dropped, Host and Content-Length replaced), optionally signed\n"
    "again; prints each answer and keeps it with the event in the session.\n"
    "Exit status: 0 every event answered 2xx, 1 otherwise, 2 usage error.\n"_s;

struct Parsed
{
    QString session;
    QUrl target;
    Filter filter;
    ResignOptions resign;
    bool json = false;
};

std::variant<Parsed, QString> check(const QCommandLineParser &parser)
{
    Parsed parsed { parser.value(u"session"_s),
                    QUrl(parser.value(u"to"_s), QUrl::StrictMode),
                    {},
                    {},
                    parser.isSet(u"json"_s) };
    if (!parser.isSet(u"session"_s) || !parser.isSet(u"to"_s))
        return u"--session FILE and --to URL are required"_s;
    if (!parser.positionalArguments().isEmpty())
        return u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().constFirst());
    const QString scheme = parsed.target.scheme();
    if (!parsed.target.isValid() || parsed.target.host().isEmpty()
        || (scheme != u"http"_s && scheme != u"https"_s))
        return u"--to: \"%1\" is not an http:// or https:// URL"_s.arg(parser.value(u"to"_s));
    auto filter = Filter::compile(parser.value(u"filter"_s));
    if (const auto *error = std::get_if<FilterError>(&filter))
        return u"--filter: %1"_s.arg(error->toString());
    parsed.filter = std::get<Filter>(std::move(filter));
    if (parser.isSet(u"resign"_s)) {
        const auto secret = SecretSet::parseSpec(parser.value(u"resign"_s));
        if (const auto *error = std::get_if<SecretSpecError>(&secret))
            return u"--resign: "_s + error->message();
        parsed.resign = { std::get<Secret>(secret).scheme, std::get<Secret>(secret).value };
    }
    if (!QFileInfo(parsed.session).isFile() || QFileInfo(parsed.session).size() == 0)
        return u"%1: no such session file"_s.arg(parsed.session);
    if (const auto problem = notASession(parsed.session))
        return *problem;
    return parsed;
}

QByteArray line(const DeliveryResult &result, bool json)
{
    if (json)
        return QJsonDocument(
                   QJsonObject {
                       { u"seq"_s, result.seq },
                       { u"target"_s, result.target.toString() },
                       { u"status"_s, result.ok() ? QJsonValue(result.status) : QJsonValue() },
                       { u"elapsedMs"_s, result.elapsedMs },
                       { u"error"_s, result.ok() ? QJsonValue() : result.error },
                       { u"answer"_s, WebhookSender::answerPreview(result.body) } })
                   .toJson(QJsonDocument::Compact)
            + '\n';
    const QString answer = result.ok() ? u"%1 %2 in %3 ms %4"_s.arg(result.status)
                                             .arg(QString::fromLatin1(result.reason))
                                             .arg(result.elapsedMs)
                                             .arg(WebhookSender::answerPreview(result.body))
                                       : u"error: %1"_s.arg(result.error);
    return u"#%1 -> %2: %3\n"_s.arg(result.seq).arg(result.target.toString(), answer).toUtf8();
}
} // namespace

int runReplay(const QStringList &args, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    parser.addOptions({
        { u"session"_s, u"The session whose events are sent."_s, u"FILE"_s },
        { u"to"_s, u"The target URL (required)."_s, u"URL"_s },
        { u"filter"_s, u"Only events matching EXPR (the filter language)."_s, u"EXPR"_s },
        { u"resign"_s, u"Sign again with SCHEME:SECRET."_s, u"SPEC"_s },
        { u"json"_s, u"One JSON object per event."_s },
    });
    if (const auto done = parse(parser, kName, kSynopsis, args, out, err))
        return *done;
    auto checked = check(parser);
    if (const auto *problem = std::get_if<QString>(&checked))
        return usage(err, kName, *problem);
    const Parsed parsed = std::get<Parsed>(std::move(checked));
    SessionStore store;
    if (const auto error = store.open(parsed.session))
        return usage(err, kName, *error);
    QList<qint64> seqs; // only numbers: events are loaded one at a time as they are sent
    const bool needsEvent = parsed.filter.needsEvent();
    store.forEachEventAndSummary([&](Event &&event, EventSummary &&summary) {
        if (parsed.filter.matches(summary, needsEvent ? &event : nullptr))
            seqs.append(event.seq);
        return true;
    });
    HttpClient client;
    int pending = 0, accepted = 0;
    QEventLoop loop;
    QObject::connect(&client, &HttpClient::finished, &loop, [&](DeliveryResult result) {
        result.kind = u"replay"_s;
        store.addDelivery(result);
        out.write(line(result, parsed.json));
        accepted += result.ok() && result.status >= 200 && result.status < 300;
        if (--pending == 0)
            loop.quit();
    });
    for (qint64 seq : seqs) {
        if (const std::optional<Event> event = store.load(seq)) {
            ++pending;
            client.send(buildOutgoing(*event, parsed.target, parsed.resign));
        }
    }
    if (pending > 0)
        loop.exec();
    write(err, u"replayed %1 events, %2 answered 2xx\n"_s.arg(seqs.size()).arg(accepted));
    return accepted == seqs.size() ? exitOk : exitFailed;
}
