#pragma once

#include <QSet>
#include <QString>

// Hands out one shared copy of each distinct string, so a million summaries that say "POST" or
// "IDENTIFICATION" hold one allocation between them. Not thread-safe: one pool per owner.
class StringPool
{
public:
    QString intern(const QString &text);

private:
    QSet<QString> m_strings;
};
