/*
 * SQL of the contact family.  CONTACT_RECORD_COLUMNS are in the order of
 * enum contact_field (cgi/contacts.h).
 */
#ifndef DB_CONTACT_H
#define DB_CONTACT_H

#include "db.h"

#define CONTACT_RECORD_COLUMNS \
	"name, job_title, email, phone, mobile, notes, status, customer_id"
#define CONTACT_RECORD_NCOLUMNS	8

/* Columns of the statements that return contacts, after the record. */
enum contact_col {
	CONTACT_COL_ID = CONTACT_RECORD_NCOLUMNS,
	CONTACT_COL_VERSION,
	CONTACT_COL_CREATED_AT,
	CONTACT_COL_UPDATED_AT,
	CONTACT_COL_SORT_KEY,		/* the list's order: the cursor */
	CONTACT_COL__MAX
};

/* Columns of CONTACT_SQL_SEARCH. */
enum contact_search_col {
	CONTACT_SEARCH_COL_ID,
	CONTACT_SEARCH_COL_NAME,
	CONTACT_SEARCH_COL_EMAIL,
	CONTACT_SEARCH_COL_STATUS,
	CONTACT_SEARCH_COL_CUSTOMER_ID,
	CONTACT_SEARCH_COL_CUSTOMER_NAME,
	CONTACT_SEARCH_COL__MAX
};

enum contact_sql {
	CONTACT_SQL_LIST,
	CONTACT_SQL_GET,
	CONTACT_SQL_LOCK,
	CONTACT_SQL_MATCH,		/* lock by email, or by name without one */
	CONTACT_SQL_INSERT,
	CONTACT_SQL_UPDATE,
	CONTACT_SQL_DELETE,
	CONTACT_SQL_EXPORT,
	CONTACT_SQL_LOCK_ALL,		/* a customer's, for a cascade: pairs */
	CONTACT_SQL_DELETE_ALL,
	CONTACT_SQL_SEARCH,		/* every customer's, for the palette */
	CONTACT_SQL__MAX
};

extern const struct db_sql contact_sql[CONTACT_SQL__MAX];

#endif
