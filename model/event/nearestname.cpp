#include "nearestname.h"

#include <algorithm>
#include <vector>

int editDistance(QStringView a, QStringView b)
{
    const QString x = a.toString().toCaseFolded();
    const QString y = b.toString().toCaseFolded();
    const qsizetype n = x.size();
    const qsizetype m = y.size();
    // Three rows suffice: a swap looks back two rows.
    std::vector<int> before(size_t(m + 1)), previous(size_t(m + 1)), current(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        previous[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = x.at(i - 1) == y.at(j - 1) ? 0 : 1;
            int best = std::min({ previous[size_t(j)] + 1, current[size_t(j - 1)] + 1,
                                  previous[size_t(j - 1)] + cost });
            if (i > 1 && j > 1 && x.at(i - 1) == y.at(j - 2) && x.at(i - 2) == y.at(j - 1))
                best = std::min(best, before[size_t(j - 2)] + 1);
            current[size_t(j)] = best;
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[size_t(m)];
}

QString nearestName(QStringView word, const QStringList &names)
{
    const int allowed = word.size() <= 4 ? 1 : 2;
    QString best;
    int bestDistance = allowed + 1;
    for (const QString &name : names) {
        const int distance = editDistance(word, name);
        if (distance > 0 && distance < bestDistance) {
            best = name;
            bestDistance = distance;
        }
    }
    return best;
}
