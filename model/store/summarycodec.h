#pragma once

#include "event/eventsummary.h"
#include "event/stringpool.h"

// The summary columns of the `events` table and how a row of them becomes an EventSummary:
// one mapping for both database APIs the store speaks (Qt SQL for whole-session reads, the
// sqlite3 C API for body scans), so a column added or moved is changed here only.
namespace SummaryCodec {

inline constexpr char kColumns[] = "seq, received_at, method, target, remote, body_size, status, "
                                   "event_type, classified_by, errors, warnings, signature, "
                                   "body_kind, origin, schema_checked";
// Added to the events table later: a session written before them reads them as empty, and is
// given them when opened for writing (ALTER TABLE ... ADD COLUMN keeps every row). decode()
// reads them after kColumns; the store selects constants in their place when they are absent.
inline constexpr char kLaterColumns[] = "content_type, attempt";
inline constexpr char kLaterDefaults[] = "'', 0";

// Reads kColumns and kLaterColumns from `row` starting at column `at`. Row has columnInt(i),
// columnText(i) and columnBytes(i), as SqliteStatement does; repeated texts (methods, types) share
// one string.
template<typename Row> EventSummary decode(const Row &row, int at, StringPool &pool)
{
    EventSummary s;
    s.seq = row.columnInt(at);
    s.receivedAtMs = row.columnInt(at + 1);
    s.method = pool.intern(row.columnText(at + 2));
    s.target = QString::fromUtf8(row.columnBytes(at + 3));
    s.remote = pool.intern(row.columnText(at + 4));
    s.bodySize = quint32(row.columnInt(at + 5));
    s.status = quint16(row.columnInt(at + 6));
    s.eventType = pool.intern(row.columnText(at + 7));
    s.classifiedBy = ClassifiedBy(row.columnInt(at + 8));
    s.errorCount = quint16(row.columnInt(at + 9));
    s.warningCount = quint16(row.columnInt(at + 10));
    s.signature = SignatureState(row.columnInt(at + 11));
    s.bodyKind = BodyKind(row.columnInt(at + 12));
    s.origin = Origin(row.columnInt(at + 13));
    s.schemaChecked = row.columnInt(at + 14) != 0;
    s.contentType = pool.intern(row.columnText(at + 15));
    s.attempt = quint16(row.columnInt(at + 16));
    return s;
}

} // namespace SummaryCodec
