#include "validationbudget.h"

#include "jsonpointer.h"
#include "schemagraph.h"
#include "stdregexcost.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using Weights = QHash<int, double>; // schema node -> how many times valijson applies it here

struct Frame
{
    QJsonValue value;
    Weights seeds;
    QString pointer;
};

class Estimate
{
public:
    Estimate(const SchemaGraph &graph)
        : m_graph(graph)
    { }

    // Every node applied to one value, parents before children, with its weight.
    QList<int> close(Weights &weights) const
    {
        QList<int> nodes = weights.keys();
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            for (int child : m_graph.sameValueChildren(nodes.at(i))) {
                if (!weights.contains(child)) {
                    weights.insert(child, 0);
                    nodes.append(child);
                }
            }
        }
        std::sort(nodes.begin(), nodes.end(),
                  [this](int a, int b) { return m_graph.rank(a) > m_graph.rank(b); });
        for (int node : nodes) {
            for (int child : m_graph.sameValueChildren(node)) {
                weights[child] += weights.value(node);
            }
        }
        return nodes;
    }

    Weights member(const QList<int> &nodes, const Weights &weights, const QString &key)
    {
        Weights out;
        for (int index : nodes) {
            const SchemaNode &n = m_graph.node(index);
            const double weight = weights.value(index);
            bool named = false;
            if (const auto it = n.properties.constFind(key); it != n.properties.cend()) {
                out[*it] += weight;
                named = true;
            }
            for (const PatternProperty &pattern : n.patternProperties) {
                m_used += weight * StdRegexCost::steps(pattern.degree, key.size());
                // Once the verdict is near, spend nothing more on it (PCRE may backtrack too).
                if (m_used > ValidationBudget::baseUnits
                    || pattern.regex.match(key).outcome != BoundedRegex::Outcome::NoMatch) {
                    out[pattern.node] += weight;
                    named = true;
                }
            }
            if (!named && n.additionalProperties >= 0) {
                out[n.additionalProperties] += weight;
            }
        }
        return out;
    }

    Weights item(const QList<int> &nodes, const Weights &weights, const QJsonArray &array,
                 qsizetype index)
    {
        Weights out;
        for (int node : nodes) {
            const SchemaNode &n = m_graph.node(node);
            const double weight = weights.value(node);
            const int child = n.items >= 0    ? n.items
                : index < n.tupleItems.size() ? n.tupleItems.at(index)
                                              : n.additionalItems;
            if (child >= 0) {
                out[child] += weight;
            }
            if (n.contains >= 0) {
                out[n.contains] += weight;
            }
            if (index == 0 && n.uniqueItems) {
                m_used += weight * double(array.size()) * double(array.size()) / 2;
            }
        }
        return out;
    }

    void apply(const QList<int> &nodes, const Weights &weights)
    {
        for (int node : nodes) {
            // valijson compares the value with every enum member in turn.
            const double enumSize = double(m_graph.node(node).enumValues.size());
            m_used += weights.value(node) * (ValidationBudget::unitsPerApplication + enumSize);
        }
    }

    double used() const { return m_used; }

private:
    const SchemaGraph &m_graph;
    double m_used = 0;
};

} // namespace

std::optional<Violation> ValidationBudget::check(const SchemaGraph &graph, int root,
                                                 const QJsonValue &body, const QString &eventType)
{
    Estimate estimate(graph);
    QList<Frame> stack { { body, { { root, 1.0 } }, QString() } };
    double values = 0;
    while (!stack.isEmpty()) {
        Frame frame = stack.takeLast();
        ++values;
        const QList<int> nodes = estimate.close(frame.seeds);
        estimate.apply(nodes, frame.seeds);
        if (frame.value.isObject()) {
            const QJsonObject object = frame.value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                Weights child = estimate.member(nodes, frame.seeds, it.key());
                if (!child.isEmpty()) {
                    stack.append({ it.value(), std::move(child),
                                   JsonPointer::append(frame.pointer, it.key()) });
                }
            }
        } else if (frame.value.isArray()) {
            const QJsonArray array = frame.value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                Weights child = estimate.item(nodes, frame.seeds, array, i);
                if (!child.isEmpty()) {
                    stack.append(
                        { array.at(i), std::move(child), JsonPointer::append(frame.pointer, i) });
                }
            }
        }
        if (estimate.used() > baseUnits + unitsPerValue * values) {
            return Violation { frame.pointer, u"undecided"_s, Severity::Error,
                               u"not validated: checking this body against the %1 schema would "
                               "take more than its budget (about %2 steps, at %3: "
                               "allOf/anyOf/oneOf/$ref branching, patternProperties keys or "
                               "uniqueItems)"_s.arg(eventType)
                                   .arg(qint64(baseUnits + unitsPerValue * values))
                                   .arg(frame.pointer.isEmpty() ? u"/"_s
                                                                : frame.pointer.left(80)) };
        }
    }
    return std::nullopt;
}
