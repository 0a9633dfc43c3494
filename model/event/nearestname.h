#pragma once

#include <QString>
#include <QStringList>

// The name a mistyped word most likely meant, for "did you mean" messages (a filter field, a
// subcommand): the closest of `names` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours, case ignored), if it is close enough to be a typo: one edit for words of
// up to four letters, two for longer ones. Ties go to the name listed first.
QString nearestName(QStringView word, const QStringList &names);

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits), case ignored.
int editDistance(QStringView a, QStringView b);
