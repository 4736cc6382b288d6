/*
 * lib/filter.c: a statement is the head, the fragments of the chosen
 * conditions in table order, and the tail; every combination of the
 * device list fits and binds as many values as it has markers.
 */
#include "config.h"

#include <string.h>

#include "db_device.h"
#include "db_ticket.h"
#include "field.h"
#include "filter.h"
#include "page.h"
#include "unit.h"

static const struct filter_cond conds[] = {
	{ 0, FILTER_TEXT, " AND a = ?" },
	{ 1, FILTER_INT, " AND b = ?" },
	{ 2, FILTER_CONTAINS, " AND (c LIKE ? OR d LIKE ?)" },
	{ 3, FILTER_CURSOR, " AND (n, id) > (?, ?)" },
};

static const struct filter toy = {
	"SELECT x FROM t WHERE k = ?", conds, 4, " ORDER BY n LIMIT ?"
};

START_TEST(test_text_order)
{
	char	buf[FILTER_SQL_MAX];

	ck_assert_int_eq(filter_text(&toy, 0, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "SELECT x FROM t WHERE k = ? ORDER BY n LIMIT ?");
	/* Bits, not the order they were asked in, decide the order. */
	ck_assert_int_eq(filter_text(&toy, 0x9, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "SELECT x FROM t WHERE k = ? AND a = ? "
	    "AND (n, id) > (?, ?) ORDER BY n LIMIT ?");
	ck_assert_int_eq(filter_text(&toy, 0xf, buf, 40), -1);
}
END_TEST

START_TEST(test_mask)
{
	struct field_value	v[4];
	struct page		p;
	struct filter_args	fa;

	memset(v, 0, sizeof(v));
	memset(&p, 0, sizeof(p));
	memset(&fa, 0, sizeof(fa));
	fa.query = v;
	fa.page = &p;
	ck_assert_uint_eq(filter_mask(&toy, &fa), 0);
	/* An empty text is no condition; a false boolean is one. */
	v[0].present = 1;
	v[0].s = "";
	v[1].present = 1;
	v[1].i = 0;
	ck_assert_uint_eq(filter_mask(&toy, &fa), 0x2);
	v[2].present = 1;
	v[2].s = "x";
	v[2].len = 1;
	p.after = 1;
	ck_assert_uint_eq(filter_mask(&toy, &fa), 0xe);
}
END_TEST

static size_t
markers(const char *s)
{
	size_t	n = 0;

	for (; (s = strchr(s, '?')) != NULL; s++)
		n++;
	return n;
}

/* Every combination of f's conditions fits and binds what it names. */
static void
check_combinations(const struct filter *f)
{
	char			 buf[FILTER_SQL_MAX];
	uint64_t		 mask;
	size_t			 i, want;

	ck_assert_uint_le(f->nconds, FILTER_CONDS_MAX);
	for (mask = 0; mask < ((uint64_t)1 << f->nconds); mask++) {
		ck_assert_int_eq(filter_text(f, mask, buf, sizeof(buf)), 0);
		want = markers(f->head) + markers(f->tail);
		for (i = 0; i < f->nconds; i++)
			if (mask & ((uint64_t)1 << i))
				want += markers(f->conds[i].sql);
		ck_assert_uint_eq(markers(buf), want);
		ck_assert_uint_le(want, FILTER_ARGS_MAX);
	}
}

START_TEST(test_device_combinations)
{
	check_combinations(&device_list_filter);
}
END_TEST

START_TEST(test_ticket_combinations)
{
	check_combinations(&ticket_list_filter);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("filter");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_text_order);
	tcase_add_test(tc, test_mask);
	tcase_add_test(tc, test_device_combinations);
	tcase_add_test(tc, test_ticket_combinations);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
