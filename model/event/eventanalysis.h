#pragma once

#include "violation.h"

#include <QString>

// Which rule decided an event's type (DESIGN.md "Event types", in this order).
// FileName: a loaded payload file named after its event type (IDENTIFICATION.json).
enum class ClassifiedBy : quint8 { None, Header, Path, BodyField, Inferred, FileName };

enum class SignatureState : quint8 { NotChecked, Valid, Invalid, Stale, Unsigned, NoSecret };

// InvalidJson: the body is declared JSON (by its Content-Type, or it is text that starts like
// JSON: {, [ or ") but does not parse.
enum class BodyKind : quint8 { Empty, Json, Text, Binary, InvalidJson };

// An event's one verdict, for every view, filter, count and output (verdictOf()). None: there
// was nothing to judge the event by (no schema, and a body that is not broken JSON).
enum class Verdict : quint8 { None, Valid, Invalid };

// What the signature check found, with enough detail for the Signature tab to explain it.
struct SignatureCheck
{
    SignatureState state = SignatureState::NotChecked;
    QString scheme; // "solaris", "standard", "stripe", "github", "hmac"
    QString header; // the header that carried the signature
    QString secretLabel; // which secret matched (never the secret itself)
    QString detail; // why it failed, what was compared
};

// Everything Hookscope derives from an Event's bytes. Computed off the GUI thread.
struct EventAnalysis
{
    BodyKind bodyKind = BodyKind::Empty;
    QString parseError; // when the body looks like JSON but does not parse
    qint64 parseErrorOffset = -1;
    QString eventType; // "" when unknown; an inferred type ends in '?'
    ClassifiedBy classifiedBy = ClassifiedBy::None;
    bool schemaChecked = false; // a schema for eventType was found and applied
    Violations violations;
    SignatureCheck signature;

    int errorCount() const;
    int warningCount() const;
    Verdict verdict() const;
};

// The one rule: a body declared JSON that does not parse, or any error-severity violation, is
// invalid; otherwise an event checked against a schema is valid, and one without is neither.
Verdict verdictOf(BodyKind kind, bool schemaChecked, int errorCount);
QString verdictName(Verdict verdict); // "valid", "invalid", "none"

QString classifiedByName(ClassifiedBy by);
QString signatureStateName(SignatureState state);
QString bodyKindName(BodyKind kind);
