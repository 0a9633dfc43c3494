#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"
#include "signature/signatureverifier.h"

#include <memory>

// Derives an EventAnalysis from an Event: body kind and JSON parse, event type, schema
// violations, signature. Const and thread-safe, so batches can be analysed in parallel and the
// capture thread and the window can share one instance.
class Analyzer
{
public:
    explicit Analyzer(SignatureVerifier verifier = SignatureVerifier());

    EventAnalysis analyze(const Event &event) const;
    const SignatureVerifier &verifier() const { return m_verifier; }
    // The same analysis with other secrets.
    std::shared_ptr<const Analyzer> withVerifier(SignatureVerifier verifier) const;

private:
    SignatureVerifier m_verifier;
};
