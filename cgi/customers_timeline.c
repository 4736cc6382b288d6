/*
 * GET /api/v1/customers/{id}/timeline (H7): the customer's events from
 * every area, newest first, paged on (occurred_at, id) so events that
 * arrive while a client pages land before its cursor: no gaps, no
 * repeats.  ?kind= is a comma list of kind families ("contact,device"),
 * each a whitelisted prefix of the kinds areas write ("contact.created").
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "db.h"
#include "db_timeline.h"
#include "dispatch.h"
#include "jsonx.h"
#include "page.h"
#include "want.h"

#include "customers.h"

/* The kind families a filter may name: what comes before the dot. */
static const char *const timeline_families[] = {
	"customer",
	"location",
	"contact",
	"device",
	"asset",
	"folder",
	"installer_token",
	"contract",
	"invoice",
	"project",
	"domain",
	NULL
};

#define TIMELINE_KIND_PARAM_MAX	400	/* characters of ?kind= */
#define TIMELINE_KEY_LEN	26	/* "2026-01-31 23:59:59.123456" */

const struct field_spec timeline_query[TIMELINE_Q__MAX] = {
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* TIMELINE_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX,
	    NULL },					/* TIMELINE_Q_AFTER */
	{ "kind", FIELD_TEXT, 0, 1, TIMELINE_KIND_PARAM_MAX,
	    NULL },					/* TIMELINE_Q_KIND */
};

/*
 * The LIKE patterns of a ?kind= list into pat (TIMELINE_FILTER_MAX, the
 * rest repeat the first): 0, or the 400 answered.  A family named twice
 * counts once.
 */
static int
timeline_kinds(struct ctx *c, const char *list, const char **pat)
{
	char	*s = arena_strdup(c->arena, list), *tok, *save = NULL;
	size_t	 i, j, n = 0;

	for (tok = strtok_r(s, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; timeline_families[i] != NULL; i++)
			if (strcmp(tok, timeline_families[i]) == 0)
				break;
		if (timeline_families[i] == NULL)
			return resp_error(&c->resp, c->arena, 400,
			    "invalid_choice", "Unknown kind; use a comma list "
			    "of customer, location, contact, device, asset, "
			    "folder, installer_token, contract, invoice, "
			    "project", "kind");
		tok = arena_printf(c->arena, "%s.%%", tok);
		for (j = 0; j < n; j++)
			if (strcmp(pat[j], tok) == 0)
				break;
		if (j < n)
			continue;
		if (n == TIMELINE_FILTER_MAX)
			return resp_error(&c->resp, c->arena, 400,
			    "out_of_range", "Name at most 8 kinds", "kind");
		pat[n++] = tok;
	}
	if (n == 0)
		return resp_error(&c->resp, c->arena, 400, "invalid_value",
		    "Name at least one kind", "kind");
	while (n < TIMELINE_FILTER_MAX)
		pat[n++] = pat[0];
	return 0;
}

/* A cursor's key must be an occurred_at as the list writes it. */
static int
timeline_key_valid(const char *k)
{
	static const char	mask[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t			i;

	if (k == NULL || strlen(k) != TIMELINE_KEY_LEN)
		return 0;
	for (i = 0; i < TIMELINE_KEY_LEN; i++)
		if (mask[i] == 'd' ? (k[i] < '0' || k[i] > '9') :
		    k[i] != mask[i])
			return 0;
	return 1;
}

static struct json_object *
timeline_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object(), *x;

	jsonx_add_u64(o, "id", db_get_u64(res, r, TIMELINE_COL_ID));
	jsonx_add_str(o, "occurred_at",
	    db_get(res, r, TIMELINE_COL_OCCURRED_AT));
	jsonx_add_str(o, "source", db_get(res, r, TIMELINE_COL_SOURCE));
	jsonx_add_str(o, "kind", db_get(res, r, TIMELINE_COL_KIND));
	jsonx_add_str(o, "summary", db_get(res, r, TIMELINE_COL_SUMMARY));
	x = NULL;
	if (!db_is_null(res, r, TIMELINE_COL_ACTOR_ID)) {
		x = json_object_new_object();
		jsonx_add_u64(x, "id",
		    db_get_u64(res, r, TIMELINE_COL_ACTOR_ID));
		jsonx_add_str(x, "name",
		    db_get(res, r, TIMELINE_COL_ACTOR_NAME));
	}
	json_object_object_add(o, "actor", x);
	x = NULL;
	if (!db_is_null(res, r, TIMELINE_COL_OBJECT_TYPE)) {
		x = json_object_new_object();
		jsonx_add_str(x, "type",
		    db_get(res, r, TIMELINE_COL_OBJECT_TYPE));
		if (!db_is_null(res, r, TIMELINE_COL_OBJECT_ID))
			jsonx_add_u64(x, "id",
			    db_get_u64(res, r, TIMELINE_COL_OBJECT_ID));
	}
	json_object_object_add(o, "object", x);
	return o;
}

/* H7: 200, 400, 401, 404, 503. */
int
customers_timeline(struct ctx *c)
{
	const struct field_value *q = c->query;
	const char		*pat[TIMELINE_FILTER_MAX] = { NULL };
	struct db_arg		 args[1 + TIMELINE_FILTER_MAX + 3 + 1];
	struct json_object	*arr;
	struct db_res		 res;
	struct page		 p;
	size_t			 i, n, nargs = 0;
	int			 rc, kinds = q[TIMELINE_Q_KIND].present;

	if ((rc = page_from_query(c, &q[TIMELINE_Q_LIMIT],
	    &q[TIMELINE_Q_AFTER], 1, &p)) != 0)
		return rc;
	if (p.after && !timeline_key_valid(p.after_key))
		return resp_error(&c->resp, c->arena, 400, "invalid_cursor",
		    "Use the next value of the previous page", "after");
	if (kinds && (rc = timeline_kinds(c, q[TIMELINE_Q_KIND].s, pat)) != 0)
		return rc;
	args[nargs++] = db_u64(c->ids[0]);
	for (i = 0; kinds && i < TIMELINE_FILTER_MAX; i++)
		args[nargs++] = db_str(pat[i]);
	if (p.after) {
		args[nargs++] = db_str(p.after_key);
		args[nargs++] = db_str(p.after_key);
		args[nargs++] = db_u64(p.after_id);
	}
	args[nargs++] = db_i64(p.limit + 1);
	if (db_exec(c->db, c->arena, &timeline_sql[kinds ?
	    (p.after ? TIMELINE_SQL_LIST_KINDS_AFTER : TIMELINE_SQL_LIST_KINDS) :
	    (p.after ? TIMELINE_SQL_LIST_AFTER : TIMELINE_SQL_LIST)],
	    args, nargs, &res) == -1)
		return ctx_db_error(c);
	/* Only an empty page needs to know that the customer exists. */
	if (res.nrows == 0 && (rc = want_load_now(c)) != 0)
		return rc;
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, timeline_json(&res, i));
	return page_reply(c, arr, &p, &res, TIMELINE_COL_SORT_KEY,
	    TIMELINE_COL_ID);
}
