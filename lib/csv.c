/*
 * CSV reader and field writer; see csv.h for the rules.  A record is
 * read in one pass: each field is unquoted into a buffer on the stack,
 * checked, and copied to the arena, so a record costs the arena its
 * decoded bytes and two arrays of exactly its number of fields.  After
 * the first error the rest of the record is still scanned (with the
 * same quoting rules) so the reader stops at its real end.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "csv.h"
#include "field.h"

enum csv_err {
	CSV_ERR_AFTER_QUOTE,
	CSV_ERR_STRAY_QUOTE,
	CSV_ERR_OPEN_QUOTE,
	CSV_ERR_LONG,
	CSV_ERR_FIELDS,
	CSV_ERR_TEXT,
	CSV_ERR__MAX		/* no error */
};

static const char *const csv_errs[CSV_ERR__MAX] = {
	"text after a closing quote",		/* CSV_ERR_AFTER_QUOTE */
	"a quote inside an unquoted field",	/* CSV_ERR_STRAY_QUOTE */
	"a quote that is never closed",		/* CSV_ERR_OPEN_QUOTE */
	"a field is too long",			/* CSV_ERR_LONG */
	"too many fields",			/* CSV_ERR_FIELDS */
	"a field is not UTF-8 or holds a NUL byte", /* CSV_ERR_TEXT */
};

/* The field being read: len counts every byte, kept or not. */
struct csv_buf {
	char	 b[CSV_FIELD_MAX];
	size_t	 len;
};

static const char csv_bom[] = "\xef\xbb\xbf";

void
csv_open(struct csv *c, const char *s, size_t len)
{
	c->p = s;
	c->end = s + len;
	c->line = 1;
	if (len >= sizeof(csv_bom) - 1 &&
	    memcmp(s, csv_bom, sizeof(csv_bom) - 1) == 0)
		c->p += sizeof(csv_bom) - 1;
}

/* Bytes of the line end at p: 2 for CRLF, 1 for LF or CR, else 0. */
static size_t
csv_eol(const char *p, const char *end)
{
	if (p == end)
		return 0;
	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	return 0;
}

static void
csv_put(struct csv_buf *b, const char *p, size_t n)
{
	if (b->len + n <= sizeof(b->b))
		memcpy(b->b + b->len, p, n);
	b->len += n;
}

static void
csv_fail(enum csv_err *err, enum csv_err e)
{
	if (*err == CSV_ERR__MAX)
		*err = e;
}

/*
 * A quote never closed swallows the rest of the input; rather than lose
 * every row after it, go on at the line after the one it opened on.
 */
static void
csv_resync(struct csv *c, const char *open, size_t line)
{
	size_t	 n = 0;

	for (c->p = open; c->p < c->end && (n = csv_eol(c->p, c->end)) == 0;)
		c->p++;
	c->p += n;
	c->line = line + (n > 0);
}

int
csv_next(struct csv *c, struct arena *a, struct csv_record *r)
{
	const char	*fields[CSV_FIELDS_MAX];
	size_t		 lens[CSV_FIELDS_MAX];
	struct csv_buf	 buf;
	const char	*p = c->p, *end = c->end, *open;
	size_t		 n, nf = 0, openline;
	enum csv_err	 err = CSV_ERR__MAX;
	int		 quoted;

	memset(r, 0, sizeof(*r));
	while ((n = csv_eol(p, end)) > 0) {
		p += n;
		c->line++;
	}
	c->p = p;
	if (p == end)
		return 0;
	r->line = c->line;
	for (;;) {
		buf.len = 0;
		open = p;
		openline = c->line;
		if ((quoted = p < end && *p == '"'))
			p++;
		while (quoted) {
			if (p == end) {
				csv_fail(&err, CSV_ERR_OPEN_QUOTE);
				r->error = csv_errs[err];
				csv_resync(c, open, openline);
				return -1;
			}
			if (*p == '"' && p + 1 < end && p[1] == '"') {
				csv_put(&buf, p, 1);
				p += 2;
			} else if (*p == '"') {
				p++;
				quoted = 0;
				if (p < end && *p != ',' && csv_eol(p, end) == 0)
					csv_fail(&err, CSV_ERR_AFTER_QUOTE);
			} else if ((n = csv_eol(p, end)) > 0) {
				csv_put(&buf, p, n);
				p += n;
				c->line++;
			} else
				csv_put(&buf, p++, 1);
		}
		/* Unquoted, or the text after a closing quote. */
		while (p < end && *p != ',' && csv_eol(p, end) == 0) {
			if (*p == '"')
				csv_fail(&err, CSV_ERR_STRAY_QUOTE);
			csv_put(&buf, p++, 1);
		}
		if (buf.len > CSV_FIELD_MAX)
			csv_fail(&err, CSV_ERR_LONG);
		else if (!field_utf8_valid(buf.b, buf.len))
			csv_fail(&err, CSV_ERR_TEXT);
		else if (nf == CSV_FIELDS_MAX)
			csv_fail(&err, CSV_ERR_FIELDS);
		else if (err == CSV_ERR__MAX) {
			lens[nf] = buf.len;
			fields[nf++] = arena_strndup(a, buf.b, buf.len);
		}
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if ((n = csv_eol(p, end)) > 0) {
			p += n;
			c->line++;
		}
		break;
	}
	c->p = p;
	if (err != CSV_ERR__MAX) {
		r->error = csv_errs[err];
		return -1;
	}
	r->nfields = nf;
	r->fields = arena_calloc(a, nf, sizeof(*r->fields));
	r->lens = arena_calloc(a, nf, sizeof(*r->lens));
	memcpy(r->fields, fields, nf * sizeof(*r->fields));
	memcpy(r->lens, lens, nf * sizeof(*r->lens));
	return 1;
}

char *
csv_field(struct arena *a, const char *s)
{
	size_t	 n = strlen(s), i, o = 0, quotes = 0;
	int	 prefix, quote;
	char	*out;

	prefix = n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
	/* A leading BOM would be taken for the file's own by csv_open. */
	quote = n > 0 && (strchr(" \t", s[0]) != NULL ||
	    strchr(" \t", s[n - 1]) != NULL ||
	    strncmp(s, csv_bom, sizeof(csv_bom) - 1) == 0);
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quotes++;
		if (strchr(",\"\r\n", s[i]) != NULL)
			quote = 1;
	}
	out = arena_alloc(a, n + quotes + prefix + 2 * quote + 1);
	if (quote)
		out[o++] = '"';
	if (prefix)
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
