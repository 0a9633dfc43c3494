// PayloadImporter on pasted text: curl commands and raw HTTP requests (and any other format).
#include "fuzz_import.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzImport(data, size, u"pasted"_s);
    return 0;
}
