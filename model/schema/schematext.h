#pragma once

#include "json/jsonnumber.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <string>
#include <vector>

// A numeric bound of one schema object, exactly as the schema wrote it.
struct ExactBound
{
    enum class Kind : quint8 { Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum, MultipleOf };
    Kind kind = Kind::Minimum;
    JsonNumber value;
    std::string text; // for the message
    double approx = 0; // the value as a double
    bool safe = false; // doubles decide it exactly against a safe body number
};
using ExactBounds = std::vector<ExactBound>;

// The draft-7 text valijson's parser reads for one compiled schema, which differs from the
// imported schema in two ways. Numbers in enum and const are written as the schema wrote them
// (DocumentReader's annotations, see ExactNumbers), so valijson's frozen values compare exactly.
// The numeric bounds (minimum, maximum, exclusive*, multipleOf), which valijson would compare as
// doubles, are taken out of every schema object and listed in `bounds`; that object's
// description (valijson keeps it and reads nothing from it) names their index, by which
// ExactBoundsConstraint finds the subschema valijson built from the object.
class SchemaText
{
public:
    static SchemaText write(const QJsonObject &root);
    // The index a subschema's description names, if it is one SchemaText wrote.
    static std::optional<size_t> boundsIndex(const std::string &description);

    QByteArray text;
    std::vector<ExactBounds> bounds;

private:
    void schema(const QJsonValue &value);
    void schemaList(const QJsonValue &value);
    void schemaMap(const QJsonValue &value);
    void keywordValue(const QString &keyword, const QJsonValue &value, const QJsonObject &object);
    static std::optional<ExactBound> bound(const QString &keyword, const QJsonObject &object);
};
