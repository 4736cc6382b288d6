/*
 * Unit tests for lib/csv.c: RFC 4180 as spreadsheet programs write it,
 * line numbers across quoted line breaks, recovery after a malformed
 * record, and output quoting that reads back the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "unit_arena.h"

#include "csv.h"

/* Reads s whole: each record as "line:f1|f2|…" or "line:!error", joined by ";". */
static char *
csv_dump(const char *s, size_t len)
{
	static char		 out[4096];
	struct csv		 r;
	struct csv_record	 rec;
	size_t			 i, o = 0;
	int			 rc;

	csv_open(&r, s, len);
	out[0] = '\0';
	while ((rc = csv_next(&r, a, &rec)) != 0) {
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%zu:",
		    o ? ";" : "", rec.line);
		if (rc == -1) {
			o += (size_t)snprintf(out + o, sizeof(out) - o, "!%s",
			    rec.error);
			continue;
		}
		for (i = 0; i < rec.nfields; i++)
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%s",
			    i ? "|" : "", rec.fields[i]);
	}
	return out;
}

#define DUMP(s)	csv_dump((s), sizeof(s) - 1)

START_TEST(csv_records)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*out;
	} t[] = {
#define T(in, out)	{ in, sizeof(in) - 1, out }
		T("a,b\r\nc,d\r\n", "1:a|b;2:c|d"),
		T("a,b\nc,d", "1:a|b;2:c|d"),
		T("a,b\rc,d\r", "1:a|b;2:c|d"),
		T("\xef\xbb\xbf" "Name\r\nx\r\n", "1:Name;2:x"),
		T("a,,c\n,\n", "1:a||c;2:|"),
		T("\"a,b\",\"say \"\"hi\"\"\"\n", "1:a,b|say \"hi\""),
		T("\"two\r\nlines\",x\r\nnext\r\n", "1:two\r\nlines|x;3:next"),
		T("\"one\nmore\nline\"\nz\n", "1:one\nmore\nline;4:z"),
		T("a\n\n\nb\n", "1:a;4:b"),
		T("\"\"\n", "1:"),
		T("a \"b\",c\nok\n", "1:!a quote inside an unquoted field;2:ok"),
		T("\"a\"b,c\nok\n", "1:!text after a closing quote;2:ok"),
		T("x\n\"open,\nno close", "1:x;2:!a quoted field is not closed"),
		T("ok\nbad\xff,x\nok2\n", "1:ok;2:!a field is not valid UTF-8 text;3:ok2"),
		T("a\0b\nok\n", "1:!a field is not valid UTF-8 text;2:ok"),
		T("", ""),
#undef T
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(strcmp(csv_dump(t[i].in, t[i].len), t[i].out) == 0,
		    "case %zu: got \"%s\", want \"%s\"", i,
		    csv_dump(t[i].in, t[i].len), t[i].out);
}
END_TEST

START_TEST(csv_limits)
{
	char	*s = malloc(CSV_FIELD_MAX + 16), *wide;
	size_t	 i;

	memset(s, 'x', CSV_FIELD_MAX + 1);
	memcpy(s + CSV_FIELD_MAX + 1, "\nok\n", 5);
	ck_assert_str_eq(csv_dump(s, strlen(s)),
	    "1:!a field is too long;2:ok");
	free(s);
	wide = malloc(CSV_FIELDS_MAX * 2 + 16);
	for (i = 0; i <= CSV_FIELDS_MAX; i++)
		memcpy(wide + i * 2, "x,", 2);
	memcpy(wide + CSV_FIELDS_MAX * 2 + 1, "\nok\n", 5);
	ck_assert_str_eq(csv_dump(wide, strlen(wide)),
	    "1:!too many fields;2:ok");
	free(wide);
}
END_TEST

START_TEST(csv_field_quoting)
{
	static const char *const in[] = {
		"plain", "a,b", "say \"hi\"", "two\r\nlines", " padded ",
		"=SUM(A1)", "+1", "-2", "@cmd", "", "Müller",
		"\xef\xbb\xbfstarts with U+FEFF"
	};
	static const char *const out[] = {
		"plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\r\nlines\"",
		"\" padded \"", "'=SUM(A1)", "'+1", "'-2", "'@cmd", "", "Müller",
		"\"\xef\xbb\xbfstarts with U+FEFF\""
	};
	struct csv		r;
	struct csv_record	rec;
	size_t			i;
	char			*f;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		f = csv_field(a, in[i]);
		ck_assert_str_eq(f, out[i]);
		/* It reads back as written (with the formula prefix). */
		csv_open(&r, f, strlen(f));
		if (*in[i] == '\0')
			continue;
		ck_assert_int_eq(csv_next(&r, a, &rec), 1);
		ck_assert_uint_eq(rec.nfields, 1);
		ck_assert_str_eq(rec.fields[0], out[i][0] == '\'' ? out[i] :
		    in[i]);
	}
}
END_TEST

START_TEST(csv_outlook_header)
{
	ck_assert_str_eq(DUMP("\xef\xbb\xbf\"First Name\",\"Last Name\","
	    "\"E-mail Address\"\r\n\"Maria\",\"\",\"m@x.example\"\r\n"),
	    "1:First Name|Last Name|E-mail Address;2:Maria||m@x.example");
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite	*s = suite_create("csv");
	TCase	*t = tcase_create("csv");

	tcase_add_checked_fixture(t, unit_arena_setup, unit_arena_teardown);
	tcase_add_test(t, csv_records);
	tcase_add_test(t, csv_limits);
	tcase_add_test(t, csv_field_quoting);
	tcase_add_test(t, csv_outlook_header);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return unit_run(csv_suite());
}
