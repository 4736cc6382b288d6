/*
 * cgi/billing: contracts and time entries (B1, C1), invoices and their
 * batches (B2), billing settings (B3) and projects (B4).  Money is
 * integer minor units plus an ISO 4217 currency, never a float.
 *
 * Contracts, time entries, invoices and projects are records of one
 * customer described by a struct billing_kind: billing_record.c holds
 * their get, create, edit and delete; each resource's file its list,
 * its rules (hooks) and its verbs.
 */
#ifndef CGI_BILLING_H
#define CGI_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "counts.h"
#include "field.h"

struct ctx;
struct db_res;
struct db_sql;
struct json_object;
struct outcome;
struct page;

#define BILLING_MINOR_MAX	1000000000000LL	/* 10^12 minor units */
#define BILLING_MINUTES_MAX	1000000		/* of a contract or SLA */
#define BILLING_ENTRY_MINUTES_MAX 1440		/* one time entry: a day */
#define BILLING_TERMS_MAX	365		/* payment terms, days */
#define BILLING_TERMS_DEFAULT	30
#define BILLING_RECENT_MAX	5		/* invoices shown with B3 */

/* In the column order of the contract SELECT (lib/db_contract.c). */
enum contract_field {
	CONTRACT_F_NAME,
	CONTRACT_F_TYPE,
	CONTRACT_F_START_DATE,
	CONTRACT_F_END_DATE,
	CONTRACT_F_SLA_RESPONSE,
	CONTRACT_F_SLA_RESOLUTION,
	CONTRACT_F_INCLUDED,
	CONTRACT_F_NOTES,
	CONTRACT_F_IS_DEFAULT,	/* not a column: the customer's (C1) */
	CONTRACT_F__MAX
};

enum time_entry_field {
	TIME_ENTRY_F_DATE,
	TIME_ENTRY_F_MINUTES,
	TIME_ENTRY_F_DESCRIPTION,
	TIME_ENTRY_F_CONTRACT_ID,
	TIME_ENTRY_F_BILLABLE,
	TIME_ENTRY_F__MAX
};

enum invoice_field {
	INVOICE_F_NUMBER,
	INVOICE_F_BATCH_ID,
	INVOICE_F_ISSUE_DATE,
	INVOICE_F_DUE_DATE,
	INVOICE_F_CURRENCY,
	INVOICE_F_TOTAL,
	INVOICE_F_NOTES,
	INVOICE_F__MAX
};

enum billing_field {
	BILLING_F_CURRENCY,
	BILLING_F_HOURLY_RATE,
	BILLING_F_DEVICE_RATE,
	BILLING_F_AUTO_BILLING,
	BILLING_F_TERMS,
	BILLING_F_INVOICE_EMAIL,
	BILLING_F_PO_NUMBER,
	BILLING_F_TAX_ID,
	BILLING_F__MAX
};

enum project_field {
	PROJECT_F_NAME,
	PROJECT_F_START_DATE,
	PROJECT_F_DUE_DATE,
	PROJECT_F_COMPLETED,
	PROJECT_F_VALUE,
	PROJECT_F_CURRENCY,
	PROJECT_F_PROGRESS,
	PROJECT_F_NOTES,
	PROJECT_F__MAX
};

/*
 * A kind of record.  Its statements return the record columns, then id,
 * version, created_at and updated_at, then what extra() shows.  GET and
 * LOCK take (id, customer), INSERT the record and the customer, UPDATE
 * the record, id and version, DELETE (id, customer).
 */
struct billing_kind {
	const char		*name;		/* audit object type: "contract" */
	const char		*label;		/* in timeline summaries */
	const char		*path;		/* under /customers/{id}/ */
	const struct field_spec	*fields;
	size_t			 ncolumns;	/* fields that are columns */
	size_t			 title;		/* the field that names one */
	const char *const	*defaults;	/* on create, per column */
	const struct db_sql	*get, *lock, *insert, *update, *del;
	size_t			 sort_col;	/* the list's cursor key */
	enum count		 count;
	const char		*dup_code;	/* a unique key broken: 409 */
	const char		*dup_field;
	const char		*ref_field;	/* an unknown reference: 400 */
	/* Before a write; row NULL on create; may set cur: 0, -1 with o. */
	int	(*check)(struct ctx *, const struct db_res *,
		    const char *const *, const char **, struct outcome *);
	/* After a write, adding to changes: 0, or -1 with o. */
	int	(*after)(struct ctx *, uint64_t, const char *const *,
		    struct json_object *, struct outcome *);
	/* Before the locked row is deleted: 0, or -1 with o. */
	int	(*deleting)(struct ctx *, const struct db_res *,
		    struct outcome *);
	void	(*extra)(struct json_object *, const struct db_res *, size_t);
};

/* The query fields of the lists; limit and after page them. */
enum contract_query {
	CONTRACT_Q_Q,
	CONTRACT_Q_TYPE,
	CONTRACT_Q_STATUS,
	CONTRACT_Q_LIMIT,
	CONTRACT_Q_AFTER,
	CONTRACT_Q__MAX
};

enum time_entry_query {
	TIME_ENTRY_Q_CONTRACT_ID,
	TIME_ENTRY_Q_FROM,
	TIME_ENTRY_Q_TO,
	TIME_ENTRY_Q_LIMIT,
	TIME_ENTRY_Q_AFTER,
	TIME_ENTRY_Q__MAX
};

enum invoice_query {
	INVOICE_Q_Q,
	INVOICE_Q_BATCH_ID,
	INVOICE_Q_STATUS,
	INVOICE_Q_LIMIT,
	INVOICE_Q_AFTER,
	INVOICE_Q__MAX
};

enum batch_query {
	BATCH_Q_Q,
	BATCH_Q_LIMIT,
	BATCH_Q_AFTER,
	BATCH_Q__MAX
};

enum project_query {
	PROJECT_Q_Q,
	PROJECT_Q_STATUS,
	PROJECT_Q_LIMIT,
	PROJECT_Q_AFTER,
	PROJECT_Q__MAX
};

extern const struct field_spec contract_query[CONTRACT_Q__MAX];
extern const struct field_spec time_entry_query[TIME_ENTRY_Q__MAX];
extern const struct field_spec invoice_query[INVOICE_Q__MAX];
extern const struct field_spec batch_query[BATCH_Q__MAX];
extern const struct field_spec project_query[PROJECT_Q__MAX];
extern const struct field_spec contract_fields[CONTRACT_F__MAX];
extern const struct field_spec time_entry_fields[TIME_ENTRY_F__MAX];
extern const struct field_spec invoice_fields[INVOICE_F__MAX];
extern const struct field_spec billing_fields[BILLING_F__MAX];
extern const struct field_spec project_fields[PROJECT_F__MAX];
extern const struct field_spec invoice_pay_fields[1];
extern const struct field_spec batch_fields[1];
extern const char *const billing_currencies[];

extern const struct billing_kind contract_kind;
extern const struct billing_kind time_entry_kind;
extern const struct billing_kind invoice_kind;
extern const struct billing_kind project_kind;

const struct billing_kind *billing_kind_of(const struct ctx *);

/* billing_record.c: the handlers every kind shares. */
int	billing_get(struct ctx *);
int	billing_create(struct ctx *);
int	billing_update(struct ctx *);
int	billing_delete(struct ctx *);
struct json_object *billing_json(struct ctx *, const struct billing_kind *,
	    const struct db_res *, size_t);
int	billing_reply(struct ctx *, const struct billing_kind *, int,
	    uint64_t);
int	billing_lock(struct ctx *, const struct billing_kind *,
	    struct db_res *);
int	billing_event(struct ctx *, const struct billing_kind *, const char *,
	    uint64_t, const char *, struct json_object *);
int	billing_page(struct ctx *, const struct billing_kind *,
	    const struct page *, const struct db_res *);
const char *billing_like(struct ctx *, const struct field_value *);
int	billing_db_fail(struct ctx *, const struct billing_kind *,
	    struct outcome *);
const char *billing_date_add(struct ctx *, const char *, long);
const char *billing_money(struct ctx *, int64_t, const char *);

/* Lists and verbs, one file per resource. */
int	contracts_list(struct ctx *);
int	time_entries_list(struct ctx *);
int	invoices_list(struct ctx *);
int	invoices_send(struct ctx *);
int	invoices_pay(struct ctx *);
int	batches_list(struct ctx *);
int	batches_create(struct ctx *);
int	billing_settings_get(struct ctx *);
int	billing_settings_put(struct ctx *);
int	projects_list(struct ctx *);

#endif
