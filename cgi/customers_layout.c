/*
 * H6: the hub's layout — which tabs show, in what order, and which
 * overview cards.  A user's own layout (/api/v1/me/layout) overrides the
 * workspace default an admin sets (/api/v1/settings/layout), which
 * overrides the built-in one; a user resets to the default by deleting
 * theirs.  Tabs not listed are offered under "More", never lost.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "customers.h"
#include "db.h"
#include "db_preference.h"
#include "db_setting.h"
#include "dispatch.h"
#include "jsonx.h"

#define LAYOUT_KEY	"layout"	/* preference and setting name */

static const char *const layout_tabs[] = {
	"overview", "contacts", "tickets", "devices", "assets", "locations",
	"contracts", "projects", "timeline", "audit", NULL
};

static const char *const layout_sections[] = {
	"account_manager", "open_tickets", "contract", "value", "projects",
	"assets", "sites", NULL
};

const struct field_spec layout_fields[LAYOUT_F__MAX] = {
	{ "tabs", FIELD_LIST, 0, 1, 10, layout_tabs },	/* LAYOUT_F_TABS */
	{ "sections", FIELD_LIST, 0, 0, 7, layout_sections },
							/* LAYOUT_F_SECTIONS */
};

enum layout_source {
	LAYOUT_USER,
	LAYOUT_WORKSPACE,
	LAYOUT_DEFAULT,
	LAYOUT__MAX
};

static const char *const layout_source_names[LAYOUT__MAX] = {
	"user",		/* LAYOUT_USER */
	"workspace",	/* LAYOUT_WORKSPACE */
	"default",	/* LAYOUT_DEFAULT */
};

static struct json_object *
layout_names(const char *const *names)
{
	struct json_object	*arr = json_object_new_array();

	while (*names != NULL)
		json_object_array_add(arr, json_object_new_string(*names++));
	return arr;
}

/* Every tab and card, in the order the hub was built with. */
static struct json_object *
layout_builtin(void)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "tabs", layout_names(layout_tabs));
	json_object_object_add(o, "sections", layout_names(layout_sections));
	return o;
}

/* A stored layout: its JSON, NULL when none is stored, or -1. */
static int
layout_stored(struct ctx *c, enum layout_source src, struct json_object **out)
{
	struct db_res	res;

	*out = NULL;
	if (src == LAYOUT_USER ? DB_EXEC(c->db, c->arena,
	    &preference_sql[PREFERENCE_SQL_GET], &res, db_u64(c->user.id),
	    db_str(LAYOUT_KEY)) : DB_EXEC(c->db, c->arena,
	    &setting_sql[SETTING_SQL_GET], &res, db_str(LAYOUT_KEY)))
		return -1;
	if (res.nrows == 1)
		*out = jsonx_parse(c->arena, db_get(&res, 0, 0),
		    db_len(&res, 0, 0));
	return 0;
}

/* 200 {"layout": ..., "source": ...}: the first of from.. that is set. */
static int
layout_reply(struct ctx *c, enum layout_source from)
{
	struct json_object	*o, *l = NULL;
	enum layout_source	 src;

	for (src = from; src < LAYOUT_DEFAULT && l == NULL; src++)
		if (layout_stored(c, src, &l) == -1)
			return ctx_db_error(c);
	if (l != NULL)
		src--;
	o = json_object_new_object();
	json_object_object_add(o, "layout", l != NULL ? json_object_get(l) :
	    layout_builtin());
	jsonx_add_str(o, "source", layout_source_names[src]);
	return ctx_data(c, 200, o);
}

/* The body as stored: the overview tab cannot be left out. */
static const char *
layout_body(struct ctx *c)
{
	struct json_object	*tabs = c->in[LAYOUT_F_TABS].obj;
	size_t			 i;

	for (i = 0; i < json_object_array_length(tabs); i++)
		if (strcmp(json_object_get_string(
		    json_object_array_get_idx(tabs, i)), "overview") == 0)
			return json_object_to_json_string_ext(c->body,
			    JSON_C_TO_STRING_PLAIN);
	resp_error(&c->resp, c->arena, 400, "overview_required",
	    "The overview tab cannot be hidden", "tabs");
	return NULL;
}

/* 200, 401, 503 */
int
layout_me_get(struct ctx *c)
{
	return layout_reply(c, LAYOUT_USER);
}

static int
layout_me_put_tx(struct ctx *c, void *arg)
{
	if (DB_EXEC(c->db, c->arena, &preference_sql[PREFERENCE_SQL_PUT],
	    NULL, db_u64(c->user.id), db_str(LAYOUT_KEY), db_str(arg)) == -1)
		return -1;
	return layout_reply(c, LAYOUT_USER);
}

/* 200, 400, 401, 403, 413, 415, 503 */
int
layout_me_put(struct ctx *c)
{
	const char	*s;

	if ((s = layout_body(c)) == NULL)
		return 400;
	return ctx_tx(c, layout_me_put_tx, (void *)s);
}

static int
layout_me_delete_tx(struct ctx *c, void *arg)
{
	if (DB_EXEC(c->db, c->arena, &preference_sql[PREFERENCE_SQL_DELETE],
	    NULL, db_u64(c->user.id), db_str(LAYOUT_KEY)) == -1)
		return -1;
	return layout_reply(c, LAYOUT_USER);
}

/* 200 with the layout now in force, 401, 403, 503 */
int
layout_me_delete(struct ctx *c)
{
	return ctx_tx(c, layout_me_delete_tx, NULL);
}

/* 200, 401, 503 */
int
layout_workspace_get(struct ctx *c)
{
	return layout_reply(c, LAYOUT_WORKSPACE);
}

static int
layout_workspace_put_tx(struct ctx *c, void *arg)
{
	struct json_object	*ch = jsonx_object(c->arena), *old;

	if (layout_stored(c, LAYOUT_WORKSPACE, &old) == -1)
		return -1;
	audit_change(ch, LAYOUT_KEY, old != NULL ? json_object_get(old) :
	    NULL, json_object_get(c->body));
	if (DB_EXEC(c->db, c->arena, &setting_sql[SETTING_SQL_PUT], NULL,
	    db_str(LAYOUT_KEY), db_str(arg), db_id_or_null(c->actor.id)) == -1 ||
	    audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "settings.updated", "settings", 0, 0, ch }) == -1)
		return -1;
	return layout_reply(c, LAYOUT_WORKSPACE);
}

/* 200, 400, 401, 403, 413, 415, 503 */
int
layout_workspace_put(struct ctx *c)
{
	const char	*s;

	if ((s = layout_body(c)) == NULL)
		return 400;
	return ctx_tx(c, layout_workspace_put_tx, (void *)s);
}
