// PayloadImporter on a .har file: HAR 1.2 logs and their entries.
#include "fuzz_import.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzImport(data, size, u"fuzz.har"_s);
    return 0;
}
