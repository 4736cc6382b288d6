/*
 * Unit tests for lib/route.c: pattern matching with {id} segments,
 * lookup with 404 versus 405, and the Allow list.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"

#include "arena.h"
#include "field.h"
#include "route.h"

struct match_case {
	const char	*pattern;
	const char	*path;
	int		 ok;
	size_t		 nids;
	uint64_t	 id0;
	uint64_t	 id1;
};

START_TEST(test_match_table)
{
	static const struct match_case cases[] = {
		{ "/api/customers", "/api/customers", 1, 0, 0, 0 },
		{ "/api/customers", "/api/customers/", 0, 0, 0, 0 },
		{ "/api/customers", "/api/customer", 0, 0, 0, 0 },
		{ "/api/customers", "/api/customersx", 0, 0, 0, 0 },
		{ "/api/customers", "/api/Customers", 0, 0, 0, 0 },
		{ "/api/customers", "/api//customers", 0, 0, 0, 0 },
		{ "/api/customers", "api/customers", 0, 0, 0, 0 },
		{ "/api/customers", "", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/1", 1, 1, 1, 0 },
		{ "/api/customers/{id}", "/api/customers/42", 1, 1, 42, 0 },
		{ "/api/customers/{id}", "/api/customers/9007199254740991",
		    1, 1, 9007199254740991ULL, 0 },
		{ "/api/customers/{id}", "/api/customers/9007199254740992",
		    0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/9999999999999999",
		    0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/18446744073709551616",
		    0, 0, 0, 0 },
		{ "/api/customers/{id}",
		    "/api/customers/99999999999999999999999999999999999",
		    0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/0", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/00", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/007", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/-1", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/+1", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/1a", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/a1", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/1.0", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/ 1", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/%31", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/{id}", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/1/", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers//", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers", 0, 0, 0, 0 },
		{ "/api/customers/{id}", "/api/customers/1/x", 0, 0, 0, 0 },
		{ "/api/customers/{id}/locations/{id}",
		    "/api/customers/12/locations/34", 1, 2, 12, 34 },
		{ "/api/customers/{id}/locations/{id}",
		    "/api/customers/12/locations/", 0, 0, 0, 0 },
		{ "/api/customers/{id}/locations/{id}",
		    "/api/customers/12/location/34", 0, 0, 0, 0 },
		{ "/api/customers/{id}/locations/{id}",
		    "/api/customers//locations/34", 0, 0, 0, 0 },
		{ "/api/customers/{id}/locations",
		    "/api/customers/5/locations", 1, 1, 5, 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t	ids[ROUTE_IDS_MAX] = { 0 };
		size_t		nids = 99;
		int		ok;

		ok = route_match(cases[i].pattern, cases[i].path, ids, &nids);
		ck_assert_msg(ok == cases[i].ok, "%s vs %s: got %d",
		    cases[i].pattern, cases[i].path, ok);
		if (!ok)
			continue;
		ck_assert_uint_eq(nids, cases[i].nids);
		if (nids > 0)
			ck_assert_uint_eq(ids[0], cases[i].id0);
		if (nids > 1)
			ck_assert_uint_eq(ids[1], cases[i].id1);
	}
}
END_TEST

START_TEST(test_match_ids_max)
{
	uint64_t	ids[ROUTE_IDS_MAX];
	size_t		nids;

	ck_assert_int_eq(route_match("/{id}/{id}/{id}/{id}", "/1/2/3/4", ids,
	    &nids), 1);
	ck_assert_uint_eq(nids, 4);
	ck_assert_uint_eq(ids[3], 4);
	/* A fifth id would overflow ids[]: refused. */
	ck_assert_int_eq(route_match("/{id}/{id}/{id}/{id}/{id}",
	    "/1/2/3/4/5", ids, &nids), 0);
}
END_TEST

static int
h_dummy(struct ctx *c)
{
	(void)c;
	return 200;
}

static const struct route routes[] = {
	{ REQ_GET, "/api/customers", ACCESS_READ, h_dummy,
	    .body = BODY_NONE },
	{ REQ_POST, "/api/customers", ACCESS_WRITE, h_dummy,
	    .body = BODY_OBJECT },
	{ REQ_GET, "/api/customers/{id}", ACCESS_READ, h_dummy,
	    .body = BODY_NONE },
	{ REQ_PATCH, "/api/customers/{id}", ACCESS_WRITE, h_dummy,
	    .body = BODY_OBJECT },
	{ REQ_DELETE, "/api/customers/{id}", ACCESS_ADMIN, h_dummy,
	    .body = BODY_NONE },
	{ REQ_POST, "/api/session", ACCESS_PUBLIC, h_dummy,
	    .body = BODY_OBJECT },
};

START_TEST(test_find_found)
{
	uint64_t	ids[ROUTE_IDS_MAX];
	size_t		nids;
	int		known = -1;

	ck_assert_int_eq(route_find(routes, 6, REQ_GET, "/api/customers",
	    ids, &nids, &known), 0);
	ck_assert_int_eq(known, 0);
	ck_assert_int_eq(route_find(routes, 6, REQ_POST, "/api/customers",
	    ids, &nids, &known), 1);
	ck_assert_int_eq(route_find(routes, 6, REQ_DELETE,
	    "/api/customers/77", ids, &nids, &known), 4);
	ck_assert_uint_eq(nids, 1);
	ck_assert_uint_eq(ids[0], 77);
	/* HEAD is answered by the GET route. */
	ck_assert_int_eq(route_find(routes, 6, REQ_HEAD, "/api/customers/5",
	    ids, &nids, &known), 2);
	ck_assert_int_eq(route_find(routes, 6, REQ_HEAD, "/api/session",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 1);
}
END_TEST

START_TEST(test_find_404_405)
{
	uint64_t	ids[ROUTE_IDS_MAX];
	size_t		nids;
	int		known;

	/* Known path, wrong method: 405. */
	ck_assert_int_eq(route_find(routes, 6, REQ_PUT, "/api/customers/3",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 1);
	ck_assert_int_eq(route_find(routes, 6, REQ_GET, "/api/session",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 1);
	ck_assert_int_eq(route_find(routes, 6, REQ__MAX, "/api/customers",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 1);
	/* Unknown path, or a bad id: 404. */
	ck_assert_int_eq(route_find(routes, 6, REQ_GET, "/api/nothing",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 0);
	ck_assert_int_eq(route_find(routes, 6, REQ_PUT, "/api/customers/0",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 0);
	ck_assert_int_eq(route_find(routes, 6, REQ_GET, "/api/customers/x",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 0);
	ck_assert_int_eq(route_find(routes, 0, REQ_GET, "/api/customers",
	    ids, &nids, &known), -1);
	ck_assert_int_eq(known, 0);
}
END_TEST

START_TEST(test_allowed)
{
	struct arena	*a = arena_new();

	ck_assert_str_eq(route_allowed(routes, 6, "/api/customers", a),
	    "GET, HEAD, POST");
	ck_assert_str_eq(route_allowed(routes, 6, "/api/customers/9", a),
	    "GET, HEAD, PATCH, DELETE");
	ck_assert_str_eq(route_allowed(routes, 6, "/api/session", a), "POST");
	ck_assert_str_eq(route_allowed(routes, 6, "/api/customers/0", a), "");
	ck_assert_str_eq(route_allowed(routes, 6, "/nope", a), "");
	arena_free(a);
}
END_TEST

static Suite *
route_suite(void)
{
	Suite	*s = suite_create("route");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_match_table);
	tcase_add_test(tc, test_match_ids_max);
	tcase_add_test(tc, test_find_found);
	tcase_add_test(tc, test_find_404_405);
	tcase_add_test(tc, test_allowed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(route_suite());
}
