#pragma once

#include "event/bodyinspector.h"
#include "event/event.h"
#include "event/eventanalysis.h"
#include "schema/eventclassifier.h"
#include "schema/schemaregistry.h"
#include "signature/signatureverifier.h"

#include <memory>

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

    const SchemaRegistry &schemas() const { return m_schemas; }
    std::shared_ptr<const Analyzer> withVerifier(SignatureVerifier verifier) const;
    std::shared_ptr<const Analyzer> withSchemas(SchemaRegistry schemas) const;

private:
    SchemaRegistry m_schemas;
    EventClassifier m_classifier; // reads m_schemas
    SignatureVerifier m_verifier;
};
