#include "config.h"

#include "db_invoice.h"

#define TIME(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s.%fZ')"
/* A sent invoice past its due date is overdue: derived, never stored. */
#define INVOICE_STATUS \
	"CASE WHEN i.status = 'sent' AND i.due_date < UTC_DATE() " \
	"THEN 'overdue' ELSE i.status END"
#define INVOICE_SELECT \
	"SELECT i.number, i.batch_id, i.issue_date, i.due_date, i.currency, " \
	"i.total_minor, i.notes, i.id, i.version, " TIME("i.created_at") ", " \
	TIME("i.updated_at") ", i.status, " INVOICE_STATUS ", i.paid_minor, " \
	"b.name, " TIME("i.sent_at") ", " TIME("i.paid_at") ", i.issue_date " \
	"FROM invoices i LEFT JOIN invoice_batches b ON b.id = i.batch_id "

const struct db_sql invoice_sql[INVOICE_SQL__MAX] = {
	{ INVOICE_SELECT "WHERE i.id = ? AND i.customer_id = ?",
	  DB_SAFE }, /* INVOICE_SQL_GET */
	{ INVOICE_SELECT "WHERE i.id = ? AND i.customer_id = ? FOR UPDATE",
	  0 }, /* INVOICE_SQL_LOCK */
	{ "INSERT INTO invoices (number, batch_id, issue_date, due_date, "
	  "currency, total_minor, notes, customer_id, created_at, updated_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
	  0 }, /* INVOICE_SQL_INSERT */
	{ "UPDATE invoices SET number = ?, batch_id = ?, issue_date = ?, "
	  "due_date = ?, currency = ?, total_minor = ?, notes = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND version = ?", 0 }, /* INVOICE_SQL_UPDATE */
	{ "DELETE FROM invoices WHERE id = ? AND customer_id = ?",
	  0 }, /* INVOICE_SQL_DELETE */
	/*
	 * Newest first.  Parameters: customer, LIKE pattern x3 (number or
	 * batch name), batch x2, status x2, cursor id, cursor date, cursor
	 * id, limit.
	 */
	{ INVOICE_SELECT "WHERE i.customer_id = ? "
	  "AND (? IS NULL OR i.number LIKE ? OR b.name LIKE ?) "
	  "AND (? IS NULL OR i.batch_id = ?) "
	  "AND (? IS NULL OR " INVOICE_STATUS " = ?) "
	  "AND (? IS NULL OR (i.issue_date, i.id) < (?, ?)) "
	  "ORDER BY i.issue_date DESC, i.id DESC LIMIT ?",
	  DB_SAFE }, /* INVOICE_SQL_LIST */
	/* Parameters: customer, limit. */
	{ INVOICE_SELECT "WHERE i.customer_id = ? "
	  "ORDER BY i.issue_date DESC, i.id DESC LIMIT ?",
	  DB_SAFE }, /* INVOICE_SQL_RECENT */
	{ "UPDATE invoices SET status = 'sent', sent_at = UTC_TIMESTAMP(6), "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND status = 'draft'", 0 }, /* INVOICE_SQL_SEND */
	/* Parameters: amount, invoice; paid in full makes it paid. */
	{ "UPDATE invoices SET paid_minor = paid_minor + ?, "
	  "status = IF(paid_minor >= total_minor, 'paid', status), "
	  "paid_at = IF(paid_minor >= total_minor, UTC_TIMESTAMP(6), NULL), "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE id = ? AND status = 'sent'", 0 }, /* INVOICE_SQL_PAY */
	/* Reads the index invoices_overdue (customer, status, due date). */
	{ "SELECT COUNT(*) FROM invoices WHERE customer_id = ? AND "
	  "status = 'sent' AND due_date < UTC_DATE()",
	  DB_SAFE }, /* INVOICE_SQL_OVERDUE */
	/* Parameters: LIKE pattern x2, cursor name x2, cursor id, limit. */
	{ "SELECT b.id, b.name, " TIME("b.created_at") ", "
	  "(SELECT COUNT(*) FROM invoices i WHERE i.batch_id = b.id) "
	  "FROM invoice_batches b WHERE (? IS NULL OR b.name LIKE ?) "
	  "AND (? IS NULL OR (b.name, b.id) > (?, ?)) "
	  "ORDER BY b.name, b.id LIMIT ?", DB_SAFE }, /* INVOICE_SQL_BATCH_LIST */
	{ "INSERT INTO invoice_batches (name, created_at) "
	  "VALUES (?, UTC_TIMESTAMP(6))", 0 }, /* INVOICE_SQL_BATCH_INSERT */
	{ "SELECT b.id, b.name, " TIME("b.created_at") ", "
	  "(SELECT COUNT(*) FROM invoices i WHERE i.batch_id = b.id) "
	  "FROM invoice_batches b WHERE b.id = ?",
	  DB_SAFE }, /* INVOICE_SQL_BATCH_GET */
};

#define BILLING_SELECT \
	"SELECT currency, hourly_rate_minor, device_rate_minor, auto_billing, " \
	"payment_terms_days, invoice_email, po_number, tax_id, version, " \
	TIME("updated_at") " FROM billing_settings WHERE customer_id = ?"

const struct db_sql billing_sql[BILLING_SQL__MAX] = {
	{ BILLING_SELECT, DB_SAFE }, /* BILLING_SQL_GET */
	{ BILLING_SELECT " FOR UPDATE", 0 }, /* BILLING_SQL_LOCK */
	{ "INSERT INTO billing_settings (currency, hourly_rate_minor, "
	  "device_rate_minor, auto_billing, payment_terms_days, invoice_email, "
	  "po_number, tax_id, customer_id, updated_at) VALUES (?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, UTC_TIMESTAMP(6))", 0 }, /* BILLING_SQL_INSERT */
	{ "UPDATE billing_settings SET currency = ?, hourly_rate_minor = ?, "
	  "device_rate_minor = ?, auto_billing = ?, payment_terms_days = ?, "
	  "invoice_email = ?, po_number = ?, tax_id = ?, "
	  "version = version + 1, updated_at = UTC_TIMESTAMP(6) "
	  "WHERE customer_id = ?", 0 }, /* BILLING_SQL_UPDATE */
};
