#pragma once

#include "event/bodyinspector.h"
#include "event/event.h"
#include "event/eventanalysis.h"
#include "event/eventsummary.h"
#include "schema/eventclassifier.h"
#include "schema/schemaregistry.h"
#include "signature/signatureverifier.h"

#include <memory>
#include <optional>

// Derives an EventAnalysis from an Event: body kind and JSON parse, event type (header, path,
// body field, inferred shape), schema violations, signature. Const and thread-safe, so batches
// are analysed in parallel and the capture thread and the window share one instance; a change
// of schemas or secrets makes a new Analyzer rather than changing this one.
class Analyzer
{
public:
    explicit Analyzer(SchemaRegistry schemas = {},
                      SignatureVerifier verifier = SignatureVerifier());
    Analyzer(const Analyzer &other);
    Analyzer &operator=(const Analyzer &) = delete;

    EventAnalysis analyze(const Event &event) const;
    // The same for a body already inspected (the window parses a selected body once).
    EventAnalysis analyze(const Event &event, const BodyInspection &body) const;
    // Judged as EVENT_TYPE (a canonical name, `validate --event`) instead of classified.
    EventAnalysis analyzeAs(const Event &event, const QString &eventType) const;
    // EVENT as stored: type, classification and signature from STORED, the body judged again
    // against these schemas (the store keeps only counts of violations; exports print them).
    EventAnalysis rejudge(const Event &event, const EventSummary &stored) const;

    // The error a body declared JSON that does not parse is (keyword `json`; a binary body sent
    // as JSON too), else nothing.
    static std::optional<Violation> bodyProblem(const BodyInspection &body);

    const SchemaRegistry &schemas() const { return m_schemas; }
    std::shared_ptr<const Analyzer> withVerifier(SignatureVerifier verifier) const;
    std::shared_ptr<const Analyzer> withSchemas(SchemaRegistry schemas) const;

private:
    void judge(EventAnalysis &analysis, const BodyInspection &body) const;

    SchemaRegistry m_schemas;
    EventClassifier m_classifier; // reads m_schemas
    SignatureVerifier m_verifier;
};
