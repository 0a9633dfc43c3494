#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// Finds definitions that reach themselves without ever descending into a member or an item:
// through $ref, allOf, anyOf, oneOf, not or if/then/else alone. Such a schema never reaches a
// value, and valijson would follow it round in circles (recursion through `properties` or
// `items` is fine: the body's own depth ends it).
class RefCycles
{
public:
    struct Cycle
    {
        QStringList members; // definition names, sorted; the first names the cycle in messages
    };

    // definitions: SchemaImporter's flattened map, refs of the form "#/definitions/<name>".
    static QList<Cycle> find(const QJsonObject &definitions);

private:
    static QSet<QString> sameValueReferences(const QJsonValue &schema);
    static QSet<QString> reachable(const QHash<QString, QSet<QString>> &edges, const QString &from);
};
