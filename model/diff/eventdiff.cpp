#include "eventdiff.h"

#include "headerdiff.h"

#include <QStringDecoder>

#include <algorithm>
#include <future>

#include "event/bodyinspector.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kParallelParseSize = 1024 * 1024;

struct ParsedBody
{
    BodyKind kind = BodyKind::Empty;
    std::shared_ptr<const JsonDocument> document; // set when kind is Json
};

ParsedBody parseBody(const QByteArray &bytes)
{
    BodyInspection inspection = BodyInspector::inspectDocument(bytes);
    return { inspection.kind, std::move(inspection.document) };
}

qsizetype firstMismatch(const QByteArray &left, const QByteArray &right)
{
    const auto [l, r] = std::mismatch(left.cbegin(), left.cend(), right.cbegin(), right.cend());
    if (l == left.cend() && r == right.cend())
        return -1;
    return l - left.cbegin();
}

DiffEntry compareText(const QString &pointer, const QByteArray &left, const QByteArray &right)
{
    const DiffKind kind = left == right ? DiffKind::Same : DiffKind::Changed;
    return { pointer, kind, QString::fromUtf8(left), QString::fromUtf8(right) };
}

std::pair<ParsedBody, ParsedBody> parseBoth(const EventDiff &diff)
{
    if (diff.firstDifferentByte < 0) {
        // Identical bytes (a retry, a replay) parse once and need no walk.
        const ParsedBody body = parseBody(diff.leftBytes);
        return { body, body };
    }
    if (std::min(diff.leftBytes.size(), diff.rightBytes.size()) >= kParallelParseSize) {
        // Parsing is most of the time a big diff takes: do both sides at once.
        auto left = std::async(std::launch::async, parseBody, std::cref(diff.leftBytes));
        ParsedBody right = parseBody(diff.rightBytes);
        return { left.get(), std::move(right) };
    }
    return { parseBody(diff.leftBytes), parseBody(diff.rightBytes) };
}

void diffBodies(EventDiff &diff)
{
    diff.firstDifferentByte = firstMismatch(diff.leftBytes, diff.rightBytes);
    const auto [left, right] = parseBoth(diff);
    diff.leftKind = left.kind;
    diff.rightKind = right.kind;
    if (left.kind == BodyKind::Json && right.kind == BodyKind::Json) {
        diff.bodyMode = EventDiff::BodyMode::Json;
        diff.leftBody = left.document;
        diff.rightBody = right.document;
        if (diff.firstDifferentByte >= 0)
            diff.bodyDifferences = diffJson(*left.document, *right.document);
        return;
    }
    diff.bodyMode = EventDiff::BodyMode::Bytes;
    if (diff.firstDifferentByte < 0)
        return;
    const DiffKind kind = left.kind == right.kind ? DiffKind::Changed : DiffKind::TypeChanged;
    diff.bodyDifferences.append(DiffEntry { QString(), kind,
                                            bodyPreview(diff.leftBytes, diff.leftKind),
                                            bodyPreview(diff.rightBytes, diff.rightKind) });
}

} // namespace

EventDiff diffEvents(const Event &left, const Event &right)
{
    EventDiff diff;
    diff.leftSeq = left.seq;
    diff.rightSeq = right.seq;
    diff.requestRows = { compareText(u"method"_s, left.method, right.method),
                         compareText(u"target"_s, left.target, right.target) };
    diff.headerRows = alignHeaders(left.headers, right.headers);
    diff.leftBytes = left.body;
    diff.rightBytes = right.body;
    diffBodies(diff);
    return diff;
}

QList<DiffEntry> EventDiff::differences() const
{
    QList<DiffEntry> all;
    for (const QList<DiffEntry> *rows : { &requestRows, &headerRows }) {
        for (const DiffEntry &row : *rows) {
            if (row.kind != DiffKind::Same)
                all.append(row);
        }
    }
    return all + bodyDifferences;
}

qsizetype EventDiff::differenceCount() const
{
    const auto differs = [](const DiffEntry &row) {
        return row.kind != DiffKind::Same;
    };
    return std::count_if(requestRows.cbegin(), requestRows.cend(), differs)
        + std::count_if(headerRows.cbegin(), headerRows.cend(), differs) + bodyDifferences.size();
}

qsizetype EventDiff::firstDifferentLine() const
{
    if (firstDifferentByte < 0)
        return 0;
    return QByteArrayView(leftBytes)
               .first(std::min(firstDifferentByte, leftBytes.size()))
               .count('\n')
        + 1;
}

QString bodyPreview(const QByteArray &bytes, qsizetype maxChars)
{
    const BodyKind kind = bytes.isEmpty() ? BodyKind::Empty
        : BodyInspector::isText(bytes)    ? BodyKind::Text
                                          : BodyKind::Binary;
    return bodyPreview(bytes, kind, maxChars);
}

QString bodyPreview(const QByteArray &bytes, BodyKind kind, qsizetype maxChars)
{
    if (bytes.isEmpty())
        return u"(empty)"_s;
    if (kind == BodyKind::Binary) {
        const QByteArray hex = bytes.first(std::min<qsizetype>(bytes.size(), 32)).toHex(' ');
        return u"%1 bytes: %2%3"_s.arg(bytes.size())
            .arg(QString::fromLatin1(hex), bytes.size() > 32 ? u" …"_s : QString());
    }
    QString text = QString::fromUtf8(bytes.first(std::min(bytes.size(), maxChars * 4)));
    const bool cut = text.size() > maxChars || bytes.size() > maxChars * 4;
    text.truncate(maxChars);
    text.replace(u"\r\n"_s, u"↵"_s).replace(u'\n', u'↵');
    return cut ? text + u" …"_s : text;
}
