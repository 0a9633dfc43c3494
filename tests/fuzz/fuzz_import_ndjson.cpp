// PayloadImporter on an .ndjson file: one payload or fixture per line.
#include "fuzz_import.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzImport(data, size, u"fuzz.ndjson"_s);
    return 0;
}
