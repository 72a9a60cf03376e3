#!/bin/sh
# Writes the C text of tm/schema.sql (src/tm/schema.gen.h) to stdout, without
# its comments (they explain the file; C99 strings stop at 4095 bytes);
# `make gen` runs: sh src/tm/make-schema.sh tm/schema.sql > src/tm/schema.gen.h
set -e
echo '/* Generated from tm/schema.sql by src/tm/make-schema.sh (make gen); do not edit. */'
echo 'static const char tm_schema_sql[] ='
sed -e 's/ *--.*$//' -e '/^$/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/' "$1"
echo '    ;'
