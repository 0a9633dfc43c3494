#pragma once

#include "store/sessionstore.h"

// What a session file holds, read back for the subcommand tests.
inline QList<Event> events(const QString &session)
{
    SessionStore store;
    QList<Event> all;
    if (!store.open(session, SessionStore::Access::ReadOnly))
        return all;
    std::ignore = store.forEachEvent([&all](Event &&e) {
        all.append(std::move(e));
        return true;
    });
    return all;
}

inline QList<EventSummary> summaries(const QString &session)
{
    SessionStore store;
    QList<EventSummary> all;
    if (!store.open(session, SessionStore::Access::ReadOnly))
        return all;
    std::ignore = store.forEachSummary([&all](EventSummary &&s) {
        all.append(std::move(s));
        return true;
    });
    return all;
}
