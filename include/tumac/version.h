/* The library's version (the Makefile reads it for the soname and tumac.pc). */
#ifndef TUMAC_VERSION_H
#define TUMAC_VERSION_H

#define TUMAC_VERSION "0.1.0"

#endif
