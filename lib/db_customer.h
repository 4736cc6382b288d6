/*
 * SQL of the customer family: customers, custom field definitions and
 * their values.  CUSTOMER_RECORD_COLUMNS lists the editable columns in the
 * order of enum customer_field (cgi/customers.h).
 */
#ifndef DB_CUSTOMER_H
#define DB_CUSTOMER_H

#include "db.h"
#include "filter.h"

#define CUSTOMER_RECORD_COLUMNS \
	"c.name, c.primary_domain, c.phone, c.fax, c.website, " \
	"c.address_line1, c.address_line2, c.city, c.region, c.postal_code, " \
	"c.country, c.business_id, c.account_manager_id, " \
	"c.default_contract_id, c.billing_contact_id, c.billing_address, " \
	"c.notes, c.`rank`, c.ticket_limit, c.external_ref"
#define CUSTOMER_RECORD_NCOLUMNS	20

/* Columns of CUSTOMER_SQL_GET after the record columns. */
enum customer_col {
	CUSTOMER_COL_ID = CUSTOMER_RECORD_NCOLUMNS,
	CUSTOMER_COL_ARCHIVED,
	CUSTOMER_COL_ARCHIVED_AT,
	CUSTOMER_COL_VERSION,
	CUSTOMER_COL_CREATED_AT,
	CUSTOMER_COL_UPDATED_AT,
	CUSTOMER_COL_LOCATIONS,
	CUSTOMER_COL_PRIMARY_ID,
	CUSTOMER_COL_PRIMARY_NAME,
	CUSTOMER_COL_MANAGER_NAME,
	CUSTOMER_COL_CONTRACT_NAME,	/* the default contract's */
	CUSTOMER_COL_BILLING_NAME,	/* the billing contact's */
	CUSTOMER_COL_CUSTOM_KEY,	/* NULL, or one custom value a row */
	CUSTOMER_COL_CUSTOM_VALUE,
	CUSTOMER_COL__MAX
};

/* Columns of CUSTOMER_SQL_SUMMARY after those of CUSTOMER_SQL_GET. */
enum customer_summary_col {
	CUSTOMER_SUMMARY_COUNTS = CUSTOMER_COL__MAX,	/* JSON object */
	CUSTOMER_SUMMARY_PINNED,			/* JSON array */
	CUSTOMER_SUMMARY_EXPIRED,	/* owned assets, warranty ended */
	CUSTOMER_SUMMARY_OVERDUE,	/* sent invoices past due */
	CUSTOMER_SUMMARY_PROJECTS,	/* JSON: open projects by status */
	CUSTOMER_SUMMARY_CONTRACT_ID,	/* the default contract, or NULL */
	CUSTOMER_SUMMARY_CONTRACT_NAME,
	CUSTOMER_SUMMARY_CONTRACT_STATUS,
	CUSTOMER_SUMMARY__MAX
};

/* Columns of the list statements. */
enum customer_list_col {
	CUSTOMER_LIST_ID,
	CUSTOMER_LIST_NAME,
	CUSTOMER_LIST_RANK,
	CUSTOMER_LIST_ARCHIVED,
	CUSTOMER_LIST_CREATED_AT,
	CUSTOMER_LIST_LOCATIONS,
	CUSTOMER_LIST_ASSETS_OWNED,
	CUSTOMER_LIST_ASSETS_LOCATED,
	CUSTOMER_LIST_OPEN_TICKETS,
	CUSTOMER_LIST_SORT_KEY,		/* what the order compares: the cursor */
	CUSTOMER_LIST__MAX
};

/* Columns of CUSTOMER_SQL_SEARCH. */
enum customer_search_col {
	CUSTOMER_SEARCH_ID,
	CUSTOMER_SEARCH_NAME,
	CUSTOMER_SEARCH_RANK,
	CUSTOMER_SEARCH_ARCHIVED,
	CUSTOMER_SEARCH_CITY,
	CUSTOMER_SEARCH__MAX
};

/* The list's query fields (C2), in the route's order. */
enum customer_list_query {
	CUSTOMER_Q_Q,
	CUSTOMER_Q_RANK,
	CUSTOMER_Q_STATUS,		/* archived 0/1; absent: all */
	CUSTOMER_Q_SORT,
	CUSTOMER_Q_LIMIT,
	CUSTOMER_Q_AFTER,
	CUSTOMER_Q_INCLUDE_ARCHIVED,
	CUSTOMER_Q__MAX
};

/* The list's orders, as ?sort= names them. */
enum customer_sort {
	CUSTOMER_SORT_NAME,
	CUSTOMER_SORT_NAME_DESC,
	CUSTOMER_SORT_CREATED,
	CUSTOMER_SORT_CREATED_DESC,
	CUSTOMER_SORT_RANK,
	CUSTOMER_SORT_RANK_DESC,
	CUSTOMER_SORT__MAX
};

/* One filtered statement family per order (lib/filter.c). */
extern const struct filter customer_list_filters[CUSTOMER_SORT__MAX];
extern const struct filter customer_count_filter;

enum customer_sql {
	CUSTOMER_SQL_GET,
	CUSTOMER_SQL_SUMMARY,		/* GET's columns, then the summary's */
	CUSTOMER_SQL_LOCK,		/* record columns, id, version, archived */
	CUSTOMER_SQL_LOCK_BY_REF,	/* same, by external_ref */
	CUSTOMER_SQL_INSERT,
	CUSTOMER_SQL_UPDATE,
	CUSTOMER_SQL_SET_ARCHIVED,
	CUSTOMER_SQL_DELETE,
	CUSTOMER_SQL_DELETE_LOCATIONS,
	CUSTOMER_SQL_COUNT_LOCATIONS,	/* locations_count := COUNT(*) */
	CUSTOMER_SQL_SEARCH,		/* list columns, by name: H2 */
	CUSTOMER_SQL_OWN_CONTRACT,	/* a contract of the customer: C1 */
	CUSTOMER_SQL_OWN_CONTACT,	/* a contact of the customer: C1 */
	CUSTOMER_SQL_UNBILL,		/* its billing contact left: C1 */
	CUSTOM_FIELD_SQL_LIST,
	CUSTOM_FIELD_SQL_LOCK,
	CUSTOM_FIELD_SQL_INSERT,
	CUSTOM_FIELD_SQL_UPDATE,
	CUSTOM_FIELD_SQL_DELETE,
	CUSTOM_VALUE_SQL_UPSERT,
	CUSTOM_VALUE_SQL_DELETE,
	CUSTOMER_SQL_WANT,		/* the customer of a path: want.c */
	CUSTOMER_SQL_LOCK_ID,		/* the row lock alone */
	CUSTOMER_SQL__MAX
};

/* Columns of CUSTOMER_SQL_WANT. */
enum customer_want_col {
	CUSTOMER_WANT_ID,
	CUSTOMER_WANT_NAME,
	CUSTOMER_WANT_ARCHIVED,
	CUSTOMER_WANT_VERSION,
	CUSTOMER_WANT__MAX
};

/* Columns of CUSTOM_FIELD_SQL_LIST and CUSTOM_FIELD_SQL_LOCK. */
enum custom_field_col {
	CUSTOM_FIELD_COL_ID,
	CUSTOM_FIELD_COL_KEY,
	CUSTOM_FIELD_COL_LABEL,
	CUSTOM_FIELD_COL_TYPE,
	CUSTOM_FIELD_COL_VERSION,
	CUSTOM_FIELD_COL_CREATED_AT,
	CUSTOM_FIELD_COL__MAX
};

/* Lock columns after the record columns. */
#define CUSTOMER_LOCK_ID	CUSTOMER_RECORD_NCOLUMNS
#define CUSTOMER_LOCK_VERSION	(CUSTOMER_RECORD_NCOLUMNS + 1)
#define CUSTOMER_LOCK_ARCHIVED	(CUSTOMER_RECORD_NCOLUMNS + 2)
#define CUSTOMER_LOCK_CUSTOM	(CUSTOMER_RECORD_NCOLUMNS + 3)

extern const struct db_sql customer_sql[CUSTOMER_SQL__MAX];

#endif
