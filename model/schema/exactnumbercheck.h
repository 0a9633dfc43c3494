#pragma once

#include "event/violation.h"
#include "schemagraph.h"

#include <QSet>
#include <QString>

class JsonDocument;

// JSON Schema's numeric keywords decided exactly (JsonNumber) where valijson, which compares
// doubles, would decide them wrongly: a body number a double cannot hold (12345678901234567890,
// 1e400), a schema number the reader annotated as such (ExactNumbers), a fractional multipleOf
// (19.99 is a multiple of 0.01). Only schemas that apply to the value for certain are read
// ($ref, allOf, properties, items...): inside anyOf/oneOf/not/if the alternative valijson picked
// by doubles stands.
class ExactNumberCheck
{
public:
    ExactNumberCheck(const SchemaGraph &graph, int root);

    // Whether the check can change anything for BODY: cheap, for the common case to skip it.
    bool isNeeded(const JsonDocument &body) const;

    struct Result
    {
        Violations violations; // what the exact comparison finds wrong
        QSet<QString> decided; // "pointer keyword" pairs it decided: valijson's verdict on
                               // those is dropped
    };
    Result run(const JsonDocument &body) const;

    static QString decidedKey(const QString &pointer, const QString &keyword);

private:
    void walk(const JsonDocument &body, int id, const NodeSet &nodes, const QString &pointer,
              Result &out) const;
    void checkNumber(const JsonDocument &body, int id, const SchemaNode &node,
                     const QString &pointer, Result &out) const;

    const SchemaGraph &m_graph;
    int m_root;
};
