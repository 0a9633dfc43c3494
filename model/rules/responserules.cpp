#include "responserules.h"

#include "http/httpsyntax.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
const auto kVerificationType = "WEBHOOK-SUBSCRIPTION"_ba;

std::variant<HeaderList, QString> headersFrom(const QJsonValue &value, const QString &where)
{
    HeaderList headers;
    if (value.isUndefined() || value.isNull())
        return headers;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return u"%1/%2: a header value must be a string"_s.arg(where, it.key());
            headers.append({ it.key().toUtf8(), it.value().toString().toUtf8() });
        }
        return headers;
    }
    if (!value.isArray())
        return u"%1: headers must be an object or an array of [name, value] pairs"_s.arg(where);
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonArray pair = array.at(i).toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return u"%1/%2: expected [name, value]"_s.arg(where, QString::number(i));
        headers.append({ pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8() });
    }
    return headers;
}

QByteArray bodyFrom(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact).chopped(1).mid(1);
}

// What would make the answer broken HTTP, checked once when the rules load so that no request
// is ever answered with it: 1xx is not a final answer (RFC 9110 15.2), 204 and 304 have no body
// (RFC 9112 6.3), a header line must stay one line, and Content-Length and Transfer-Encoding
// are Hookscope's to write (the body is sent whole, with its own length).
QString wireProblem(const Response &response, const QString &where)
{
    if (response.status < 200)
        return u"%1/status: %2 is informational (1xx), not a final answer"_s.arg(
            where, QString::number(response.status));
    if ((response.status == 204 || response.status == 304) && !response.body.isEmpty())
        return u"%1/body: a %2 answer has no body"_s.arg(where, QString::number(response.status));
    if (const QString problem = HttpSyntax::headersProblem(response.headers); !problem.isEmpty())
        return u"%1/headers: %2"_s.arg(where, problem);
    for (const auto &[name, value] : response.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0
            || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            return u"%1/headers/%2: Hookscope sets it from the body; remove it"_s.arg(
                where, QString::fromLatin1(name));
    }
    return {};
}

std::variant<ResponseRule, QString> ruleFrom(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return u"%1: a rule must be an object"_s.arg(where);
    const QJsonObject object = value.toObject();
    ResponseRule rule;
    rule.filterText = object.value(u"filter"_s).toString();
    auto filter = Filter::compile(rule.filterText);
    if (const auto *error = std::get_if<FilterError>(&filter))
        return u"%1/filter: %2"_s.arg(where, error->toString());
    rule.filter = std::get<Filter>(filter);
    rule.response.status = object.value(u"status"_s).toInt(200);
    if (rule.response.status < 100 || rule.response.status > 599)
        return u"%1/status: %2 is not an HTTP status (100-599)"_s.arg(
            where, QString::number(rule.response.status));
    rule.response.delayMs = object.value(u"delayMs"_s).toInt(0);
    if (rule.response.delayMs < 0 || rule.response.delayMs > ResponseRules::kMaxDelayMs)
        return u"%1/delayMs: must be 0 to %2"_s.arg(where,
                                                    QString::number(ResponseRules::kMaxDelayMs));
    auto headers = headersFrom(object.value(u"headers"_s), where + u"/headers"_s);
    if (const auto *error = std::get_if<QString>(&headers))
        return *error;
    rule.response.headers = std::get<HeaderList>(headers);
    const QJsonValue body = object.value(u"body"_s);
    rule.response.body = bodyFrom(body);
    if (findHeader(rule.response.headers, "Content-Type") == rule.response.headers.cend()
        && !rule.response.body.isEmpty()) {
        const bool json = !body.isString() || !QJsonDocument::fromJson(rule.response.body).isNull();
        rule.response.headers.prepend(
            { "Content-Type", json ? "application/json" : "text/plain; charset=utf-8" });
    }
    if (const QString problem = wireProblem(rule.response, where); !problem.isEmpty())
        return problem;
    return rule;
}
} // namespace

std::variant<ResponseRules, QString> ResponseRules::fromJson(const QByteArray &json,
                                                             const QString &source)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return u"%1: %2 at byte %3"_s.arg(source, error.errorString()).arg(error.offset);
    if (!document.isArray())
        return u"%1: expected a JSON array of rules"_s.arg(source);
    ResponseRules rules;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto rule = ruleFrom(array.at(i), u"%1: /%2"_s.arg(source, QString::number(i)));
        if (const auto *message = std::get_if<QString>(&rule))
            return *message;
        rules.m_rules.append(std::get<ResponseRule>(rule));
    }
    return rules;
}

std::variant<ResponseRules, QString> ResponseRules::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"%1: %2"_s.arg(path, file.errorString());
    return fromJson(file.readAll(), path);
}

QByteArray ResponseRules::toJson() const
{
    QJsonArray array;
    for (const ResponseRule &rule : m_rules) {
        QJsonArray headers;
        for (const auto &[name, value] : rule.response.headers)
            headers.append(QJsonArray { QString::fromUtf8(name), QString::fromUtf8(value) });
        array.append(QJsonObject { { u"filter"_s, rule.filterText },
                                   { u"status"_s, rule.response.status },
                                   { u"headers"_s, headers },
                                   { u"body"_s, QString::fromUtf8(rule.response.body) },
                                   { u"delayMs"_s, rule.response.delayMs } });
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

Response ResponseRules::defaultResponse()
{
    return { 200, { { "Content-Type", "application/json" } }, "{}"_ba, 0 };
}

bool ResponseRules::isVerificationRequest(const Event &event)
{
    return event.headerValue("Solaris-Webhook-Event-Type")
               .trimmed()
               .compare(kVerificationType, Qt::CaseInsensitive)
        == 0;
}

Response ResponseRules::responseFor(const Event &event, const EventAnalysis &analysis,
                                    QList<UndecidedRule> *undecided,
                                    const std::atomic<bool> *abandon) const
{
    const bool verification = isVerificationRequest(event);
    const EventSummary summary = EventSummary::from(event, analysis);
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        if (abandon && abandon->load(std::memory_order_relaxed))
            break;
        const ResponseRule &rule = m_rules.at(i);
        if (verification
            && !rule.filterText.contains(QString::fromLatin1(kVerificationType),
                                         Qt::CaseInsensitive))
            continue;
        const Filter::Verdict verdict = rule.filter.evaluate(summary, &event);
        if (verdict.isUndecided()) {
            // Bounded (BoundedRegex): the rule is skipped, said once per event, never guessed.
            UndecidedRule skipped { i + 1, verdict.undecided };
            if (undecided)
                undecided->append(std::move(skipped));
            else
                warnUndecided(skipped, event.seq);
            continue;
        }
        if (verdict.matched)
            return rule.response;
    }
    return defaultResponse();
}

void ResponseRules::warnUndecided(const UndecidedRule &undecided, qint64 seq)
{
    qWarning("response rule %lld is undecided for event %lld: %s; rule skipped",
             static_cast<long long>(undecided.rule), static_cast<long long>(seq),
             qUtf8Printable(undecided.reason));
}
