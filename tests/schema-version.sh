#!/bin/sh
# DB_SCHEMA_VERSION in lib/db.h must name the newest migration in sql/.
top=${top_srcdir:-$(dirname "$0")/..}
newest=$(ls "$top"/sql/[0-9][0-9][0-9][0-9]-*.sql | sed 's,.*/,,; s,-.*,,' | sort | tail -1 | sed 's/^0*//')
built=$(sed -n 's/^#define DB_SCHEMA_VERSION[[:space:]]*\([0-9]*\).*/\1/p' "$top"/lib/db.h)
if [ "$newest" != "$built" ]; then
	echo "lib/db.h DB_SCHEMA_VERSION is $built but the newest migration is $newest"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
