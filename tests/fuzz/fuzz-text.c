/*
 * Plain-text extract -> merge: merge(extract(x)) == x byte for byte whenever
 * extract succeeds, in memory and through XLIFF 2.2 and 1.2 (fuzz.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract_merge(data, size, "text");
    return 0;
}
