#pragma once

#include "schematext.h"

#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>

// minimum, maximum, exclusiveMinimum, exclusiveMaximum and multipleOf of one schema object,
// decided exactly (JsonNumber) where doubles would decide wrongly: a body number a double cannot
// hold (12345678901234567890, 1e400), a schema number it cannot hold, a fractional multipleOf
// (19.99 is a multiple of 0.01). A valijson constraint like any other, so the verdict is exact
// wherever valijson applies the schema: inside anyOf, oneOf, not, if/then/else too.
class ExactBoundsConstraint : public valijson::constraints::PolyConstraint
{
public:
    explicit ExactBoundsConstraint(ExactBounds bounds);

    bool validate(const valijson::adapters::Adapter &target,
                  const std::vector<std::string> &context,
                  valijson::ValidationResults *results) const override;

    // Gives every subschema of SCHEMA that SchemaText marked the constraint for its bounds.
    static void attach(valijson::Schema &schema, const std::vector<ExactBounds> &bounds);
    // The message valijson's results carry (ViolationBuilder maps it to the keyword).
    static std::string description(const ExactBound &bound);

private:
    Constraint *cloneInto(void *memory) const override;
    size_t sizeOf() const override { return sizeof(ExactBoundsConstraint); }

    ExactBounds m_bounds;
};
