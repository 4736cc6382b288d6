/*
 * cgi/customers: customers (C1-C11), locations (L1), custom fields (C5)
 * and the workspace settings the hub header uses (C4, C6).
 */
#ifndef CGI_CUSTOMERS_H
#define CGI_CUSTOMERS_H

#include <stdint.h>

#include "field.h"

struct ctx;
struct json_object;
struct db_res;
struct outcome;

#define CUSTOMERS_BULK_MAX	1000
#define CUSTOMERS_BULK_BODY_MAX	(2 * 1024 * 1024)
#define CUSTOM_VALUE_TEXT_MAX	1000
#define PINNED_MIN		3
#define PINNED_MAX		6
#define ASSET_AGE_MIN		1	/* years: D6's standard age */
#define ASSET_AGE_MAX		50
#define ASSET_AGE_DEFAULT	5

/* In the column order of CUSTOMER_RECORD_COLUMNS (lib/db_customer.h). */
enum customer_field {
	CUST_F_NAME,
	CUST_F_PRIMARY_DOMAIN,
	CUST_F_PHONE,
	CUST_F_FAX,
	CUST_F_WEBSITE,
	CUST_F_ADDRESS_LINE1,
	CUST_F_ADDRESS_LINE2,
	CUST_F_CITY,
	CUST_F_REGION,
	CUST_F_POSTAL_CODE,
	CUST_F_COUNTRY,
	CUST_F_BUSINESS_ID,
	CUST_F_ACCOUNT_MANAGER_ID,
	CUST_F_DEFAULT_CONTRACT_ID,
	CUST_F_BILLING_CONTACT_ID,
	CUST_F_BILLING_ADDRESS,
	CUST_F_NOTES,
	CUST_F_RANK,
	CUST_F_TICKET_LIMIT,
	CUST_F_EXTERNAL_REF,
	CUST_F_CUSTOM_FIELDS,	/* not a column: {"key": value} */
	CUST_F__MAX
};
#define CUST_F_RECORD_MAX	CUST_F_CUSTOM_FIELDS

/* In the column order of LOCATION_RECORD_COLUMNS (lib/db_location.h). */
enum location_field {
	LOC_F_NAME,
	LOC_F_ADDRESS_LINE1,
	LOC_F_ADDRESS_LINE2,
	LOC_F_CITY,
	LOC_F_REGION,
	LOC_F_POSTAL_CODE,
	LOC_F_COUNTRY,
	LOC_F_STATUS,
	LOC_F_IS_PRIMARY,
	LOC_F__MAX
};

extern const struct field_spec customer_fields[CUST_F__MAX];
extern const char *const customer_labels[CUST_F_RECORD_MAX];

/* A customer row locked for writing. */
struct customer_row {
	uint64_t		  id;
	uint64_t		  version;
	int			  archived;
	const char		**v;		/* CUST_F_RECORD_MAX values */
	struct json_object	 *custom;	/* key -> value, or NULL */
};

int	customer_lock(struct ctx *, uint64_t, const char *,
	    struct customer_row *);
int	customer_lock_path(struct ctx *, struct customer_row *);
int	customer_record_event(struct ctx *, const char *, uint64_t,
	    struct json_object *);
int	customer_save(struct ctx *, const struct customer_row *,
	    const struct field_value *, struct outcome *);
int	customer_save_custom(struct ctx *, uint64_t, struct json_object *,
	    struct json_object *, struct json_object *,
	    struct outcome *);
struct json_object *customers_ranks(struct ctx *);
int	customer_reply(struct ctx *, int, uint64_t);
struct json_object *customer_json(struct ctx *, uint64_t, uint64_t *, int *);
struct json_object *customer_json_rows(struct ctx *, const struct db_res *,
	    uint64_t *);
int	customers_summary(struct ctx *);
int	customers_timeline(struct ctx *);
int	customers_search(struct ctx *);

enum timeline_query {
	TIMELINE_Q_LIMIT,
	TIMELINE_Q_AFTER,
	TIMELINE_Q_KIND,
	TIMELINE_Q__MAX
};

enum search_query {
	SEARCH_Q_Q,
	SEARCH_Q_LIMIT,
	SEARCH_Q__MAX
};

extern const struct field_spec timeline_query[TIMELINE_Q__MAX];
extern const struct field_spec search_query[SEARCH_Q__MAX];
struct json_object *custom_field_defs(struct ctx *);

int	customers_bulk(struct ctx *);
int	locations_list(struct ctx *);
int	locations_create(struct ctx *);
int	locations_get(struct ctx *);
int	locations_update(struct ctx *);
int	locations_delete(struct ctx *);
int	custom_fields_list(struct ctx *);
int	custom_fields_create(struct ctx *);
int	custom_fields_update(struct ctx *);
int	custom_fields_delete(struct ctx *);
int	settings_pinned_get(struct ctx *);
int	settings_pinned_put(struct ctx *);
int	settings_ranks_get(struct ctx *);
int	settings_ranks_put(struct ctx *);
int	settings_asset_age_get(struct ctx *);
int	settings_countries_get(struct ctx *);

/* H6: the hub's layout (customers_layout.c). */
enum layout_field {
	LAYOUT_F_TABS,
	LAYOUT_F_SECTIONS,
	LAYOUT_F__MAX
};

extern const struct field_spec layout_fields[LAYOUT_F__MAX];

int	layout_me_get(struct ctx *);
int	layout_me_put(struct ctx *);
int	layout_me_delete(struct ctx *);
int	layout_workspace_get(struct ctx *);
int	layout_workspace_put(struct ctx *);
int	settings_asset_age_put(struct ctx *);

/* M3: cgi/customers_domains.c */
enum domain_field {
	DOMAIN_F_DOMAIN,
	DOMAIN_F_INCLUDE_SUBDOMAINS,
	DOMAIN_F__MAX
};

enum verification_field {
	VERIFICATION_F_TOKEN,
	VERIFICATION_F_DRY_RUN,
	VERIFICATION_F__MAX
};

extern const struct field_spec domain_fields[DOMAIN_F__MAX];
extern const struct field_spec domain_patch_fields[1];
extern const struct field_spec challenge_fields[1];
extern const struct field_spec verify_fields[1];
extern const struct field_spec verification_fields[VERIFICATION_F__MAX];

int	domains_list(struct ctx *);
int	domains_create(struct ctx *);
int	domains_get(struct ctx *);
int	domains_update(struct ctx *);
int	domains_delete(struct ctx *);
int	domains_challenge(struct ctx *);
int	domains_verify(struct ctx *);
int	domain_verifications(struct ctx *);
int	domain_reply(struct ctx *, int, uint64_t, uint64_t);
int	domain_event(struct ctx *, uint64_t, const char *, uint64_t,
	    const char *, struct json_object *);

extern const struct field_spec location_fields[LOC_F__MAX];
extern const struct field_spec custom_field_fields[3];
extern const struct field_spec page_query[2];
extern const struct field_spec asset_age_fields[1];

#endif
