#include "refcycles.h"

#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
const QString definitionsPrefix = u"#/definitions/"_s;
}

QList<RefCycles::Cycle> RefCycles::find(const QJsonObject &definitions)
{
    QHash<QString, QSet<QString>> edges;
    for (auto it = definitions.begin(); it != definitions.end(); ++it) {
        edges.insert(it.key(), sameValueReferences(it.value()));
    }
    QList<Cycle> cycles;
    QSet<QString> seen;
    for (const QString &name : definitions.keys()) {
        const QSet<QString> fromHere = reachable(edges, name);
        if (seen.contains(name) || !fromHere.contains(name)) {
            continue;
        }
        Cycle cycle;
        for (const QString &member : fromHere) {
            if (reachable(edges, member).contains(name)) {
                cycle.members.append(member);
                seen.insert(member);
            }
        }
        cycle.members.sort();
        cycles.append(cycle);
    }
    return cycles;
}

QSet<QString> RefCycles::sameValueReferences(const QJsonValue &schema)
{
    QSet<QString> names;
    const QJsonObject object = schema.toObject();
    if (object.value(u"$ref"_s).isString()) {
        names.insert(object.value(u"$ref"_s).toString().mid(definitionsPrefix.size()));
    }
    for (const QString &key : { u"allOf"_s, u"anyOf"_s, u"oneOf"_s }) {
        for (const QJsonValue &branch : object.value(key).toArray()) {
            names.unite(sameValueReferences(branch));
        }
    }
    for (const QString &key : { u"not"_s, u"if"_s, u"then"_s, u"else"_s }) {
        if (object.value(key).isObject()) {
            names.unite(sameValueReferences(object.value(key)));
        }
    }
    return names;
}

QSet<QString> RefCycles::reachable(const QHash<QString, QSet<QString>> &edges, const QString &from)
{
    QSet<QString> seen;
    QStringList pending(edges.value(from).begin(), edges.value(from).end());
    while (!pending.isEmpty()) {
        const QString name = pending.takeLast();
        if (!seen.contains(name)) {
            seen.insert(name);
            pending.append(QStringList(edges.value(name).begin(), edges.value(name).end()));
        }
    }
    return seen;
}
