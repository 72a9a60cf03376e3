/*
 * SRX 2.0 segmentation rules: reading (libxml2, no network, no entity
 * expansion, no DOCTYPE) and writing the built-in rules.
 */
#include "segment-int.h"

enum tu_status seg_srx_load(const char *path, const char *tag,
                            struct seg_rules *out, struct tu_error *err)
{
    (void)tag;
    (void)out;
    return tu_error_at(err, TU_EUNSUPPORTED, path, 0, 0, "SRX files are not supported yet");
}

enum tu_status seg_srx_dump(struct tu_buf *out, struct tu_error *err)
{
    (void)out;
    return tu_error_set(err, TU_EUNSUPPORTED, "SRX export is not supported yet");
}
