/*
 * SQL of the contract family (B1, C1): contracts, the time entries that
 * consume them, and the customer's default contract.  The record columns
 * are in the order of enum contract_field and enum time_entry_field
 * (cgi/billing.h).
 */
#ifndef DB_CONTRACT_H
#define DB_CONTRACT_H

#include "db.h"

#define CONTRACT_RECORD_NCOLUMNS	8

/* A contract's status (B1) is derived from its dates, never stored. */
#define CONTRACT_STATUS \
	"CASE WHEN k.start_date > UTC_DATE() THEN 'upcoming' " \
	"WHEN k.end_date < UTC_DATE() THEN 'expired' ELSE 'active' END"

/* Columns of the statements that return contracts, after the record. */
enum contract_col {
	CONTRACT_COL_ID = CONTRACT_RECORD_NCOLUMNS,
	CONTRACT_COL_VERSION,
	CONTRACT_COL_CREATED_AT,
	CONTRACT_COL_UPDATED_AT,
	CONTRACT_COL_CONSUMED,		/* minutes of its time entries */
	CONTRACT_COL_STATUS,		/* upcoming, active, expired: today's */
	CONTRACT_COL_IS_DEFAULT,	/* the customer's default (C1) */
	CONTRACT_COL_SORT_KEY,		/* the list's order: the cursor */
	CONTRACT_COL__MAX
};

enum contract_sql {
	CONTRACT_SQL_GET,
	CONTRACT_SQL_LOCK,
	CONTRACT_SQL_INSERT,
	CONTRACT_SQL_UPDATE,
	CONTRACT_SQL_DELETE,
	CONTRACT_SQL_LIST,
	CONTRACT_SQL_CONSUME,		/* add minutes to consumed */
	CONTRACT_SQL_DEFAULT_LOCK,	/* the customer row's default */
	CONTRACT_SQL_DEFAULT_SET,
	CONTRACT_SQL__MAX
};

/* The one column of CONTRACT_SQL_DEFAULT_LOCK. */
#define CONTRACT_DEFAULT_COL	0

extern const struct db_sql contract_sql[CONTRACT_SQL__MAX];

#define TIME_ENTRY_RECORD_NCOLUMNS	5

enum time_entry_col {
	TIME_ENTRY_COL_ID = TIME_ENTRY_RECORD_NCOLUMNS,
	TIME_ENTRY_COL_VERSION,
	TIME_ENTRY_COL_CREATED_AT,
	TIME_ENTRY_COL_UPDATED_AT,
	TIME_ENTRY_COL_SORT_KEY,
	TIME_ENTRY_COL__MAX
};

enum time_entry_sql {
	TIME_ENTRY_SQL_GET,
	TIME_ENTRY_SQL_LOCK,
	TIME_ENTRY_SQL_INSERT,
	TIME_ENTRY_SQL_UPDATE,
	TIME_ENTRY_SQL_DELETE,
	TIME_ENTRY_SQL_LIST,
	TIME_ENTRY_SQL__MAX
};

extern const struct db_sql time_entry_sql[TIME_ENTRY_SQL__MAX];

#endif
