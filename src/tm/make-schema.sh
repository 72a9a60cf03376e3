#!/bin/sh
# Regenerate src/tm/schema.gen.h from tm/schema.sql: sh src/tm/make-schema.sh
set -e
{
  echo '/* Generated from tm/schema.sql by src/tm/make-schema.sh; do not edit. */'
  echo 'static const char tm_schema_sql[] ='
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/' tm/schema.sql
  echo '    ;'
} > src/tm/schema.gen.h
