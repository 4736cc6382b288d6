/*
 * GET /api/v1/customers/{id}/summary: what paints the hub page (H3, H4)
 * in one statement after the session check: the customer, the pinned
 * fields, the header badges, the tab counts and the overview, all from
 * counts kept on write (lib/counts.c), none counted here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "arena.h"
#include "db.h"
#include "db_customer.h"
#include "dispatch.h"
#include "jsonx.h"

#include "customers.h"

/* A tab's count in the reply, and the count of lib/counts.c it shows. */
struct summary_count {
	const char	*key;
	const char	*count;
};

static const struct summary_count summary_counts[] = {
	{ "contacts", "contacts" },
	{ "devices", "devices" },
	{ "assets", "assets_owned" },
	{ "assets_located", "assets_located" },
	{ "contracts", "contracts" },
	{ "invoices", "invoices" },
	{ "projects", "projects" },
};

/* Counts qualified by a status: one object each in the overview. */
static const char *const summary_groups[] = {
	"assets_by_status", "sites_by_status", NULL
};

/* Sums qualified by a currency: the overview's customer value. */
enum summary_money {
	SUMMARY_MONEY_INVOICED,
	SUMMARY_MONEY_OPEN,
	SUMMARY_MONEY__MAX
};

static const char *const summary_money_names[SUMMARY_MONEY__MAX] = {
	"invoiced_minor",	/* SUMMARY_MONEY_INVOICED */
	"open_minor",		/* SUMMARY_MONEY_OPEN */
};

static int64_t
summary_count(struct json_object *counts, const char *name)
{
	struct json_object	*n;

	if (!json_object_object_get_ex(counts, name, &n))
		return 0;
	return json_object_get_int64(n);
}

/* The count named prefix:qualifier, or NULL: the qualifier. */
static const char *
summary_qualifier(const char *name, const char *prefix)
{
	size_t	len = strlen(prefix);

	if (strncmp(name, prefix, len) != 0 || name[len] != ':')
		return NULL;
	return name + len + 1;
}

/* {"EUR": {"currency": "EUR", "invoiced_minor": n, ...}} as an array. */
static struct json_object *
summary_value(struct json_object *counts)
{
	struct json_object	*by = json_object_new_object(), *arr, *cur;
	const char		*q;
	size_t			 i;

	json_object_object_foreach(counts, name, n) {
		for (i = 0; i < SUMMARY_MONEY__MAX; i++) {
			if ((q = summary_qualifier(name,
			    summary_money_names[i])) == NULL)
				continue;
			if (!json_object_object_get_ex(by, q, &cur)) {
				cur = json_object_new_object();
				jsonx_add_str(cur, "currency", q);
				json_object_object_add(by, q, cur);
			}
			json_object_object_add(cur, summary_money_names[i],
			    json_object_get(n));
		}
	}
	arr = json_object_new_array();
	json_object_object_foreach(by, k, v) {
		(void)k;
		for (i = 0; i < SUMMARY_MONEY__MAX; i++)
			if (!json_object_object_get_ex(v,
			    summary_money_names[i], NULL))
				json_object_object_add(v,
				    summary_money_names[i],
				    json_object_new_int64(0));
		json_object_array_add(arr, json_object_get(v));
	}
	json_object_put(by);
	return arr;
}

static struct json_object *
summary_group(struct json_object *counts, const char *prefix)
{
	struct json_object	*o = json_object_new_object();
	const char		*q;

	json_object_object_foreach(counts, name, n)
		if ((q = summary_qualifier(name, prefix)) != NULL &&
		    json_object_get_int64(n) != 0)
			json_object_object_add(o, q, json_object_get(n));
	return o;
}

static struct json_object *
summary_tab_counts(struct json_object *counts, struct json_object *customer)
{
	struct json_object	*o = json_object_new_object(), *loc;
	size_t			 i;

	for (i = 0; i < sizeof(summary_counts) / sizeof(summary_counts[0]);
	    i++)
		json_object_object_add(o, summary_counts[i].key,
		    json_object_new_int64(summary_count(counts,
		    summary_counts[i].count)));
	json_object_object_get_ex(customer, "locations_count", &loc);
	json_object_object_add(o, "locations", json_object_get(loc));
	return o;
}

/* A JSON column of the summary, or an empty container of its kind. */
static struct json_object *
summary_json_col(struct ctx *c, const struct db_res *res, size_t col,
    enum json_type type)
{
	struct json_object	*o = NULL;
	const char		*s = db_get(res, 0, col);

	if (s != NULL && (o = json_tokener_parse(s)) != NULL &&
	    json_object_is_type(o, type)) {
		jsonx_own(c->arena, o);
		return o;
	}
	json_object_put(o);
	return type == json_type_array ? jsonx_array(c->arena) :
	    jsonx_object(c->arena);
}

/* The default contract (C1) with its status of today, or NULL. */
static struct json_object *
summary_contract(const struct db_res *res)
{
	struct json_object	*o;

	if (db_is_null(res, 0, CUSTOMER_SUMMARY_CONTRACT_ID))
		return NULL;
	o = json_object_new_object();
	jsonx_add_u64(o, "id", db_get_u64(res, 0, CUSTOMER_SUMMARY_CONTRACT_ID));
	jsonx_add_str(o, "name", db_get(res, 0, CUSTOMER_SUMMARY_CONTRACT_NAME));
	jsonx_add_str(o, "status",
	    db_get(res, 0, CUSTOMER_SUMMARY_CONTRACT_STATUS));
	return o;
}

static struct json_object *
summary_overview(struct ctx *c, const struct db_res *res,
    struct json_object *counts, struct json_object *customer)
{
	struct json_object	*o = json_object_new_object(), *am;
	size_t			 i;

	json_object_object_get_ex(customer, "account_manager", &am);
	json_object_object_add(o, "account_manager", json_object_get(am));
	json_object_object_add(o, "open_tickets", json_object_new_int64(
	    summary_count(counts, "open_tickets")));
	json_object_object_add(o, "contract", summary_contract(res));
	json_object_object_add(o, "projects", json_object_get(summary_json_col(
	    c, res, CUSTOMER_SUMMARY_PROJECTS, json_type_object)));
	json_object_object_add(o, "value", summary_value(counts));
	for (i = 0; summary_groups[i] != NULL; i++)
		json_object_object_add(o, summary_groups[i],
		    summary_group(counts, summary_groups[i]));
	return o;
}

static struct json_object *
summary_badges(const struct db_res *res, struct json_object *customer)
{
	struct json_object	*o = json_object_new_object(), *archived;

	json_object_object_get_ex(customer, "archived", &archived);
	json_object_object_add(o, "archived", json_object_get(archived));
	json_object_object_add(o, "overdue_invoices", json_object_new_int64(
	    db_get_i64(res, 0, CUSTOMER_SUMMARY_OVERDUE)));
	json_object_object_add(o, "expired_warranties", json_object_new_int64(
	    db_get_i64(res, 0, CUSTOMER_SUMMARY_EXPIRED)));
	return o;
}


/* Today's UTC date, as the database compares dates: "2026-12-03". */
static const char *
summary_today(struct ctx *c)
{
	struct tm	tm;
	time_t		now = time(NULL);
	char		buf[sizeof("YYYY-MM-DD")];

	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return arena_strdup(c->arena, buf);
}

/* 200, 401, 404, 503 */
int
customers_summary(struct ctx *c)
{
	struct json_object	*d, *customer, *counts;
	struct db_res		 res;
	const char		*today;
	uint64_t		 version;

	today = summary_today(c);
	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_SUMMARY],
	    &res, db_str(today), db_str(today), db_u64(c->ids[0]),
	    db_u64(c->ids[0]), db_str(today), db_u64(c->ids[0]),
	    db_str(today), db_str(today), db_str(today), db_str(today),
	    db_u64(c->ids[0]), db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "customer");
	customer = customer_json_rows(c, &res, &version);
	counts = summary_json_col(c, &res, CUSTOMER_SUMMARY_COUNTS,
	    json_type_object);
	d = json_object_new_object();
	json_object_object_add(d, "customer", customer);
	json_object_object_add(d, "pinned", json_object_get(summary_json_col(
	    c, &res, CUSTOMER_SUMMARY_PINNED, json_type_array)));
	json_object_object_add(d, "badges", summary_badges(&res, customer));
	json_object_object_add(d, "counts", summary_tab_counts(counts,
	    customer));
	json_object_object_add(d, "overview", summary_overview(c, &res,
	    counts, customer));
	return ctx_data(c, 200, d);
}
