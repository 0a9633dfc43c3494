// PayloadImporter on a .json file: fixtures, payloads and arrays of them (and a HAR log).
#include "fuzz_import.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzImport(data, size, u"fuzz.json"_s);
    return 0;
}
