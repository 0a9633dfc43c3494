#pragma once

#include "fielddoc.h"
#include "schemagraph.h"

// Reads the documentation out of a compiled schema graph: what applies to one field of an
// instance (by its JSON Pointer), and every documented field for listings. Where several schemas
// apply (a $ref with its own description, allOf branches, alternatives) the first that says
// something wins, so an event's own words beat a shared component's.
class SchemaDocs
{
public:
    // Deeper documented fields are not listed (recursive schemas list each level once anyway).
    static constexpr int maxListDepth = 12;

    static FieldDoc at(const SchemaGraph &graph, int root, const QString &pointer);
    static DocumentedFields list(const SchemaGraph &graph, int root);
    static FieldDoc merge(const SchemaGraph &graph, const NodeSet &nodes);

private:
    static void listInto(const SchemaGraph &graph, const NodeSet &nodes, const QString &pointer,
                         int depth, QSet<int> &visiting, DocumentedFields &out);
    static bool isRequired(const SchemaGraph &graph, const NodeSet &nodes, const QString &key);
};
