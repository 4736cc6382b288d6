/*
 * cgi/customers: the route table, and the customer handlers (C1-C4,
 * C7-C10).  Locations, custom fields, settings and bulk upsert live in
 * the customers_*.c files beside this one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "audit.h"
#include "db.h"
#include "db_audit.h"
#include "db_customer.h"
#include "db_contact.h"
#include "db_location.h"
#include "db_setting.h"
#include "dispatch.h"
#include "jsonx.h"
#include "outcome.h"
#include "page.h"
#include "record.h"
#include "serve.h"
#include "timeline.h"

#include "customers.h"

#define N	FIELD_NULLABLE

const struct field_spec customer_fields[CUST_F__MAX] = {
	{ "name", FIELD_TEXT, 0, 1, 200, NULL },		/* CUST_F_NAME */
	{ "primary_domain", FIELD_DOMAIN, N, 0, 0, NULL },	/* CUST_F_PRIMARY_DOMAIN */
	{ "phone", FIELD_TEXT, N, 0, 50, NULL },		/* CUST_F_PHONE */
	{ "fax", FIELD_TEXT, N, 0, 50, NULL },			/* CUST_F_FAX */
	{ "website", FIELD_URL, N, 0, 0, NULL },		/* CUST_F_WEBSITE */
	{ "address_line1", FIELD_TEXT, N, 0, 200, NULL },	/* CUST_F_ADDRESS_LINE1 */
	{ "address_line2", FIELD_TEXT, N, 0, 200, NULL },	/* CUST_F_ADDRESS_LINE2 */
	{ "city", FIELD_TEXT, N, 0, 100, NULL },		/* CUST_F_CITY */
	{ "region", FIELD_TEXT, N, 0, 100, NULL },		/* CUST_F_REGION */
	{ "postal_code", FIELD_TEXT, N, 0, 20, NULL },		/* CUST_F_POSTAL_CODE */
	{ "country", FIELD_COUNTRY, N, 0, 0, NULL },		/* CUST_F_COUNTRY */
	{ "business_id", FIELD_TEXT, N, 0, 50, NULL },		/* CUST_F_BUSINESS_ID */
	{ "account_manager_id", FIELD_ID, N, 0, 0, NULL },	/* CUST_F_ACCOUNT_MANAGER_ID */
	{ "default_contract_id", FIELD_ID, N, 0, 0, NULL },	/* CUST_F_DEFAULT_CONTRACT_ID */
	{ "billing_contact_id", FIELD_ID, N, 0, 0, NULL },	/* CUST_F_BILLING_CONTACT_ID */
	{ "billing_address", FIELD_MULTILINE, N, 0, 1000, NULL }, /* CUST_F_BILLING_ADDRESS */
	{ "notes", FIELD_MULTILINE, N, 0, 10000, NULL },	/* CUST_F_NOTES */
	{ "rank", FIELD_TEXT, N, 1, 16, NULL },			/* CUST_F_RANK */
	{ "ticket_limit", FIELD_INT, N, 0, 100000, NULL },	/* CUST_F_TICKET_LIMIT */
	{ "external_ref", FIELD_TEXT, N, 1, 100, NULL },	/* CUST_F_EXTERNAL_REF */
	{ "custom_fields", FIELD_OBJECT, 0, 0, 0, NULL },	/* CUST_F_CUSTOM_FIELDS */
};

const char *const customer_labels[CUST_F_RECORD_MAX] = {
	"Name", "Primary domain", "Phone", "Fax", "Website",
	"Address line 1", "Address line 2", "City", "Region", "Postal code",
	"Country", "Business ID", "Account manager", "Default contract",
	"Billing contact", "Billing address", "Notes", "Rank",
	"Ticket limit (per month)", "External reference",
};

static const char *const status_values[] = { "active", "archived", "all", NULL };
static const char *const sort_values[] = {
	"name", "-name", "created", "-created", "rank", "-rank", NULL
};
static const char *const include_archived_values[] = { "search", NULL };

static const struct field_spec list_query[CUSTOMER_Q__MAX] = {
	{ "q", FIELD_TEXT, 0, 0, 200, NULL },			/* CUSTOMER_Q_Q */
	{ "rank", FIELD_TEXT, 0, 1, 16, NULL },			/* CUSTOMER_Q_RANK */
	{ "status", FIELD_ENUM, 0, 0, 0, status_values },	/* CUSTOMER_Q_STATUS */
	{ "sort", FIELD_ENUM, 0, 0, 0, sort_values },		/* CUSTOMER_Q_SORT */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* CUSTOMER_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* CUSTOMER_Q_AFTER */
	{ "include_archived", FIELD_ENUM, 0, 0, 0,
	    include_archived_values },				/* CUSTOMER_Q_INCLUDE_ARCHIVED */
};

const struct field_spec page_query[2] = {
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },
};

static const struct field_spec delete_query[1] = {
	{ "cascade", FIELD_BOOL, 0, 0, 0, NULL },
};

/* A row of the list (C2). */
static struct json_object *
customer_list_json(const struct db_res *res, size_t i)
{
	struct json_object	*o = json_object_new_object();

	jsonx_add_u64(o, "id", db_get_u64(res, i, CUSTOMER_LIST_ID));
	jsonx_add_str(o, "name", db_get(res, i, CUSTOMER_LIST_NAME));
	jsonx_add_str(o, "rank", db_get(res, i, CUSTOMER_LIST_RANK));
	jsonx_add_bool(o, "archived",
	    db_get_i64(res, i, CUSTOMER_LIST_ARCHIVED) == 1);
	jsonx_add_u64(o, "locations_count",
	    db_get_u64(res, i, CUSTOMER_LIST_LOCATIONS));
	jsonx_add_u64(o, "assets_owned",
	    db_get_u64(res, i, CUSTOMER_LIST_ASSETS_OWNED));
	jsonx_add_u64(o, "assets_located",
	    db_get_u64(res, i, CUSTOMER_LIST_ASSETS_LOCATED));
	jsonx_add_u64(o, "open_tickets",
	    db_get_u64(res, i, CUSTOMER_LIST_OPEN_TICKETS));
	jsonx_add_str(o, "created_at",
	    db_get(res, i, CUSTOMER_LIST_CREATED_AT));
	return o;
}

/*
 * C2: the list, filtered by the conditions a request names (lib/filter.c
 * assembles the statement of that combination).  Active customers unless
 * ?status= says otherwise; a picker search (include_archived) sees all.
 * 200, 400, 401, 503
 */
static int
customers_list(struct ctx *c)
{
	struct field_value	 q[CUSTOMER_Q__MAX];
	struct json_object	*arr;
	struct filter_args	 fa;
	struct db_res		 res, count;
	struct page		 p;
	long long		 total = -1;
	size_t			 i, n;
	int			 rc;

	memcpy(q, c->query, sizeof(q));
	if ((rc = page_from_query(c, &q[CUSTOMER_Q_LIMIT],
	    &q[CUSTOMER_Q_AFTER], 1, &p)) != 0)
		return rc;
	/* status: active (0) or archived (1) is a condition; all is none. */
	if (!q[CUSTOMER_Q_STATUS].present)
		q[CUSTOMER_Q_STATUS] = (struct field_value){ .present = 1 };
	if (q[CUSTOMER_Q_STATUS].i == 2 ||
	    q[CUSTOMER_Q_INCLUDE_ARCHIVED].present)
		q[CUSTOMER_Q_STATUS].present = 0;
	memset(&fa, 0, sizeof(fa));
	fa.query = q;
	fa.page = &p;
	fa.tail = (const struct db_arg[]){ db_i64(p.limit + 1) };
	fa.ntail = 1;
	if (filter_exec(c->db, c->arena, &customer_list_filters[
	    q[CUSTOMER_Q_SORT].present ? q[CUSTOMER_Q_SORT].i : 0], &fa,
	    &res) == -1)
		return ctx_db_error(c);
	/* The first page says how many there are in all. */
	if (!p.after) {
		fa.page = NULL;
		fa.ntail = 0;
		if (filter_exec(c->db, c->arena, &customer_count_filter, &fa,
		    &count) == -1)
			return ctx_db_error(c);
		total = db_get_i64(&count, 0, 0);
	}
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, customer_list_json(&res, i));
	return page_reply_total(c, arr, &p, &res, CUSTOMER_LIST_SORT_KEY,
	    CUSTOMER_LIST_ID, total);
}

/* 200, 401, 404, 503 */
static int
customers_get(struct ctx *c)
{
	return customer_reply(c, 200, c->ids[0]);
}

static int
customers_create_tx(struct ctx *c, void *arg)
{
	struct outcome	o;

	if (customer_save(c, NULL, c->in, &o) == -1)
		return outcome_reply(c, &o);
	return customer_reply(c, 201, o.id);
}

/* 201, 400, 401, 403, 409, 413, 415, 503 */
static int
customers_create(struct ctx *c)
{
	return ctx_tx(c, customers_create_tx, NULL);
}

static int
customers_update_tx(struct ctx *c, void *arg)
{
	const uint64_t		*version = arg;
	struct customer_row	 row;
	struct outcome	 o;
	struct json_object	*cur;
	uint64_t		 v;
	int			 rc, err;

	if ((rc = customer_lock_path(c, &row)) != 0)
		return rc;
	if (row.version != *version) {
		if ((cur = customer_json(c, row.id, &v, &err)) == NULL)
			return -1;
		return ctx_conflict(c, "Someone else changed this customer; "
		    "review and try again", cur, v);
	}
	if (customer_save(c, &row, c->in, &o) == -1)
		return outcome_reply(c, &o);
	return customer_reply(c, 200, row.id);
}

/* 200, 400, 401, 403, 404, 409, 428, 503 */
static int
customers_update(struct ctx *c)
{
	return ctx_tx_versioned(c, customers_update_tx);
}

/* Archive or unarchive (C7): 200, 401, 403, 404, 503. */
static int
customers_set_archived_tx(struct ctx *c, void *arg)
{
	const int		*archived = arg;
	struct customer_row	 row;
	struct json_object	*ch = jsonx_object(c->arena);
	int			 rc;

	if ((rc = customer_lock_path(c, &row)) != 0)
		return rc;
	if (row.archived == *archived)
		return customer_reply(c, 200, row.id);
	audit_change(ch, "archived", json_object_new_boolean(row.archived),
	    json_object_new_boolean(*archived));
	if (DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_SET_ARCHIVED],
	    NULL, db_i64(*archived), db_u64(row.id)) == -1 ||
	    customer_record_event(c, *archived ? "archived" : "unarchived",
	    row.id, ch) == -1)
		return -1;
	return customer_reply(c, 200, row.id);
}

static int
customers_archive(struct ctx *c)
{
	static const int	archived = 1;

	return ctx_tx(c, customers_set_archived_tx, (void *)&archived);
}

static int
customers_unarchive(struct ctx *c)
{
	static const int	archived = 0;

	return ctx_tx(c, customers_set_archived_tx, (void *)&archived);
}

/*
 * What a cascade removes, each with its own audit row: rows of one
 * family (id, name), deleted by del.
 */
static int
customers_delete_rows(struct ctx *c, uint64_t id, const struct db_res *rows,
    const char *action, const char *object_type, const struct db_sql *del)
{
	struct json_object	*ch;
	size_t			 i;

	for (i = 0; i < rows->nrows; i++) {
		ch = jsonx_object(c->arena);
		audit_change(ch, "name", json_object_new_string(
		    db_get(rows, i, DB_PAIR_NAME)), NULL);
		if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
		    action, object_type,
		    db_get_u64(rows, i, DB_PAIR_ID), id, ch }) == -1)
			return -1;
	}
	if (rows->nrows == 0)
		return 0;
	return DB_EXEC(c->db, c->arena, del, NULL, db_u64(id));
}

/*
 * After a failed delete: records no cascade removes yet (devices,
 * folders, installer tokens, assets it owns or that are at its
 * locations) hold the customer (a foreign key refused): 409; else -1.
 */
static int
customers_held(struct ctx *c)
{
	if (db_errno(c->db) != DB_ER_ROW_IS_REFERENCED)
		return -1;
	return ctx_error(c, 409, "has_records", "This customer still has "
	    "devices, folders, installer tokens, assets (its own, or "
	    "others' at its locations), contracts, invoices or projects; "
	    "move or delete them first");
}

static int
customers_delete_tx(struct ctx *c, void *arg)
{
	const int		*cascade = arg;
	struct customer_row	 row;
	struct json_object	*ch = jsonx_object(c->arena);
	struct db_res		 locs, contacts;
	int			 rc;

	if ((rc = customer_lock_path(c, &row)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &location_sql[LOCATION_SQL_LOCK_ALL],
	    &locs, db_u64(row.id)) == -1 ||
	    DB_EXEC(c->db, c->arena, &contact_sql[CONTACT_SQL_LOCK_ALL],
	    &contacts, db_u64(row.id)) == -1)
		return -1;
	if (locs.nrows + contacts.nrows > 0 && !*cascade)
		return ctx_error(c, 409, "has_records", arena_printf(c->arena,
		    "This customer still has %zu location(s) and %zu "
		    "contact(s); delete them first or delete with "
		    "cascade=true", locs.nrows, contacts.nrows));
	audit_change(ch, "name", json_object_new_string(row.v[CUST_F_NAME]),
	    NULL);
	audit_change(ch, "locations", json_object_new_int64(
	    (int64_t)locs.nrows), NULL);
	audit_change(ch, "contacts", json_object_new_int64(
	    (int64_t)contacts.nrows), NULL);
	if (customers_delete_rows(c, row.id, &locs, "location.deleted",
	    "location", &customer_sql[CUSTOMER_SQL_DELETE_LOCATIONS]) == -1 ||
	    customers_delete_rows(c, row.id, &contacts, "contact.deleted",
	    "contact", &contact_sql[CONTACT_SQL_DELETE_ALL]) == -1 ||
	    DB_EXEC(c->db, c->arena, &customer_sql[CUSTOMER_SQL_DELETE], NULL,
	    db_u64(row.id)) == -1)
		return customers_held(c);
	if (audit_add(c->db, c->arena, &c->actor, &(struct audit_entry){
	    "customer.deleted", "customer", row.id, row.id, ch }) == -1)
		return -1;
	return resp_empty(&c->resp, 204);
}

/* C8: 204, 401, 403, 404, 409 (has records), 503. */
static int
customers_delete(struct ctx *c)
{
	int	cascade = c->query[0].present && c->query[0].i == 1;

	return ctx_tx(c, customers_delete_tx, &cascade);
}

/* C9, newest first: 200, 400, 401, 404, 503. */
static int
customers_audit(struct ctx *c)
{
	struct json_object	*arr;
	struct db_res		 res;
	struct page		 p;
	int			 rc;

	if ((rc = page_from_query(c, &c->query[0], &c->query[1], 0, &p)) != 0)
		return rc;
	if (audit_list_customer(c->db, c->arena, c->customer.id, &p, &arr,
	    &res) == -1)
		return ctx_db_error(c);
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, AUDIT_COL_ID);
}

enum customers_route {
	ROUTE_CUSTOMERS_LIST,
	ROUTE_CUSTOMERS_CREATE,
	ROUTE_CUSTOMERS_BULK,
	ROUTE_CUSTOMERS_GET,
	ROUTE_CUSTOMERS_UPDATE,
	ROUTE_CUSTOMERS_DELETE,
	ROUTE_CUSTOMERS_ARCHIVE,
	ROUTE_CUSTOMERS_UNARCHIVE,
	ROUTE_CUSTOMERS_AUDIT,
	ROUTE_CUSTOMERS_TIMELINE,
	ROUTE_SEARCH,
	ROUTE_CUSTOMERS_SUMMARY,
	ROUTE_LOCATIONS_LIST,
	ROUTE_LOCATIONS_CREATE,
	ROUTE_LOCATIONS_GET,
	ROUTE_LOCATIONS_UPDATE,
	ROUTE_LOCATIONS_DELETE,
	ROUTE_CUSTOM_FIELDS_LIST,
	ROUTE_CUSTOM_FIELDS_CREATE,
	ROUTE_CUSTOM_FIELDS_UPDATE,
	ROUTE_CUSTOM_FIELDS_DELETE,
	ROUTE_PINNED_GET,
	ROUTE_PINNED_PUT,
	ROUTE_RANKS_GET,
	ROUTE_RANKS_PUT,
	ROUTE_ASSET_AGE_GET,
	ROUTE_ASSET_AGE_PUT,
	ROUTE_COUNTRIES_GET,
	ROUTE_LAYOUT_ME_GET,
	ROUTE_LAYOUT_ME_PUT,
	ROUTE_LAYOUT_ME_DELETE,
	ROUTE_LAYOUT_WORKSPACE_GET,
	ROUTE_LAYOUT_WORKSPACE_PUT,
	ROUTE_DOMAINS_LIST,
	ROUTE_DOMAINS_CREATE,
	ROUTE_DOMAINS_GET,
	ROUTE_DOMAINS_UPDATE,
	ROUTE_DOMAINS_DELETE,
	ROUTE_DOMAINS_CHALLENGE,
	ROUTE_DOMAINS_VERIFY,
	ROUTE_DOMAIN_VERIFICATIONS,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_CUSTOMERS_LIST] = { REQ_GET, "/api/v1/customers", ACCESS_READ,
	    customers_list, ROUTE_QUERY(list_query) },
	[ROUTE_CUSTOMERS_CREATE] = { REQ_POST, "/api/v1/customers",
	    ACCESS_WRITE, customers_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(customer_fields), .required = ROUTE_BIT(CUST_F_NAME) },
	[ROUTE_CUSTOMERS_BULK] = { REQ_POST, "/api/v1/customers/bulk",
	    ACCESS_WRITE, customers_bulk, .body = BODY_ARRAY,
	    .body_max = CUSTOMERS_BULK_BODY_MAX },
	[ROUTE_CUSTOMERS_GET] = { REQ_GET, "/api/v1/customers/{id}",
	    ACCESS_READ, customers_get },
	[ROUTE_CUSTOMERS_UPDATE] = { REQ_PATCH, "/api/v1/customers/{id}",
	    ACCESS_WRITE, customers_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(customer_fields) },
	[ROUTE_CUSTOMERS_DELETE] = { REQ_DELETE, "/api/v1/customers/{id}",
	    ACCESS_ADMIN, customers_delete, ROUTE_QUERY(delete_query) },
	[ROUTE_CUSTOMERS_ARCHIVE] = { REQ_POST,
	    "/api/v1/customers/{id}/archive", ACCESS_WRITE,
	    customers_archive },
	[ROUTE_CUSTOMERS_UNARCHIVE] = { REQ_POST,
	    "/api/v1/customers/{id}/unarchive", ACCESS_WRITE,
	    customers_unarchive },
	[ROUTE_CUSTOMERS_AUDIT] = { REQ_GET, "/api/v1/customers/{id}/audit",
	    ACCESS_READ, customers_audit, ROUTE_QUERY(page_query) },
	[ROUTE_CUSTOMERS_TIMELINE] = { REQ_GET,
	    "/api/v1/customers/{id}/timeline", ACCESS_READ,
	    customers_timeline, ROUTE_QUERY(timeline_query), .own_load = 1 },
	[ROUTE_SEARCH] = { REQ_GET, "/api/v1/search", ACCESS_READ,
	    customers_search, ROUTE_QUERY(search_query) },
	[ROUTE_CUSTOMERS_SUMMARY] = { REQ_GET,
	    "/api/v1/customers/{id}/summary", ACCESS_READ, customers_summary,
	    .own_load = 1 },
	[ROUTE_LOCATIONS_LIST] = { REQ_GET,
	    "/api/v1/customers/{id}/locations", ACCESS_READ, locations_list,
	    ROUTE_QUERY(page_query) },
	[ROUTE_LOCATIONS_CREATE] = { REQ_POST,
	    "/api/v1/customers/{id}/locations", ACCESS_WRITE,
	    locations_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(location_fields), .required = ROUTE_BIT(LOC_F_NAME) },
	[ROUTE_LOCATIONS_GET] = { REQ_GET,
	    "/api/v1/customers/{id}/locations/{id}", ACCESS_READ,
	    locations_get },
	[ROUTE_LOCATIONS_UPDATE] = { REQ_PATCH,
	    "/api/v1/customers/{id}/locations/{id}", ACCESS_WRITE,
	    locations_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(location_fields) },
	[ROUTE_LOCATIONS_DELETE] = { REQ_DELETE,
	    "/api/v1/customers/{id}/locations/{id}", ACCESS_WRITE,
	    locations_delete },
	[ROUTE_CUSTOM_FIELDS_LIST] = { REQ_GET, "/api/v1/custom-fields",
	    ACCESS_READ, custom_fields_list },
	[ROUTE_CUSTOM_FIELDS_CREATE] = { REQ_POST, "/api/v1/custom-fields",
	    ACCESS_ADMIN, custom_fields_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(custom_field_fields),
	    .required = ROUTE_BIT(0) | ROUTE_BIT(1) | ROUTE_BIT(2) },
	[ROUTE_CUSTOM_FIELDS_UPDATE] = { REQ_PATCH,
	    "/api/v1/custom-fields/{id}", ACCESS_ADMIN, custom_fields_update,
	    .body = BODY_OBJECT, ROUTE_FIELDS(custom_field_fields) },
	[ROUTE_CUSTOM_FIELDS_DELETE] = { REQ_DELETE,
	    "/api/v1/custom-fields/{id}", ACCESS_ADMIN,
	    custom_fields_delete },
	[ROUTE_PINNED_GET] = { REQ_GET, "/api/v1/settings/pinned-fields",
	    ACCESS_READ, settings_pinned_get },
	[ROUTE_PINNED_PUT] = { REQ_PUT, "/api/v1/settings/pinned-fields",
	    ACCESS_ADMIN, settings_pinned_put, .body = BODY_ARRAY },
	[ROUTE_RANKS_GET] = { REQ_GET, "/api/v1/settings/ranks", ACCESS_READ,
	    settings_ranks_get },
	[ROUTE_RANKS_PUT] = { REQ_PUT, "/api/v1/settings/ranks", ACCESS_ADMIN,
	    settings_ranks_put, .body = BODY_ARRAY },
	[ROUTE_ASSET_AGE_GET] = { REQ_GET, "/api/v1/settings/asset-age",
	    ACCESS_READ, settings_asset_age_get },
	[ROUTE_ASSET_AGE_PUT] = { REQ_PUT, "/api/v1/settings/asset-age",
	    ACCESS_ADMIN, settings_asset_age_put, .body = BODY_OBJECT,
	    ROUTE_FIELDS(asset_age_fields), .required = ROUTE_BIT(0) },
	[ROUTE_COUNTRIES_GET] = { REQ_GET, "/api/v1/settings/countries",
	    ACCESS_READ, settings_countries_get },
	[ROUTE_LAYOUT_ME_GET] = { REQ_GET, "/api/v1/me/layout", ACCESS_READ,
	    layout_me_get },
	/* Anyone signed in arranges their own view, read-only users too. */
	[ROUTE_LAYOUT_ME_PUT] = { REQ_PUT, "/api/v1/me/layout", ACCESS_READ,
	    layout_me_put, .body = BODY_OBJECT, ROUTE_FIELDS(layout_fields),
	    .required = ROUTE_BIT(LAYOUT_F_TABS) |
	    ROUTE_BIT(LAYOUT_F_SECTIONS) },
	[ROUTE_LAYOUT_ME_DELETE] = { REQ_DELETE, "/api/v1/me/layout",
	    ACCESS_READ, layout_me_delete },
	[ROUTE_LAYOUT_WORKSPACE_GET] = { REQ_GET, "/api/v1/settings/layout",
	    ACCESS_READ, layout_workspace_get },
	[ROUTE_LAYOUT_WORKSPACE_PUT] = { REQ_PUT, "/api/v1/settings/layout",
	    ACCESS_ADMIN, layout_workspace_put, .body = BODY_OBJECT,
	    ROUTE_FIELDS(layout_fields), .required = ROUTE_BIT(LAYOUT_F_TABS) |
	    ROUTE_BIT(LAYOUT_F_SECTIONS) },
	[ROUTE_DOMAINS_LIST] = { REQ_GET, "/api/v1/customers/{id}/domains",
	    ACCESS_READ, domains_list, ROUTE_QUERY(page_query) },
	[ROUTE_DOMAINS_CREATE] = { REQ_POST, "/api/v1/customers/{id}/domains",
	    ACCESS_WRITE, domains_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(domain_fields),
	    .required = ROUTE_BIT(DOMAIN_F_DOMAIN) },
	[ROUTE_DOMAINS_GET] = { REQ_GET,
	    "/api/v1/customers/{id}/domains/{id}", ACCESS_READ, domains_get },
	[ROUTE_DOMAINS_UPDATE] = { REQ_PATCH,
	    "/api/v1/customers/{id}/domains/{id}", ACCESS_WRITE,
	    domains_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(domain_patch_fields) },
	[ROUTE_DOMAINS_DELETE] = { REQ_DELETE,
	    "/api/v1/customers/{id}/domains/{id}", ACCESS_WRITE,
	    domains_delete },
	[ROUTE_DOMAINS_CHALLENGE] = { REQ_POST,
	    "/api/v1/customers/{id}/domains/{id}/challenge", ACCESS_WRITE,
	    domains_challenge, .body = BODY_OBJECT,
	    ROUTE_FIELDS(challenge_fields) },
	[ROUTE_DOMAINS_VERIFY] = { REQ_POST,
	    "/api/v1/customers/{id}/domains/{id}/verify", ACCESS_WRITE,
	    domains_verify, .body = BODY_OBJECT, ROUTE_FIELDS(verify_fields),
	    .required = ROUTE_BIT(0) },
	[ROUTE_DOMAIN_VERIFICATIONS] = { REQ_POST,
	    "/api/v1/domain-verifications", ACCESS_PUBLIC,
	    domain_verifications, .body = BODY_OBJECT,
	    ROUTE_FIELDS(verification_fields),
	    .required = ROUTE_BIT(VERIFICATION_F_TOKEN) },
};

static const struct app customers_app = {
	.name = "customers", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&customers_app, argc, argv);
}
