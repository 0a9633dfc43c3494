#include "jsonwarnings.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QString fieldName(const QString &pointer)
{
    return pointer.isEmpty() ? u"the body"_s : u'`' + pointer.mid(1) + u'`';
}
} // namespace

void JsonWarnings::append(const JsonDocument &document, Violations &out)
{
    if (!document.hasDuplicates() && !document.hasLoneSurrogates())
        return;
    for (int id = 0; id < document.nodeCount(); ++id) {
        if (document.has(id, JsonDocument::Duplicate)) {
            const QString pointer = document.pointer(id);
            out.append({ pointer, u"duplicate"_s, Severity::Warning,
                         u"%1 is sent more than once in the same object; parsers disagree on "
                         "which one counts (this one is member %2)"_s.arg(fieldName(pointer))
                             .arg(document.node(id).row + 1) });
        }
        if (document.has(id, JsonDocument::LoneSurrogate)) {
            const QString pointer = document.pointer(id);
            out.append({ pointer, u"surrogate"_s, Severity::Warning,
                         u"%1 has a \\u escape of a lone UTF-16 surrogate, read as U+FFFD"_s.arg(
                             fieldName(pointer)) });
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Violation &a, const Violation &b) { return a.pointer < b.pointer; });
}
