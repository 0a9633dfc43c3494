#pragma once

#include <QList>
#include <QString>

enum class Severity : quint8 { Error, Warning };

// One way a payload breaks its schema, anchored on the field it is about.
struct Violation
{
    QString pointer; // RFC 6901 JSON Pointer into the body, "" for the root
    QString keyword; // the schema keyword that failed: type, enum, required, format, oneOf, ...
    Severity severity = Severity::Error;
    QString message; // for a person: names the field, the value and what was expected

    friend bool operator==(const Violation &, const Violation &) = default;
};

using Violations = QList<Violation>;

QString severityName(Severity severity);
