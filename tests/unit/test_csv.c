/*
 * Unit tests for lib/csv.c: a table of inputs with the records (or
 * errors) each must give, the limits, csv_field's quoting and formula
 * prefix read back through csv_next, and the exports in tests/data/csv.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"

#include "arena.h"
#include "csv.h"

#define WANT_FIELDS	6
#define WANT_RECORDS	5

/* One result of csv_next: rc 1 with fields, or -1 with fields[0] the error. */
struct want {
	int		 rc;		/* 0 ends the list */
	size_t		 line;
	const char	*fields[WANT_FIELDS];	/* NULL-terminated */
};

struct ccase {
	const char	*name;
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	struct want	 want[WANT_RECORDS];
};

#define E_AFTER		"text after a closing quote"
#define E_STRAY		"a quote inside an unquoted field"
#define E_OPEN		"a quote that is never closed"
#define E_LONG		"a field is too long"
#define E_FIELDS	"too many fields"
#define E_TEXT		"a field is not UTF-8 or holds a NUL byte"

static const struct ccase cases[] = {
	{ "LF", "a,b\nc,d\n", 0,
	    { { 1, 1, { "a", "b" } }, { 1, 2, { "c", "d" } } } },
	{ "CRLF", "a,b\r\nc,d\r\n", 0,
	    { { 1, 1, { "a", "b" } }, { 1, 2, { "c", "d" } } } },
	{ "lone CR", "a,b\rc,d", 0,
	    { { 1, 1, { "a", "b" } }, { 1, 2, { "c", "d" } } } },
	{ "mixed ends, last unterminated", "a\r\nb\nc\rd", 0,
	    { { 1, 1, { "a" } }, { 1, 2, { "b" } }, { 1, 3, { "c" } },
	    { 1, 4, { "d" } } } },
	{ "empty fields", ",\n,a,\nz,", 0,
	    { { 1, 1, { "", "" } }, { 1, 2, { "", "a", "" } },
	    { 1, 3, { "z", "" } } } },
	{ "empty lines skipped", "\n\r\na\n\n\r\nb\r\n\r\n", 0,
	    { { 1, 3, { "a" } }, { 1, 6, { "b" } } } },
	{ "white space is a record", " \n\t\n", 0,
	    { { 1, 1, { " " } }, { 1, 2, { "\t" } } } },
	{ "nothing", "", 0, { { 0 } } },
	{ "only line ends", "\r\n\n\r", 0, { { 0 } } },
	{ "BOM only", "\xef\xbb\xbf", 0, { { 0 } } },
	{ "BOM", "\xef\xbb\xbfName,E-mail\r\nA,b\r\n", 0,
	    { { 1, 1, { "Name", "E-mail" } }, { 1, 2, { "A", "b" } } } },
	{ "BOM later is data", "a\n\xef\xbb\xbf" "b\n", 0,
	    { { 1, 1, { "a" } }, { 1, 2, { "\xef\xbb\xbf" "b" } } } },
	{ "quoted comma and quotes", "\"a,b\",\"say \"\"hi\"\"\",\"\"\n", 0,
	    { { 1, 1, { "a,b", "say \"hi\"", "" } } } },
	{ "quoted line ends keep lines", "\"x\ny\",1\r\n\"p\r\nq\rr\",2\nlast", 0,
	    { { 1, 1, { "x\ny", "1" } }, { 1, 3, { "p\r\nq\rr", "2" } },
	    { 1, 6, { "last" } } } },
	{ "quoted last field at end", "a,\"b\"", 0,
	    { { 1, 1, { "a", "b" } } } },
	{ "non-ASCII", "M\xc3\xbcller,\xc5\x81ukasz,\xe7\x94\xb0\xe4\xb8\xad,"
	    "\xf0\x9f\x98\x80\n", 0,
	    { { 1, 1, { "M\xc3\xbcller", "\xc5\x81ukasz",
	    "\xe7\x94\xb0\xe4\xb8\xad", "\xf0\x9f\x98\x80" } } } },
	{ "text after a closing quote", "\"a\"b,c\nok\n", 0,
	    { { -1, 1, { E_AFTER } }, { 1, 2, { "ok" } } } },
	{ "space after a closing quote", "\"a\" ,b\r\nok\r\n", 0,
	    { { -1, 1, { E_AFTER } }, { 1, 2, { "ok" } } } },
	{ "quote after a closing quote", "\"a\"b\"c,\"d\nok\n", 0,
	    { { -1, 1, { E_AFTER } }, { 1, 2, { "ok" } } } },
	{ "stray quote", "ab\"c,d\nok\n", 0,
	    { { -1, 1, { E_STRAY } }, { 1, 2, { "ok" } } } },
	{ "error after a multi-line field", "\"a\nb\"x\nok\n", 0,
	    { { -1, 1, { E_AFTER } }, { 1, 3, { "ok" } } } },
	{ "error as the last record", "ok\n\"a\"x", 0,
	    { { 1, 1, { "ok" } }, { -1, 2, { E_AFTER } } } },
	{ "never closed", "a,\"b\nc,d\ne\n", 0,
	    { { -1, 1, { E_OPEN } }, { 1, 2, { "c", "d" } },
	    { 1, 3, { "e" } } } },
	{ "never closed after a multi-line field", "\"x\ny\",\"z\nw\n", 0,
	    { { -1, 1, { E_OPEN } }, { 1, 3, { "w" } } } },
	{ "never closed on the last line", "ok\n\"abc", 0,
	    { { 1, 1, { "ok" } }, { -1, 2, { E_OPEN } } } },
	{ "first error wins", "a\"b,\"c\nok\n", 0,
	    { { -1, 1, { E_STRAY } }, { 1, 2, { "ok" } } } },
	{ "invalid UTF-8", "a,\xff\nb\n", 0,
	    { { -1, 1, { E_TEXT } }, { 1, 2, { "b" } } } },
	{ "overlong UTF-8", "\xc0\xaf\nb\n", 0,
	    { { -1, 1, { E_TEXT } }, { 1, 2, { "b" } } } },
	{ "surrogate", "\"\xed\xa0\x80\"\nb\n", 0,
	    { { -1, 1, { E_TEXT } }, { 1, 2, { "b" } } } },
	{ "truncated UTF-8 at end", "b\n\xc3", 0,
	    { { 1, 1, { "b" } }, { -1, 2, { E_TEXT } } } },
	{ "NUL", "a\0b\nc\n", 6,
	    { { -1, 1, { E_TEXT } }, { 1, 2, { "c" } } } },
	{ "quoted NUL", "\"a\0\"\nc\n", 7,
	    { { -1, 1, { E_TEXT } }, { 1, 2, { "c" } } } },
};

static void
expect(struct csv *c, const char *name, const struct want *w)
{
	struct csv_record	r;
	size_t			i, n;
	int			rc;

	rc = csv_next(c, a, &r);
	ck_assert_msg(rc == w->rc, "%s: rc %d, want %d (%s)", name, rc,
	    w->rc, rc == -1 ? r.error : "");
	if (rc == 0)
		return;
	ck_assert_msg(r.line == w->line, "%s: line %zu, want %zu", name,
	    r.line, w->line);
	if (rc == -1) {
		ck_assert_ptr_nonnull(r.error);
		ck_assert_msg(strcmp(r.error, w->fields[0]) == 0,
		    "%s: error \"%s\", want \"%s\"", name, r.error,
		    w->fields[0]);
		return;
	}
	ck_assert_ptr_null(r.error);
	for (n = 0; n < WANT_FIELDS && w->fields[n] != NULL; n++)
		continue;
	ck_assert_msg(r.nfields == n, "%s line %zu: %zu fields, want %zu",
	    name, w->line, r.nfields, n);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(r.lens[i], strlen(r.fields[i]));
		ck_assert_msg(strcmp(r.fields[i], w->fields[i]) == 0,
		    "%s line %zu field %zu: \"%s\", want \"%s\"", name,
		    w->line, i, r.fields[i], w->fields[i]);
	}
}

START_TEST(test_table)
{
	const struct ccase	*t;
	struct csv		 c;
	size_t			 i, k, len;
	char			*in;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = &cases[i];
		/* Exactly len bytes, no NUL after: ASan sees reads past end. */
		len = t->len ? t->len : strlen(t->in);
		ck_assert_ptr_nonnull(in = malloc(len + (len == 0)));
		memcpy(in, t->in, len);
		csv_open(&c, in, len);
		for (k = 0; k < WANT_RECORDS && t->want[k].rc != 0; k++)
			expect(&c, t->name, &t->want[k]);
		ck_assert_msg(csv_next(&c, a, &(struct csv_record){ 0 }) == 0,
		    "%s: more records than expected", t->name);
		/* The end stays the end. */
		ck_assert_int_eq(csv_next(&c, a, &(struct csv_record){ 0 }), 0);
		free(in);
	}
}
END_TEST

/* A field of n bytes of ch, quoted (with ch a doubled quote) or not. */
static char *
long_line(char ch, size_t n, int quoted)
{
	size_t	 step = ch == '"' ? 2 : 1, i, o = 0;
	char	*s = arena_alloc(a, n * step + 16);

	if (quoted)
		s[o++] = '"';
	for (i = 0; i < n * step; i++)
		s[o++] = ch;
	if (quoted)
		s[o++] = '"';
	memcpy(s + o, "\nok\n", 5);
	return s;
}

START_TEST(test_field_max)
{
	static const struct {
		char	 ch;
		size_t	 n;
		int	 quoted;
		int	 rc;
	} t[] = {
		{ 'x', CSV_FIELD_MAX, 0, 1 },
		{ 'x', CSV_FIELD_MAX + 1, 0, -1 },
		{ 'x', CSV_FIELD_MAX, 1, 1 },
		{ 'x', CSV_FIELD_MAX + 1, 1, -1 },
		{ '"', CSV_FIELD_MAX, 1, 1 },	/* decoded bytes count */
		{ '"', CSV_FIELD_MAX + 1, 1, -1 },
		{ 'x', 4 * CSV_FIELD_MAX, 0, -1 },
	};
	struct csv		c;
	struct csv_record	r;
	const char		*s;
	size_t			i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		s = long_line(t[i].ch, t[i].n, t[i].quoted);
		csv_open(&c, s, strlen(s));
		ck_assert_int_eq(csv_next(&c, a, &r), t[i].rc);
		if (t[i].rc == 1) {
			ck_assert_uint_eq(r.lens[0], t[i].n);
			ck_assert_uint_eq(strlen(r.fields[0]), t[i].n);
			ck_assert_int_eq(r.fields[0][0], t[i].ch);
		} else
			ck_assert_str_eq(r.error, E_LONG);
		ck_assert_int_eq(csv_next(&c, a, &r), 1);
		ck_assert_uint_eq(r.line, 2);
		ck_assert_str_eq(r.fields[0], "ok");
		ck_assert_int_eq(csv_next(&c, a, &r), 0);
	}
}
END_TEST

START_TEST(test_fields_max)
{
	struct csv		c;
	struct csv_record	r;
	char			s[4 * CSV_FIELDS_MAX + 16];
	size_t			n, i, o;

	for (n = CSV_FIELDS_MAX; n <= CSV_FIELDS_MAX + 1; n++) {
		for (i = o = 0; i < n; i++)
			o += (size_t)snprintf(s + o, sizeof(s) - o, "%s%zu",
			    i ? "," : "", i);
		snprintf(s + o, sizeof(s) - o, "\r\nok\r\n");
		csv_open(&c, s, strlen(s));
		if (n == CSV_FIELDS_MAX) {
			ck_assert_int_eq(csv_next(&c, a, &r), 1);
			ck_assert_uint_eq(r.nfields, CSV_FIELDS_MAX);
			ck_assert_str_eq(r.fields[CSV_FIELDS_MAX - 1], "63");
		} else {
			ck_assert_int_eq(csv_next(&c, a, &r), -1);
			ck_assert_str_eq(r.error, E_FIELDS);
		}
		ck_assert_int_eq(csv_next(&c, a, &r), 1);
		ck_assert_uint_eq(r.line, 2);
		ck_assert_str_eq(r.fields[0], "ok");
	}
}
END_TEST

/* csv_field: what it writes, and what csv_next reads back (NULL: in). */
static const struct {
	const char	*in;
	const char	*out;
	const char	*back;
} fcases[] = {
	/* First, so the round trip starts with it: not read as a BOM. */
	{ "\xef\xbb\xbfx", "\"\xef\xbb\xbfx\"", NULL },
	{ "plain", "plain", NULL },
	{ "", "", NULL },
	{ "a,b", "\"a,b\"", NULL },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"", NULL },
	{ "\"", "\"\"\"\"", NULL },
	{ "a\nb", "\"a\nb\"", NULL },
	{ "a\r\nb", "\"a\r\nb\"", NULL },
	{ "a\rb", "\"a\rb\"", NULL },
	{ " lead", "\" lead\"", NULL },
	{ "trail ", "\"trail \"", NULL },
	{ "a=b", "a=b", NULL },
	{ "M\xc3\xbcller", "M\xc3\xbcller", NULL },
	{ "=1+2", "'=1+2", "'=1+2" },
	{ "+49 30 1234", "'+49 30 1234", "'+49 30 1234" },
	{ "-5", "'-5", "'-5" },
	{ "@SUM(A1)", "'@SUM(A1)", "'@SUM(A1)" },
	{ "\tx", "\"'\tx\"", "'\tx" },
	{ "\rx", "\"'\rx\"", "'\rx" },
	{ "=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
	    "'=HYPERLINK(\"http://x\",\"y\")" },
};

#define NFCASES	(sizeof(fcases) / sizeof(fcases[0]))

START_TEST(test_field_out)
{
	size_t	i;

	for (i = 0; i < NFCASES; i++)
		ck_assert_msg(strcmp(csv_field(a, fcases[i].in),
		    fcases[i].out) == 0, "case %zu: \"%s\"", i,
		    csv_field(a, fcases[i].in));
}
END_TEST

/* Every case as one record, and as one single-field record per line. */
START_TEST(test_field_roundtrip)
{
	static const char *const eols[] = { "\r\n", "\n" };
	struct csv		 c;
	struct csv_record	 r;
	char			*s;
	const char		*back;
	size_t			 i, e;

	for (e = 0; e < sizeof(eols) / sizeof(eols[0]); e++) {
		s = "";
		for (i = 0; i < NFCASES; i++)
			s = arena_printf(a, "%s%s%s", s, i ? "," : "",
			    csv_field(a, fcases[i].in));
		s = arena_printf(a, "%s%s%s%s", s, eols[e], s, eols[e]);
		csv_open(&c, s, strlen(s));
		ck_assert_int_eq(csv_next(&c, a, &r), 1);
		ck_assert_uint_eq(r.nfields, NFCASES);
		for (i = 0; i < NFCASES; i++) {
			back = fcases[i].back ? fcases[i].back : fcases[i].in;
			ck_assert_msg(strcmp(r.fields[i], back) == 0,
			    "field %zu read back as \"%s\"", i, r.fields[i]);
		}
		/* The second copy starts after the embedded line ends. */
		ck_assert_int_eq(csv_next(&c, a, &r), 1);
		ck_assert_uint_eq(r.line, 6);
		ck_assert_int_eq(csv_next(&c, a, &r), 0);
	}
}
END_TEST

/*
 * The exports in tests/data/csv: records and errors by line.  Each
 * entry: the file, then its lines and the error on each (NULL: a good
 * record), ending with line 0.
 */
#define FIXTURE_ROWS	12

static const struct {
	const char	*file;
	size_t		 nfields;	/* of every good record */
	struct {
		size_t		 line;
		const char	*error;
	} rows[FIXTURE_ROWS];
} fixtures[] = {
	{ "outlook.csv", 6,
	    { { 1, NULL }, { 2, NULL }, { 3, NULL }, { 4, NULL },
	    { 5, NULL }, { 0, NULL } } },
	{ "quoted.csv", 4,
	    { { 1, NULL }, { 2, NULL }, { 3, NULL }, { 5, NULL },
	    { 6, NULL }, { 0, NULL } } },
	{ "names.csv", 3,
	    { { 1, NULL }, { 2, NULL }, { 3, NULL }, { 4, NULL },
	    { 5, NULL }, { 6, NULL }, { 0, NULL } } },
	{ "bad-rows.csv", 3,
	    { { 1, NULL }, { 2, NULL }, { 3, E_AFTER }, { 4, NULL },
	    { 5, E_TEXT }, { 6, E_STRAY }, { 7, NULL }, { 8, E_OPEN },
	    { 9, NULL }, { 0, NULL } } },
};

START_TEST(test_fixtures)
{
	struct csv		c;
	struct csv_record	r;
	const char		*s;
	size_t			i, k, len;
	int			rc;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		s = unit_slurp("csv", fixtures[i].file, &len);
		/* As a spreadsheet writes them: a BOM and CRLF. */
		ck_assert(len > 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0);
		ck_assert_ptr_nonnull(strstr(s + 3, "\r\n"));
		csv_open(&c, s, len);
		for (k = 0; fixtures[i].rows[k].line != 0; k++) {
			rc = csv_next(&c, a, &r);
			ck_assert_msg(rc == (fixtures[i].rows[k].error ? -1 : 1),
			    "%s: rc %d at line %zu (%s)", fixtures[i].file, rc,
			    r.line, rc == -1 ? r.error : "");
			ck_assert_msg(r.line == fixtures[i].rows[k].line,
			    "%s: line %zu, want %zu", fixtures[i].file, r.line,
			    fixtures[i].rows[k].line);
			if (rc == -1)
				ck_assert_str_eq(r.error,
				    fixtures[i].rows[k].error);
			else
				ck_assert_uint_eq(r.nfields,
				    fixtures[i].nfields);
		}
		ck_assert_int_eq(csv_next(&c, a, &r), 0);
	}
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite	*s = suite_create("csv");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_field_max);
	tcase_add_test(tc, test_fields_max);
	tcase_add_test(tc, test_field_out);
	tcase_add_test(tc, test_field_roundtrip);
	tcase_add_test(tc, test_fixtures);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(csv_suite());
}
