#pragma once

#include "event/eventsummary.h"

#include <QHash>
#include <QList>
#include <QString>

// Tallies per event type: how many events, how many of them failed their schema, and how many
// errors and warnings they had in all. An inferred type ("IDENTIFICATION?") is tallied with the
// type it names, so one type is one row however its events were classified. A plain value, filled
// from summaries and handed to TypeCountsModel, so a batch of a thousand events is one model
// update.
class TypeCounts
{
public:
    struct Tally
    {
        QString eventType; // "" for events whose type is unknown; never ends in '?'
        qint64 events = 0;
        qint64 inferred = 0; // events whose type was only inferred ("IDENTIFICATION?")
        qint64 invalid = 0; // events whose verdict is invalid (verdictOf())
        qint64 errors = 0;
        qint64 warnings = 0;

        bool operator==(const Tally &) const = default;
        // The type as the events have it: "X?" when every one was inferred, else "X".
        QString name() const;
        // Some of the events say the type, others only had it inferred.
        bool mixed() const { return inferred > 0 && inferred < events; }
    };

    void add(const EventSummary &summary);
    void add(const Tally &tally); // merges by eventType
    void clear();
    void removeAt(qsizetype index);
    bool isEmpty() const { return m_tallies.isEmpty(); }

    // In order of first appearance.
    const QList<Tally> &tallies() const { return m_tallies; }
    // Index in tallies(), or -1; "X?" finds the tally of "X".
    qsizetype indexOf(const QString &eventType) const;
    static QString keyOf(const QString &eventType); // without an inferred type's '?'

private:
    Tally &tallyFor(const QString &eventType);

    QList<Tally> m_tallies;
    QHash<QString, qsizetype> m_index; // eventType → index in m_tallies
};
