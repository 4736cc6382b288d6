/*
 * lib/attachment: the JSON of stored mail attachments.  Each carries the
 * URL it is downloaded from (signed-in users only).
 */
#include "config.h"

#include <stdio.h>

#include <json-c/json.h>

#include "arena.h"
#include "attachment.h"
#include "db.h"
#include "db_attachment.h"
#include "jsonx.h"

struct json_object *
attachment_json(const struct db_res *res, size_t r)
{
	struct json_object	*o = json_object_new_object();
	uint64_t		 id = db_get_u64(res, r, ATTACHMENT_COL_ID);
	char			 url[64];

	jsonx_add_u64(o, "id", id);
	jsonx_add_str(o, "filename", db_get(res, r, ATTACHMENT_COL_FILENAME));
	jsonx_add_str(o, "content_type", db_get(res, r,
	    ATTACHMENT_COL_CONTENT_TYPE));
	jsonx_add_str(o, "content_id", db_get(res, r,
	    ATTACHMENT_COL_CONTENT_ID));
	jsonx_add_bool(o, "inline", db_get_u64(res, r,
	    ATTACHMENT_COL_IS_INLINE) != 0);
	jsonx_add_u64(o, "size", db_get_u64(res, r, ATTACHMENT_COL_SIZE));
	jsonx_add_str(o, "sha256", db_get(res, r, ATTACHMENT_COL_SHA256));
	(void)snprintf(url, sizeof(url), "/api/v1/attachments/%llu",
	    (unsigned long long)id);
	jsonx_add_str(o, "url", url);
	return o;
}

/* The attachments of inbound message id, in order; NULL on error. */
struct json_object *
attachment_list(struct db *db, struct arena *a, uint64_t id)
{
	struct json_object	*arr;
	struct db_res		 res;
	size_t			 i;

	if (DB_EXEC(db, a, &attachment_sql[ATTACHMENT_SQL_BY_MESSAGE], &res,
	    db_u64(id)) == -1)
		return NULL;
	arr = json_object_new_array();
	for (i = 0; i < res.nrows; i++)
		json_object_array_add(arr, attachment_json(&res, i));
	return arr;
}

/*
 * Gives each ticket message of msgs (a page in ascending id order) its
 * "attachments": those of the mail it came from, read in one statement
 * for the page.  0 or -1.
 */
int
attachment_add_to_messages(struct db *db, struct arena *a, uint64_t ticket,
    struct json_object *msgs)
{
	struct json_object	*m, *id, *arr;
	struct db_res		 res;
	size_t			 i, r = 0, n = json_object_array_length(msgs);
	uint64_t		 first, last, mid;

	if (n == 0)
		return 0;
	json_object_object_get_ex(json_object_array_get_idx(msgs, 0), "id",
	    &id);
	first = json_object_get_uint64(id);
	json_object_object_get_ex(json_object_array_get_idx(msgs, n - 1), "id",
	    &id);
	last = json_object_get_uint64(id);
	if (DB_EXEC(db, a, &attachment_sql[ATTACHMENT_SQL_BY_TICKET], &res,
	    db_u64(ticket), db_u64(first), db_u64(last)) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		m = json_object_array_get_idx(msgs, i);
		json_object_object_get_ex(m, "id", &id);
		mid = json_object_get_uint64(id);
		arr = json_object_new_array();
		for (; r < res.nrows && db_get_u64(&res, r,
		    ATTACHMENT_COL_OWNER) == mid; r++)
			json_object_array_add(arr, attachment_json(&res, r));
		json_object_object_add(m, "attachments", arr);
	}
	return 0;
}
