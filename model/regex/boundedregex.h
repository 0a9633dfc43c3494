#pragma once

#include <QString>
#include <QStringView>

#include <memory>

// A Perl-compatible regular expression (PCRE2, the dialect QRegularExpression speaks) whose
// every evaluation has a bounded cost. Filters, response rules and schema patterns run on input
// a sender chooses: `(?:a|a){1,20}[^a!]` against 5 KB of `a` backtracks for half a minute, and
// QRegularExpression (Qt 6.4) neither limits that nor tells a blown limit from "no match".
// Here a match ends as Match, NoMatch or Undecided, the last with a reason a person can read.
//
// Budget of one match() call: at most maxSteps backtracking steps from any one start position
// (PCRE2's match limit) and maxMilliseconds in all (checked at every few start positions, so a
// subject with many positions that each stay under maxSteps still ends in time).
// Copies share the compiled code; match() is const and safe from any number of threads.
class BoundedRegex
{
public:
    // The clock is read every 8 start positions, so a match can overrun maxMilliseconds by up to
    // 8 x maxSteps: PCRE2's default of 10,000,000 let `(?:a|a){1,20}[^a!]` on 5 KB of `a` take
    // about 90 ms per evaluation (a rule set of 40 such: 3.6 s per event); 2,000,000 ends it in
    // about 25 ms and still leaves any ordinary pattern a thousand times what it needs.
    static constexpr quint32 maxSteps = 2'000'000;
    static constexpr quint32 maxHeapKiB = 16 * 1024;
    static constexpr int maxMilliseconds = 20;

    enum class Outcome : quint8 { NoMatch, Match, Undecided };
    struct Result
    {
        Outcome outcome = Outcome::NoMatch;
        QString reason; // why it is undecided; empty otherwise
    };

    BoundedRegex() = default; // matches nothing; isValid() is false
    // dontCapture: only whether it matches is read (faster, and `(a)` stays a plain group).
    explicit BoundedRegex(const QString &pattern, bool dontCapture = true);

    bool isValid() const { return m_code != nullptr; }
    QString pattern() const { return m_pattern; }
    QString errorString() const { return m_error; }
    qsizetype errorOffset() const { return m_errorOffset; } // into pattern(), when !isValid()

    Result match(QStringView subject) const;

private:
    struct Code;
    QString m_pattern;
    std::shared_ptr<const Code> m_code;
    QString m_error;
    qsizetype m_errorOffset = -1;
};
