#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "b64url.h"
#include "db.h"
#include "dispatch.h"
#include "field.h"
#include "jsonx.h"
#include "page.h"

/* The cursor of a row: its sort key (NULL: none) and its id. */
char *
page_cursor(struct arena *a, const char *key, uint64_t id)
{
	const char	*raw = arena_printf(a, "%llu:%s",
			    (unsigned long long)id, key ? key : "");
	size_t		 len = strlen(raw);
	char		*out = arena_alloc(a, B64URL_LEN(len) + 1);

	b64url_encode(out, (const unsigned char *)raw, len);
	return out;
}

/* Fills p's after_* from a cursor: 0, or -1 when it is not one of ours. */
int
page_cursor_parse(struct arena *a, const char *s, struct page *p)
{
	char		*raw, *colon, *end;
	size_t		 len;
	unsigned long long id;

	if (strlen(s) > PAGE_CURSOR_MAX ||
	    (raw = b64url_decode(a, s, &len)) == NULL || strlen(raw) != len ||
	    (colon = strchr(raw, ':')) == NULL || colon == raw ||
	    strspn(raw, "0123456789") != (size_t)(colon - raw) || raw[0] == '0')
		return -1;
	*colon = '\0';
	id = strtoull(raw, &end, 10);
	if (id == 0 || id > (unsigned long long)FIELD_ID_MAX ||
	    !field_utf8_valid(colon + 1, strlen(colon + 1)))
		return -1;
	p->after = 1;
	p->after_id = id;
	p->after_key = colon[1] != '\0' ? colon + 1 : NULL;
	return 0;
}

/*
 * The page a list request asks for, from its limit and after query
 * values; keyed: the list's order has a sort key, so its cursors carry
 * one.  0, or 400 with its reply for a cursor that is not one of the
 * list's.
 */
int
page_from_query(struct ctx *c, const struct field_value *limit,
    const struct field_value *after, int keyed, struct page *p)
{
	memset(p, 0, sizeof(*p));
	p->limit = limit->present ? (long)limit->i : PAGE_DEFAULT;
	if (!after->present || (page_cursor_parse(c->arena, after->s, p) == 0 &&
	    (p->after_key != NULL) == keyed))
		return 0;
	return resp_error(&c->resp, c->arena, 400, "invalid_cursor",
	    "Use the next value of the previous page", "after");
}

/* How many rows of res (read with LIMIT limit + 1) the page shows. */
size_t
page_rows(const struct page *p, const struct db_res *res)
{
	return res->nrows > (size_t)p->limit ? (size_t)p->limit : res->nrows;
}

/*
 * 200 {"data": arr, "next": cursor}: arr holds the first limit rows of
 * res (read with LIMIT limit + 1); next, present when there are more,
 * is the last shown row's key (column key_col, or PAGE_NO_KEY) and id.
 */
int
page_reply(struct ctx *c, struct json_object *arr, const struct page *p,
    const struct db_res *res, size_t key_col, size_t id_col)
{
	return page_reply_total(c, arr, p, res, key_col, id_col, -1);
}

/* The same with "total": every row the filters match (-1: not counted). */
int
page_reply_total(struct ctx *c, struct json_object *arr, const struct page *p,
    const struct db_res *res, size_t key_col, size_t id_col, long long total)
{
	struct json_object	*root = jsonx_data(c->arena, arr);
	size_t			 last = (size_t)p->limit - 1;

	if (res->nrows > (size_t)p->limit)
		jsonx_add_str(root, "next", page_cursor(c->arena,
		    key_col == PAGE_NO_KEY ? NULL : db_get(res, last, key_col),
		    db_get_u64(res, last, id_col)));
	if (total >= 0)
		json_object_object_add(root, "total",
		    json_object_new_int64(total));
	return resp_json(&c->resp, c->arena, 200, root);
}
