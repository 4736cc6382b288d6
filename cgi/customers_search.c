/*
 * GET /api/v1/search?q= (H2): what the command palette shows, grouped by
 * kind: customers by name (archived too), contacts of every customer by
 * name or email, devices of every customer by name, machine name or IP
 * address (by prefix).  Each group is its own bounded read.
 */
#include "config.h"

#include <json-c/json.h>

#include "arena.h"
#include "db.h"
#include "db_contact.h"
#include "db_customer.h"
#include "db_device.h"
#include "dispatch.h"
#include "jsonx.h"

#include "customers.h"

#define SEARCH_Q_MAX		200
#define SEARCH_LIMIT_DEFAULT	8
#define SEARCH_LIMIT_MAX	25	/* rows per group */

const struct field_spec search_query[SEARCH_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 1, SEARCH_Q_MAX, NULL },	/* SEARCH_Q_Q */
	{ "limit", FIELD_INT, 0, 1, SEARCH_LIMIT_MAX, NULL }, /* SEARCH_Q_LIMIT */
};

static int
search_customers(struct ctx *c, const char *like, long limit,
    struct db_res *res)
{
	return DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_SEARCH],
	    res, db_str(like), db_i64(limit));
}

static struct json_object *
search_customer_json(const struct db_res *res, size_t i)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, i, CUSTOMER_SEARCH_ID));
	jsonx_add_str(o, "name", db_get(res, i, CUSTOMER_SEARCH_NAME));
	jsonx_add_str(o, "rank", db_get(res, i, CUSTOMER_SEARCH_RANK));
	jsonx_add_bool(o, "archived",
	    db_get_i64(res, i, CUSTOMER_SEARCH_ARCHIVED) == 1);
	jsonx_add_str(o, "city", db_get(res, i, CUSTOMER_SEARCH_CITY));
	return o;
}

static int
search_contacts(struct ctx *c, const char *like, long limit,
    struct db_res *res)
{
	return DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_SEARCH], res,
	    db_str(like), db_str(like), db_i64(limit));
}

static struct json_object *
search_contact_json(const struct db_res *res, size_t i)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, i, CONTACT_SEARCH_COL_ID));
	jsonx_add_str(o, "name", db_get(res, i, CONTACT_SEARCH_COL_NAME));
	jsonx_add_str(o, "email", db_get(res, i, CONTACT_SEARCH_COL_EMAIL));
	jsonx_add_str(o, "status", db_get(res, i, CONTACT_SEARCH_COL_STATUS));
	jsonx_add_u64(o, "customer_id",
	    db_get_u64(res, i, CONTACT_SEARCH_COL_CUSTOMER_ID));
	jsonx_add_str(o, "customer_name",
	    db_get(res, i, CONTACT_SEARCH_COL_CUSTOMER_NAME));
	return o;
}

static int
search_devices(struct ctx *c, const char *like, long limit,
    struct db_res *res)
{
	return DB_EXEC(c->db, c->arena, &device_sql[DEVICE_SQL_SEARCH], res,
	    db_str(like), db_i64(limit), db_str(like), db_i64(limit),
	    db_str(like), db_i64(limit), db_i64(limit));
}

static struct json_object *
search_device_json(const struct db_res *res, size_t i)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, i, DEVICE_SEARCH_COL_ID));
	jsonx_add_str(o, "name", db_get(res, i, DEVICE_SEARCH_COL_NAME));
	jsonx_add_str(o, "machine_name",
	    db_get(res, i, DEVICE_SEARCH_COL_MACHINE_NAME));
	jsonx_add_str(o, "ip_addresses",
	    db_get(res, i, DEVICE_SEARCH_COL_IP_ADDRESSES));
	jsonx_add_u64(o, "customer_id",
	    db_get_u64(res, i, DEVICE_SEARCH_COL_CUSTOMER_ID));
	jsonx_add_str(o, "customer_name",
	    db_get(res, i, DEVICE_SEARCH_COL_CUSTOMER_NAME));
	return o;
}

/*
 * The groups in the order the palette shows them: the reply's key, how
 * q becomes a LIKE pattern (a prefix where an index must answer), the
 * read and a row as JSON.
 */
struct search_group {
	const char	*name;
	const char	*(*like)(struct arena *, const char *);
	int		(*read)(struct ctx *, const char *, long,
			    struct db_res *);
	struct json_object *(*json)(const struct db_res *, size_t);
};

static const struct search_group search_groups[] = {
	{ "customers", db_like_anywhere, search_customers,
	  search_customer_json },
	{ "contacts", db_like_anywhere, search_contacts,
	  search_contact_json },
	{ "devices", db_like_prefix, search_devices, search_device_json },
};

#define SEARCH_GROUPS	(sizeof(search_groups) / sizeof(search_groups[0]))

/* H2: 200, 400, 401, 503. */
int
customers_search(struct ctx *c)
{
	const struct field_value *q = c->query;
	struct json_object	*out = jsonx_object(c->arena);
	long			 limit = SEARCH_LIMIT_DEFAULT;
	struct json_object	*arr;
	struct db_res		 res;
	size_t			 g, i;

	if (!q[SEARCH_Q_Q].present)
		return resp_error(&c->resp, c->arena, 400, "required",
		    "This field is required", "q");
	if (q[SEARCH_Q_LIMIT].present)
		limit = (long)q[SEARCH_Q_LIMIT].i;
	for (g = 0; g < SEARCH_GROUPS; g++) {
		if (search_groups[g].read(c, search_groups[g].like(c->arena,
		    q[SEARCH_Q_Q].s), limit, &res) == -1)
			return ctx_db_error(c);
		arr = json_object_new_array();
		json_object_object_add(out, search_groups[g].name, arr);
		for (i = 0; i < res.nrows; i++)
			json_object_array_add(arr,
			    search_groups[g].json(&res, i));
	}
	json_object_get(out);
	return ctx_data(c, 200, out);
}
