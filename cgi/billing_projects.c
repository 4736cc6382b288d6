/*
 * cgi/billing: projects (B4).  Status comes from the dates and the
 * completed flag (past when completed, upcoming before the start date,
 * else active), overdue when not completed past the due date; value is
 * minor units plus currency, both or neither.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "db.h"
#include "db_project.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"

#include "billing.h"

#define N	FIELD_NULLABLE

static const char *const project_statuses[] = {
	"upcoming", "active", "past", NULL
};

const struct field_spec project_fields[PROJECT_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },	/* PROJECT_F_NAME */
	{ "start_date", FIELD_DATE, 0, 0, 0, NULL },	/* PROJECT_F_START_DATE */
	{ "due_date", FIELD_DATE, N, 0, 0, NULL },	/* PROJECT_F_DUE_DATE */
	{ "completed", FIELD_BOOL, 0, 0, 0, NULL },	/* PROJECT_F_COMPLETED */
	{ "value_minor", FIELD_INT, N, 0, BILLING_MINOR_MAX, NULL },
							/* PROJECT_F_VALUE */
	{ "currency", FIELD_ENUM, N, 0, 0, billing_currencies },
							/* PROJECT_F_CURRENCY */
	{ "progress", FIELD_INT, 0, 0, 100, NULL },	/* PROJECT_F_PROGRESS */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL }, /* PROJECT_F_NOTES */
};

const struct field_spec project_query[PROJECT_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },		/* PROJECT_Q_Q */
	{ "status", FIELD_ENUM, 0, 0, 0, project_statuses },
							/* PROJECT_Q_STATUS */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },	/* PROJECT_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
							/* PROJECT_Q_AFTER */
};

static const char *const project_defaults[PROJECT_F__MAX] = {
	NULL, NULL, NULL, "0", NULL, NULL, "0", NULL
};

static void
project_extra(struct json_object *o, const struct db_res *res, size_t r)
{
	jsonx_add_str(o, "status", db_get(res, r, PROJECT_COL_STATUS));
	jsonx_add_bool(o, "overdue",
	    db_get_i64(res, r, PROJECT_COL_OVERDUE) == 1);
}

static int
project_check(struct ctx *c, const struct db_res *row,
    const char *const *old, const char **cur, struct outcome *o)
{
	if (cur[PROJECT_F_DUE_DATE] != NULL &&
	    strcmp(cur[PROJECT_F_DUE_DATE], cur[PROJECT_F_START_DATE]) < 0)
		return outcome_fail(o, 400, "invalid_range",
		    "The due date is before the start date", "due_date");
	if ((cur[PROJECT_F_VALUE] == NULL) != (cur[PROJECT_F_CURRENCY] == NULL))
		return outcome_fail(o, 400, "required",
		    "A value needs its currency, a currency its value",
		    cur[PROJECT_F_VALUE] == NULL ? "value_minor" : "currency");
	return 0;
}

const struct billing_kind project_kind = {
	.name = "project", .label = "Project", .path = "projects",
	.fields = project_fields, .ncolumns = PROJECT_RECORD_NCOLUMNS,
	.title = PROJECT_F_NAME, .defaults = project_defaults,
	.get = &project_sql[PROJECT_SQL_GET],
	.lock = &project_sql[PROJECT_SQL_LOCK],
	.insert = &project_sql[PROJECT_SQL_INSERT],
	.update = &project_sql[PROJECT_SQL_UPDATE],
	.del = &project_sql[PROJECT_SQL_DELETE],
	.sort_col = PROJECT_COL_SORT_KEY, .count = COUNT_PROJECTS,
	.check = project_check, .extra = project_extra,
};

/* B4: newest start first.  200, 400, 401, 404, 503 */
int
projects_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct db_res			 res;
	struct page			 p;
	const char			*like = NULL, *status = NULL;
	int				 rc;

	if ((rc = page_from_query(c, &q[PROJECT_Q_LIMIT],
	    &q[PROJECT_Q_AFTER], 1, &p)) != 0)
		return rc;
	like = billing_like(c, &q[PROJECT_Q_Q]);
	if (q[PROJECT_Q_STATUS].present)
		status = q[PROJECT_Q_STATUS].s;
	if (DB_EXEC(c->db, c->arena, &project_sql[PROJECT_SQL_LIST], &res,
	    db_u64(c->customer.id), db_str(like), db_str(like),
	    db_str(status), db_str(status), db_id_or_null(p.after_id),
	    db_str(p.after_key), db_id_or_null(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	return billing_page(c, &project_kind, &p, &res);
}
