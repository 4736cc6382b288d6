/*
 * SQL of the invoice family (B2, B3): invoices, invoice batches and the
 * billing settings of a customer.  The record columns are in the order of
 * enum invoice_field and enum billing_field (cgi/billing.h).
 */
#ifndef DB_INVOICE_H
#define DB_INVOICE_H

#include "db.h"

#define INVOICE_RECORD_NCOLUMNS	7

/* Columns of the statements that return invoices, after the record. */
enum invoice_col {
	INVOICE_COL_ID = INVOICE_RECORD_NCOLUMNS,
	INVOICE_COL_VERSION,
	INVOICE_COL_CREATED_AT,
	INVOICE_COL_UPDATED_AT,
	INVOICE_COL_STATE,		/* stored: draft, sent, paid */
	INVOICE_COL_STATUS,		/* shown: overdue for a late sent one */
	INVOICE_COL_PAID,		/* minor units */
	INVOICE_COL_BATCH_NAME,
	INVOICE_COL_SENT_AT,
	INVOICE_COL_PAID_AT,
	INVOICE_COL_SORT_KEY,
	INVOICE_COL__MAX
};

enum invoice_sql {
	INVOICE_SQL_GET,
	INVOICE_SQL_LOCK,
	INVOICE_SQL_INSERT,
	INVOICE_SQL_UPDATE,
	INVOICE_SQL_DELETE,
	INVOICE_SQL_LIST,
	INVOICE_SQL_RECENT,		/* the newest few, for B3 */
	INVOICE_SQL_SEND,
	INVOICE_SQL_PAY,
	INVOICE_SQL_OVERDUE,		/* H3's badge: a count */
	INVOICE_SQL_BATCH_LIST,
	INVOICE_SQL_BATCH_INSERT,
	INVOICE_SQL_BATCH_GET,
	INVOICE_SQL__MAX
};

/* The one column of INVOICE_SQL_OVERDUE. */
#define INVOICE_OVERDUE_COL	0

/* Columns of the batch statements. */
enum invoice_batch_col {
	INVOICE_BATCH_COL_ID,
	INVOICE_BATCH_COL_NAME,
	INVOICE_BATCH_COL_CREATED_AT,
	INVOICE_BATCH_COL_INVOICES,
	INVOICE_BATCH_COL__MAX
};

extern const struct db_sql invoice_sql[INVOICE_SQL__MAX];

#define BILLING_RECORD_NCOLUMNS	8

enum billing_col {
	BILLING_COL_VERSION = BILLING_RECORD_NCOLUMNS,
	BILLING_COL_UPDATED_AT,
	BILLING_COL__MAX
};

enum billing_sql {
	BILLING_SQL_GET,
	BILLING_SQL_LOCK,
	BILLING_SQL_INSERT,
	BILLING_SQL_UPDATE,
	BILLING_SQL__MAX
};

extern const struct db_sql billing_sql[BILLING_SQL__MAX];

#endif
