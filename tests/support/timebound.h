#pragma once

#include <QByteArray>
#include <QtGlobal>

// Upper bounds on time in tests are hang guards: each tells a bounded run from an unbounded one
// (seconds against minutes, or for ever), never a fast run from a slow one. The sanitizer build
// is several times slower, and CI shares two cores, so scripts/sanitize-test.sh sets
// HOOKSCOPE_TEST_TIME_SCALE and every bound is multiplied by it.
inline int testTimeScale()
{
    static const int scale = qMax(1, qEnvironmentVariableIntValue("HOOKSCOPE_TEST_TIME_SCALE"));
    return scale;
}

inline qint64 timeBound(qint64 ms)
{
    return ms * testTimeScale();
}

// For load tests: the same work in fewer requests where every request costs that much more.
inline qint64 scaledCount(qint64 count)
{
    return count / testTimeScale();
}
