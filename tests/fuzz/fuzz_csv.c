/*
 * libFuzzer harness for lib/csv.c (K3: the CSV importer reads files a
 * customer sends).  Every record of the input is read; each field must
 * be NUL-terminated at its length, and a field written out by csv_field
 * must read back as one record of one field, the same text (formula
 * prefix aside).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_round_trip(struct arena *a, const char *field)
{
	struct csv		 r;
	struct csv_record	 rec;
	const char		*out = csv_field(a, field);

	if (*field == '\0' || strchr(field, '\r') != NULL)
		return;	/* "" is no record; a CR may turn into CRLF */
	csv_open(&r, out, strlen(out));
	if (csv_next(&r, a, &rec) != 1 || rec.nfields != 1)
		abort();
	if (strchr("=+-@", *field) != NULL) {
		if (rec.fields[0][0] != '\'' || strcmp(rec.fields[0] + 1,
		    field) != 0)
			abort();
	} else if (strcmp(rec.fields[0], field) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new();
	struct csv		 r;
	struct csv_record	 rec;
	size_t			 i, last = 0;
	int			 rc;

	csv_open(&r, (const char *)data, size);
	while ((rc = csv_next(&r, a, &rec)) != 0) {
		if (rec.line < last || rec.line == 0)
			abort();	/* lines only go forward */
		last = rec.line;
		if (rc == -1) {
			if (rec.error == NULL)
				abort();
			continue;
		}
		for (i = 0; i < rec.nfields; i++) {
			if (strlen(rec.fields[i]) != rec.lens[i])
				abort();
			fuzz_round_trip(a, rec.fields[i]);
		}
	}
	arena_free(a);
	return 0;
}
