#include "fuzzinput.h"

#include <cstdio>
#include <cstdlib>

void fuzzFailure(const char *what, const QByteArray &expected, const QByteArray &actual)
{
    std::fprintf(stderr, "fuzz oracle failed: %s\n  expected: %s\n  actual:   %s\n", what,
                 expected.toPercentEncoding(" /:{}\",").constData(),
                 actual.toPercentEncoding(" /:{}\",").constData());
    std::abort();
}
