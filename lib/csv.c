#include "config.h"

#include <string.h>

#include "arena.h"
#include "csv.h"
#include "field.h"

void
csv_open(struct csv *r, const char *buf, size_t len)
{
	r->p = buf != NULL ? buf : "";
	r->end = r->p + (buf != NULL ? len : 0);
	r->line = 1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
}

/* At a line end: steps over it (CRLF, LF or CR) and counts it. */
static int
csv_eol(struct csv *r)
{
	if (r->p == r->end || (*r->p != '\n' && *r->p != '\r'))
		return 0;
	if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
		r->p++;
	r->p++;
	r->line++;
	return 1;
}

/*
 * After a malformed record: on to the next line.  Quotes are not
 * followed from the middle of a broken record: one stray quote would
 * swallow the rest of the file.
 */
static void
csv_skip_record(struct csv *r)
{
	while (r->p < r->end && !csv_eol(r))
		r->p++;
}

static int
csv_fail(struct csv *r, struct csv_record *rec, const char *why)
{
	rec->error = why;
	csv_skip_record(r);
	return -1;
}

/* One field into buf: 1 at a comma, 0 at the record's end, -1 malformed. */
static int
csv_read_field(struct csv *r, char *buf, size_t *len, const char **why)
{
	size_t	n = 0;

	if (r->p < r->end && *r->p == '"') {
		for (r->p++;; r->p++) {
			if (r->p == r->end)
				return *why = "a quoted field is not closed", -1;
			if (*r->p == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"')
					r->p++;
				else {
					r->p++;
					break;
				}
			} else if (*r->p == '\n' || *r->p == '\r') {
				/* A line break inside quotes is data. */
				if (*r->p == '\r' && r->p + 1 < r->end &&
				    r->p[1] == '\n') {
					if (n + 2 > CSV_FIELD_MAX)
						return *why = "a field is too long", -1;
					buf[n++] = *r->p++;
				}
				r->line++;
			}
			if (n == CSV_FIELD_MAX)
				return *why = "a field is too long", -1;
			buf[n++] = *r->p;
		}
		if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
		    *r->p != '\r')
			return *why = "text after a closing quote", -1;
	} else {
		for (; r->p < r->end && *r->p != ',' && *r->p != '\n' &&
		    *r->p != '\r'; r->p++) {
			if (*r->p == '"')
				return *why = "a quote inside an unquoted field", -1;
			if (n == CSV_FIELD_MAX)
				return *why = "a field is too long", -1;
			buf[n++] = *r->p;
		}
	}
	*len = n;
	if (r->p < r->end && *r->p == ',') {
		r->p++;
		return 1;
	}
	return 0;
}

/*
 * The next record: 1, 0 at the end of the input, -1 when it is malformed
 * (rec->error says why, rec->line where it starts; the reader is past it).
 * A line with nothing on it is no record.
 */
int
csv_next(struct csv *r, struct arena *a, struct csv_record *rec)
{
	char		*buf;
	size_t		 len;
	int		 more;

	memset(rec, 0, sizeof(*rec));
	while (r->p < r->end && csv_eol(r))
		continue;
	if (r->p == r->end)
		return 0;
	rec->line = r->line;
	rec->fields = arena_calloc(a, CSV_FIELDS_MAX, sizeof(*rec->fields));
	rec->lens = arena_calloc(a, CSV_FIELDS_MAX, sizeof(*rec->lens));
	buf = arena_alloc(a, CSV_FIELD_MAX + 1);
	do {
		if (rec->nfields == CSV_FIELDS_MAX)
			return csv_fail(r, rec, "too many fields");
		if ((more = csv_read_field(r, buf, &len, &rec->error)) == -1) {
			csv_skip_record(r);
			return -1;
		}
		if (memchr(buf, '\0', len) != NULL ||
		    !field_utf8_valid(buf, len))
			return csv_fail(r, rec, "a field is not valid UTF-8 text");
		rec->fields[rec->nfields] = arena_strndup(a, buf, len);
		rec->lens[rec->nfields++] = len;
	} while (more);
	csv_eol(r);
	return 1;
}

/*
 * One field as it is written out: quoted when it holds a comma, a quote,
 * a line break or white space at either end, or starts with U+FEFF (a
 * reader would take it for a BOM); quotes doubled.  A leading = + - @ is
 * prefixed with ' so that no spreadsheet runs it as a formula.
 */
char *
csv_field(struct arena *a, const char *s)
{
	size_t		 n = strlen(s), i, o = 0;
	int		 formula = n > 0 && strchr("=+-@", s[0]) != NULL;
	int		 quote = strpbrk(s, ",\"\r\n") != NULL || (n > 0 &&
			    (s[0] == ' ' || s[n - 1] == ' ')) ||
			    strncmp(s, "\xef\xbb\xbf", 3) == 0;
	char		*out = arena_alloc(a, n * 2 + 4);

	if (quote)
		out[o++] = '"';
	if (formula)
		out[o++] = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			out[o++] = '"';
		out[o++] = s[i];
	}
	if (quote)
		out[o++] = '"';
	out[o] = '\0';
	return out;
}
