#include "exactboundsconstraint.h"

#include "json/valijsonadapter.h"

#include <valijson/validation_results.hpp>

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace {
using valijson::Subschema;
using namespace valijson::constraints;

// A body number: its exact value only when a double would not do.
struct Number
{
    double approx = 0;
    bool safe = false;
    QByteArrayView raw; // empty: read from approx
};

// Digits only, at most 15 of them: a double holds it exactly. Most body numbers are this.
bool plainlySafe(QByteArrayView raw, double &value)
{
    if (raw.isEmpty() || raw.size() > 15)
        return false;
    qint64 magnitude = 0;
    for (qsizetype i = raw.startsWith('-') ? 1 : 0; i < raw.size(); ++i) {
        if (raw[i] < '0' || raw[i] > '9')
            return false;
        magnitude = magnitude * 10 + (raw[i] - '0');
    }
    value = double(raw.startsWith('-') ? -magnitude : magnitude);
    return raw != "-";
}

std::optional<Number> numberOf(const valijson::adapters::Adapter &target)
{
    using valijson::adapters::JsonDocumentAdapter;
    if (const JsonDocumentAdapter *document = JsonDocumentAdapter::from(target)) {
        const auto ref = document->ref();
        if (!ref.is(JsonDocument::Type::Number))
            return std::nullopt;
        Number out;
        out.raw = ref.document->raw(ref.id);
        out.safe = plainlySafe(out.raw, out.approx);
        return out;
    }
    if (!target.isNumber())
        return std::nullopt;
    return Number { target.getNumber(), false, {} }; // already a double: read it exactly
}

JsonNumber exactly(const Number &number)
{
    if (!number.raw.isEmpty())
        return JsonNumber::fromText(number.raw).value_or(JsonNumber());
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number.approx);
    return JsonNumber::fromText(QByteArrayView(buffer, error == std::errc() ? end - buffer : 0))
        .value_or(JsonNumber());
}

bool holds(ExactBound::Kind kind, int order)
{
    switch (kind) {
    case ExactBound::Kind::Minimum:
        return order >= 0;
    case ExactBound::Kind::Maximum:
        return order <= 0;
    case ExactBound::Kind::ExclusiveMinimum:
        return order > 0;
    case ExactBound::Kind::ExclusiveMaximum:
        return order < 0;
    case ExactBound::Kind::MultipleOf:
        break;
    }
    return true;
}

bool holdsApproximately(const ExactBound &bound, double value)
{
    if (bound.kind == ExactBound::Kind::MultipleOf)
        return bound.approx != 0 && std::fmod(value, bound.approx) == 0;
    return holds(bound.kind, value < bound.approx ? -1 : value > bound.approx ? 1 : 0);
}

bool holdsExactly(const ExactBound &bound, const JsonNumber &value)
{
    if (bound.kind == ExactBound::Kind::MultipleOf)
        return value.isMultipleOf(bound.value);
    return holds(bound.kind, value.compare(bound.value));
}

// Every subschema reachable from a schema, through whichever constraint holds it.
class SubschemaCollector : public ConstraintVisitor
{
public:
    std::vector<const Subschema *> collect(const Subschema &root)
    {
        add(&root);
        Subschema::ApplyFunction visitEach = [this](const Constraint &constraint) {
            constraint.accept(*this);
            return true;
        };
        for (size_t i = 0; i < m_found.size(); ++i)
            m_found[i]->apply(visitEach);
        return m_found;
    }

    bool visit(const AllOfConstraint &c) override { return list(c); }
    bool visit(const AnyOfConstraint &c) override { return list(c); }
    bool visit(const OneOfConstraint &c) override { return list(c); }
    bool visit(const ConditionalConstraint &c) override
    {
        return add(c.getIfSubschema()) && add(c.getThenSubschema()) && add(c.getElseSubschema());
    }
    bool visit(const ContainsConstraint &c) override { return add(c.getSubschema()); }
    bool visit(const DependenciesConstraint &c) override
    {
        c.applyToSchemaDependencies([this](const auto &, const Subschema *s) { return add(s); });
        return true;
    }
    bool visit(const LinearItemsConstraint &c) override
    {
        c.applyToItemSubschemas([this](unsigned, const Subschema *s) { return add(s); });
        return add(c.getAdditionalItemsSubschema());
    }
    bool visit(const NotConstraint &c) override { return add(c.getSubschema()); }
    bool visit(const PropertiesConstraint &c) override
    {
        const auto named = [this](const auto &, const Subschema *s) {
            return add(s);
        };
        c.applyToProperties(named);
        c.applyToPatternProperties(named);
        return add(c.getAdditionalPropertiesSubschema());
    }
    bool visit(const PropertyNamesConstraint &c) override { return add(c.getSubschema()); }
    bool visit(const SingularItemsConstraint &c) override { return add(c.getItemsSubschema()); }
    bool visit(const TypeConstraint &c) override
    {
        c.applyToSchemaTypes([this](unsigned, const Subschema *s) { return add(s); });
        return true;
    }
    // Constraints that hold no subschema.
    bool visit(const ConstConstraint &) override { return true; }
    bool visit(const EnumConstraint &) override { return true; }
    bool visit(const FormatConstraint &) override { return true; }
    bool visit(const MaximumConstraint &) override { return true; }
    bool visit(const MaxItemsConstraint &) override { return true; }
    bool visit(const MaxLengthConstraint &) override { return true; }
    bool visit(const MaxPropertiesConstraint &) override { return true; }
    bool visit(const MinimumConstraint &) override { return true; }
    bool visit(const MinItemsConstraint &) override { return true; }
    bool visit(const MinLengthConstraint &) override { return true; }
    bool visit(const MinPropertiesConstraint &) override { return true; }
    bool visit(const MultipleOfDoubleConstraint &) override { return true; }
    bool visit(const MultipleOfIntConstraint &) override { return true; }
    bool visit(const PatternConstraint &) override { return true; }
    bool visit(const PolyConstraint &) override { return true; }
    bool visit(const RequiredConstraint &) override { return true; }
    bool visit(const UniqueItemsConstraint &) override { return true; }

private:
    template<typename ListConstraint> bool list(const ListConstraint &c)
    {
        c.applyToSubschemas([this](unsigned, const Subschema *s) { return add(s); });
        return true;
    }
    bool add(const Subschema *subschema)
    {
        if (subschema && m_seen.insert(subschema).second)
            m_found.push_back(subschema);
        return true;
    }

    std::unordered_set<const Subschema *> m_seen;
    std::vector<const Subschema *> m_found;
};
} // namespace

ExactBoundsConstraint::ExactBoundsConstraint(ExactBounds bounds)
    : m_bounds(std::move(bounds))
{ }

Constraint *ExactBoundsConstraint::cloneInto(void *memory) const
{
    return new (memory) ExactBoundsConstraint(*this);
}

std::string ExactBoundsConstraint::description(const ExactBound &bound)
{
    switch (bound.kind) {
    case ExactBound::Kind::Minimum:
        return "Expected number greater than or equal to " + bound.text;
    case ExactBound::Kind::Maximum:
        return "Expected number less than or equal to " + bound.text;
    case ExactBound::Kind::ExclusiveMinimum:
        return "Expected number greater than " + bound.text;
    case ExactBound::Kind::ExclusiveMaximum:
        return "Expected number less than " + bound.text;
    case ExactBound::Kind::MultipleOf:
        break;
    }
    return "Expected a multiple of " + bound.text;
}

bool ExactBoundsConstraint::validate(const valijson::adapters::Adapter &target,
                                     const std::vector<std::string> &context,
                                     valijson::ValidationResults *results) const
{
    const std::optional<Number> number = numberOf(target);
    if (!number)
        return true; // bounds apply to numbers only
    std::optional<JsonNumber> exact; // built once, only when a bound needs it
    bool valid = true;
    for (const ExactBound &bound : m_bounds) {
        bool ok = false;
        if (number->safe && bound.safe) {
            ok = holdsApproximately(bound, number->approx);
        } else {
            if (!exact)
                exact = exactly(*number);
            ok = holdsExactly(bound, *exact);
        }
        if (ok)
            continue;
        valid = false;
        if (!results)
            return false; // the quick pass stops at the first failure
        results->pushError(context, description(bound));
    }
    return valid;
}

void ExactBoundsConstraint::attach(valijson::Schema &schema, const std::vector<ExactBounds> &bounds)
{
    for (const Subschema *subschema : SubschemaCollector().collect(schema)) {
        if (!subschema->hasDescription())
            continue;
        const std::optional<size_t> index = SchemaText::boundsIndex(subschema->getDescription());
        if (index && *index < bounds.size())
            schema.addConstraintToSubschema(ExactBoundsConstraint(bounds[*index]), subschema);
    }
}
