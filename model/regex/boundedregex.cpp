#include "boundedregex.h"

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#include <chrono>

using namespace Qt::StringLiterals;

struct BoundedRegex::Code
{
    pcre2_code *code = nullptr;
    ~Code() { pcre2_code_free(code); }
};

namespace {

using Clock = std::chrono::steady_clock;

// The prefix callout runs once per start position: that is where the clock is read.
const QString calloutPrefix = u"(?C)"_s;

struct Budget
{
    Clock::time_point deadline;
    quint32 callouts = 0;
    bool late = false;
};

int onCallout(pcre2_callout_block *, void *data)
{
    auto *budget = static_cast<Budget *>(data);
    // One clock read every 8 start positions; each stays under maxSteps on its own.
    if ((++budget->callouts & 7) == 0 && Clock::now() > budget->deadline) {
        budget->late = true;
        return PCRE2_ERROR_CALLOUT;
    }
    return 0;
}

// Start-of-pattern settings such as "(*UTF)" or "(*LIMIT_MATCH=9)" must stay first.
qsizetype leadingVerbsEnd(const QString &pattern)
{
    qsizetype at = 0;
    while (pattern.size() > at + 2 && pattern.at(at) == u'(' && pattern.at(at + 1) == u'*') {
        qsizetype end = at + 2;
        while (end < pattern.size()
               && (pattern.at(end).isUpper() || pattern.at(end).isDigit() || pattern.at(end) == u'_'
                   || pattern.at(end) == u'='))
            ++end;
        if (end >= pattern.size() || pattern.at(end) != u')')
            break;
        at = end + 1;
    }
    return at;
}

QString errorMessage(int code)
{
    PCRE2_UCHAR buffer[256];
    const int length = pcre2_get_error_message(code, buffer, std::size(buffer));
    if (length < 0)
        return u"PCRE2 error %1"_s.arg(code);
    return QString::fromUtf16(reinterpret_cast<const char16_t *>(buffer), length);
}

// Per thread, made once: a filter over a million events matches a million times. A JIT stack
// serves one match at a time (Qt's QRegularExpression uses up to 512 KiB too); one ovector pair
// is enough, since only whether it matched is read (a larger pattern then returns 0, a match).
struct ThreadState
{
    std::unique_ptr<pcre2_jit_stack, void (*)(pcre2_jit_stack *)> stack {
        pcre2_jit_stack_create(32 * 1024, 512 * 1024, nullptr), &pcre2_jit_stack_free
    };
    std::unique_ptr<pcre2_match_context, void (*)(pcre2_match_context *)> context {
        pcre2_match_context_create(nullptr), &pcre2_match_context_free
    };
    std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data *)> data {
        pcre2_match_data_create(1, nullptr), &pcre2_match_data_free
    };

    ThreadState()
    {
        if (context) {
            pcre2_set_match_limit(context.get(), BoundedRegex::maxSteps);
            pcre2_set_depth_limit(context.get(), BoundedRegex::maxSteps);
            pcre2_set_heap_limit(context.get(), BoundedRegex::maxHeapKiB);
            pcre2_jit_stack_assign(context.get(), nullptr, stack.get());
        }
    }
};

ThreadState &threadState()
{
    thread_local ThreadState state;
    return state;
}

QString undecidedReason(int rc, const Budget &budget)
{
    if (budget.late)
        return u"the regular expression ran out of its time budget (%1 ms)"_s.arg(
            BoundedRegex::maxMilliseconds);
    switch (rc) {
    case PCRE2_ERROR_MATCHLIMIT:
        return u"the regular expression needs more than %1 backtracking steps"_s.arg(
            BoundedRegex::maxSteps);
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
        return u"the regular expression needs more memory than its budget (%1 KiB)"_s.arg(
            BoundedRegex::maxHeapKiB);
    default:
        return u"the regular expression failed: %1"_s.arg(errorMessage(rc));
    }
}

} // namespace

BoundedRegex::BoundedRegex(const QString &pattern, bool dontCapture)
    : m_pattern(pattern)
{
    const qsizetype verbs = leadingVerbsEnd(pattern);
    const QString wrapped = pattern.left(verbs) + calloutPrefix + pattern.mid(verbs);
    const quint32 options =
        PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (dontCapture ? PCRE2_NO_AUTO_CAPTURE : 0u);
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code *code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(wrapped.utf16()),
                                     PCRE2_SIZE(wrapped.size()), options, &error, &offset, nullptr);
    if (!code) {
        m_error = errorMessage(error);
        const auto at = qsizetype(offset);
        m_errorOffset =
            at >= verbs + calloutPrefix.size() ? at - calloutPrefix.size() : std::min(at, verbs);
        return;
    }
    // Without JIT (an unsupported construct) the interpreter runs under the same limits.
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    auto compiled = std::make_shared<Code>();
    compiled->code = code;
    m_code = std::move(compiled);
}

BoundedRegex::Result BoundedRegex::match(QStringView subject) const
{
    if (!m_code)
        return {};
    Budget budget { Clock::now() + std::chrono::milliseconds(maxMilliseconds) };
    ThreadState &state = threadState();
    if (!state.context || !state.data)
        return { Outcome::Undecided, u"out of memory for the regular expression"_s };
    pcre2_set_callout(state.context.get(), &onCallout, &budget);
    // PCRE2 10.42 refuses a null subject even when it is empty, as QStringView() is.
    static const char16_t empty = 0;
    const char16_t *text = subject.isNull() ? &empty : subject.utf16();
    const int rc =
        pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(text), PCRE2_SIZE(subject.size()), 0,
                    0, state.data.get(), state.context.get());
    if (rc >= 0)
        return { Outcome::Match, {} };
    if (rc == PCRE2_ERROR_NOMATCH)
        return {};
    return { Outcome::Undecided, undecidedReason(rc, budget) };
}
