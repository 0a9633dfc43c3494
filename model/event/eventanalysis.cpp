#include "eventanalysis.h"

using namespace Qt::StringLiterals;

QString severityName(Severity severity)
{
    return severity == Severity::Error ? u"error"_s : u"warning"_s;
}

int EventAnalysis::errorCount() const
{
    return int(std::count_if(violations.cbegin(), violations.cend(),
                             [](const Violation &v) { return v.severity == Severity::Error; }));
}

int EventAnalysis::warningCount() const
{
    return int(violations.size()) - errorCount();
}

Verdict EventAnalysis::verdict() const
{
    return verdictOf(bodyKind, schemaChecked, errorCount());
}

Verdict verdictOf(BodyKind kind, bool schemaChecked, int errorCount)
{
    if (kind == BodyKind::InvalidJson || errorCount > 0)
        return Verdict::Invalid;
    return schemaChecked ? Verdict::Valid : Verdict::None;
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Valid:
        return u"valid"_s;
    case Verdict::Invalid:
        return u"invalid"_s;
    case Verdict::None:
        break;
    }
    return u"none"_s;
}

QString classifiedByName(ClassifiedBy by)
{
    switch (by) {
    case ClassifiedBy::None:
        return u"none"_s;
    case ClassifiedBy::Header:
        return u"header"_s;
    case ClassifiedBy::Path:
        return u"path"_s;
    case ClassifiedBy::BodyField:
        return u"body"_s;
    case ClassifiedBy::Inferred:
        return u"inferred"_s;
    case ClassifiedBy::FileName:
        return u"file name"_s;
    }
    return {};
}

QString signatureStateName(SignatureState state)
{
    switch (state) {
    case SignatureState::NotChecked:
        return u"not checked"_s;
    case SignatureState::Valid:
        return u"valid"_s;
    case SignatureState::Invalid:
        return u"invalid"_s;
    case SignatureState::Stale:
        return u"stale"_s;
    case SignatureState::Unsigned:
        return u"unsigned"_s;
    case SignatureState::NoSecret:
        return u"no secret"_s;
    }
    return {};
}

QString bodyKindName(BodyKind kind)
{
    switch (kind) {
    case BodyKind::Empty:
        return u"empty"_s;
    case BodyKind::Json:
        return u"json"_s;
    case BodyKind::Text:
        return u"text"_s;
    case BodyKind::Binary:
        return u"binary"_s;
    case BodyKind::InvalidJson:
        return u"invalid JSON"_s;
    }
    return {};
}
