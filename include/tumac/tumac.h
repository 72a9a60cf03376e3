/*
 * libtumac: press releases to XLIFF and back, transliteration and
 * segmentation for Bosnian, Croatian and Serbian, and a translation memory.
 * This umbrella header includes the whole public API.
 */
#ifndef TUMAC_TUMAC_H
#define TUMAC_TUMAC_H

#include "alloc.h"
#include "batch.h"
#include "buf.h"
#include "check.h"
#include "error.h"
#include "escape.h"
#include "fileio.h"
#include "filter.h"
#include "leverage.h"
#include "locale.h"
#include "numwords.h"
#include "segment.h"
#include "serve.h"
#include "text.h"
#include "tm.h"
#include "version.h"
#include "xliff.h"

#endif
