#!/bin/sh
# DESIGN.md §4: calls that must not appear in lib/ or cgi/.
top=${top_srcdir:-$(dirname "$0")/..}
hits=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|gets|atoi|atol|atoll|mysql_query|mysql_real_query|mysql_real_escape_string|mysql_escape_string|system|popen|tmpnam|mktemp)[[:space:]]*\(' \
	"$top"/lib/*.c "$top"/lib/*.h "$top"/cgi/*.c "$top"/cgi/*.h 2>/dev/null)
if [ -n "$hits" ]; then
	echo "banned calls (DESIGN.md section 4):"
	echo "$hits"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
