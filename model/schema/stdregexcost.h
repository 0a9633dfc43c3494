#pragma once

#include <QString>

#include <optional>

// What valijson's regular expressions cost. valijson (1.0, Debian) compiles patternProperties
// with std::regex at validation time (a pattern it cannot compile throws std::regex_error) and
// matches them with libstdc++'s backtracking executor, which has no step limit and takes about
// 0.2 to 0.5 µs a step: `^(a|a)+$` against 21 characters takes 1.2 s, `a*a*a*!` against 100
// takes 2.8 s. Patterns are rated once at load; CompiledSchema budgets each key with steps().
class StdRegexCost
{
public:
    // A repetition of something that itself repeats or alternates: `(a|a)+`, `(a+)*`.
    static constexpr int exponential = -1;

    // Why std::regex (ECMAScript) refuses the pattern, or nullopt when it compiles.
    static std::optional<QString> compileError(const QString &pattern);
    // How many variable repetitions (* + ? {n,} {n,m}) the pattern has, or `exponential`.
    static int degree(const QString &pattern);
    // A bound on the backtracking steps one search of a key of `length` characters takes.
    static double steps(int degree, qsizetype length);
};
