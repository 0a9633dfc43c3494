#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"
#include "filter/filter.h"

#include <QList>
#include <QString>

#include <atomic>
#include <variant>

// A rule whose verdict ran out of its budget for one event (BoundedRegex), so it was skipped.
struct UndecidedRule
{
    qsizetype rule = 0; // 1-based, as the user counts them
    QString reason;
};

struct ResponseRule
{
    QString filterText;
    Filter filter;
    Response response;
};

// How Hookscope answers: ordered rules, each a filter expression and a response; the first that
// matches wins, else 200 with {}. Users simulate Solaris's 410 (cancel the subscription) and 422
// (reject, no retry), failures and delays to watch retries.
//
// The WEBHOOK-SUBSCRIPTION verification request is always answered 200 unless a rule names it
// in its filter: a catch-all "500" rule must not make the subscription itself fail.
//
// JSON form (--rules FILE, settings): [{"filter": "...", "status": 422, "headers": {"X": "y"}
// or [["X", "y"]], "body": "text" or any JSON value, "delayMs": 0}]. A rule whose answer would
// be broken HTTP (a 1xx status, a body on 204 or 304, CR/LF/NUL or a non-token name in a header,
// its own Content-Length or Transfer-Encoding) is refused at load, named by its index.
class ResponseRules
{
public:
    static constexpr int kMaxDelayMs = 60'000;

    static std::variant<ResponseRules, QString> fromJson(const QByteArray &json,
                                                         const QString &source);
    static std::variant<ResponseRules, QString> load(const QString &path);
    QByteArray toJson() const;

    const QList<ResponseRule> &rules() const { return m_rules; }
    bool isEmpty() const { return m_rules.isEmpty(); }
    // An undecided rule is skipped; it is warned about on stderr, or added to `undecided` for a
    // caller that warns once it has numbered the event (capture analyses before it numbers).
    // Once `abandon` is set, no further rule is evaluated (capture stopping: each rule may take
    // its whole regex budget); the caller then answers as it sees fit.
    Response responseFor(const Event &event, const EventAnalysis &analysis,
                         QList<UndecidedRule> *undecided = nullptr,
                         const std::atomic<bool> *abandon = nullptr) const;
    static void warnUndecided(const UndecidedRule &undecided, qint64 seq);

    static Response defaultResponse();
    static bool isVerificationRequest(const Event &event);

private:
    QList<ResponseRule> m_rules;
};
