#pragma once

#include "filterast.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QList>

#include <optional>

// Reads the values a `json.` path reaches straight from a body's bytes, validating the whole
// body as it goes but building no document: filters over a million bodies spent most of their
// time letting QJsonDocument build trees only to look at one member.
//
// It answers only where it is certain to agree with QJsonDocument and FilterJsonPath::resolve:
// the same values (through [*] on an object, possibly in another order). Anything outside what
// it reads with certainty gives nullopt, and the caller parses the body with QJsonDocument:
// bodies that are not JSON, a bare scalar, duplicate member names where the path looks,
// numbers a double cannot tell apart (integers from 2^53, decimals past 15 significant digits)
// or written -0, \u escapes of NUL, lone surrogates or
// noncharacters, control characters in strings, nesting deeper than kMaxDepth.
class JsonPathReader
{
public:
    explicit JsonPathReader(QList<JsonPathStep> path);

    const QList<JsonPathStep> &path() const { return m_path; }
    std::optional<QList<QJsonValue>> read(QByteArrayView body) const;

    static constexpr int kMaxDepth = 256;

private:
    QList<JsonPathStep> m_path;
    QList<QByteArray> m_keys; // each step's member name in UTF-8, as it appears in plain bodies
};
