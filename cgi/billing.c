/*
 * cgi/billing: the route table (B1-B4, C1).  Contracts, time entries,
 * invoices and projects share their get, create, edit and delete
 * handlers (billing_record.c); route_kinds[] names the kind of record
 * each route serves.
 */
#include "config.h"

#include <stddef.h>

#include "dispatch.h"
#include "serve.h"

#include "billing.h"

enum billing_route {
	ROUTE_CONTRACTS_LIST,
	ROUTE_CONTRACTS_CREATE,
	ROUTE_CONTRACTS_GET,
	ROUTE_CONTRACTS_UPDATE,
	ROUTE_CONTRACTS_DELETE,
	ROUTE_TIME_LIST,
	ROUTE_TIME_CREATE,
	ROUTE_TIME_GET,
	ROUTE_TIME_UPDATE,
	ROUTE_TIME_DELETE,
	ROUTE_INVOICES_LIST,
	ROUTE_INVOICES_CREATE,
	ROUTE_INVOICES_GET,
	ROUTE_INVOICES_UPDATE,
	ROUTE_INVOICES_DELETE,
	ROUTE_INVOICES_SEND,
	ROUTE_INVOICES_PAY,
	ROUTE_BATCHES_LIST,
	ROUTE_BATCHES_CREATE,
	ROUTE_BILLING_GET,
	ROUTE_BILLING_PUT,
	ROUTE_PROJECTS_LIST,
	ROUTE_PROJECTS_CREATE,
	ROUTE_PROJECTS_GET,
	ROUTE_PROJECTS_UPDATE,
	ROUTE_PROJECTS_DELETE,
	ROUTE__MAX
};

#define CUSTOMER	"/api/v1/customers/{id}/"
#define CONTRACTS	CUSTOMER "contracts"
#define TIME		CUSTOMER "time-entries"
#define INVOICES	CUSTOMER "invoices"
#define PROJECTS	CUSTOMER "projects"
#define R		ROUTE_BIT

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_CONTRACTS_LIST] = { REQ_GET, CONTRACTS, ACCESS_READ,
	    contracts_list, ROUTE_QUERY(contract_query) },
	[ROUTE_CONTRACTS_CREATE] = { REQ_POST, CONTRACTS, ACCESS_WRITE,
	    billing_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(contract_fields), .required = R(CONTRACT_F_NAME) |
	    R(CONTRACT_F_TYPE) | R(CONTRACT_F_START_DATE) },
	[ROUTE_CONTRACTS_GET] = { REQ_GET, CONTRACTS "/{id}", ACCESS_READ,
	    billing_get },
	[ROUTE_CONTRACTS_UPDATE] = { REQ_PATCH, CONTRACTS "/{id}",
	    ACCESS_WRITE, billing_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(contract_fields) },
	[ROUTE_CONTRACTS_DELETE] = { REQ_DELETE, CONTRACTS "/{id}",
	    ACCESS_WRITE, billing_delete },
	[ROUTE_TIME_LIST] = { REQ_GET, TIME, ACCESS_READ, time_entries_list,
	    ROUTE_QUERY(time_entry_query) },
	[ROUTE_TIME_CREATE] = { REQ_POST, TIME, ACCESS_WRITE, billing_create,
	    .body = BODY_OBJECT, ROUTE_FIELDS(time_entry_fields),
	    .required = R(TIME_ENTRY_F_DATE) | R(TIME_ENTRY_F_MINUTES) },
	[ROUTE_TIME_GET] = { REQ_GET, TIME "/{id}", ACCESS_READ,
	    billing_get },
	[ROUTE_TIME_UPDATE] = { REQ_PATCH, TIME "/{id}", ACCESS_WRITE,
	    billing_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(time_entry_fields) },
	[ROUTE_TIME_DELETE] = { REQ_DELETE, TIME "/{id}", ACCESS_WRITE,
	    billing_delete },
	[ROUTE_INVOICES_LIST] = { REQ_GET, INVOICES, ACCESS_READ,
	    invoices_list, ROUTE_QUERY(invoice_query) },
	[ROUTE_INVOICES_CREATE] = { REQ_POST, INVOICES, ACCESS_WRITE,
	    billing_create, .body = BODY_OBJECT, ROUTE_FIELDS(invoice_fields),
	    .required = R(INVOICE_F_NUMBER) | R(INVOICE_F_ISSUE_DATE) |
	    R(INVOICE_F_TOTAL) },
	[ROUTE_INVOICES_GET] = { REQ_GET, INVOICES "/{id}", ACCESS_READ,
	    billing_get },
	[ROUTE_INVOICES_UPDATE] = { REQ_PATCH, INVOICES "/{id}", ACCESS_WRITE,
	    billing_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(invoice_fields) },
	[ROUTE_INVOICES_DELETE] = { REQ_DELETE, INVOICES "/{id}",
	    ACCESS_WRITE, billing_delete },
	[ROUTE_INVOICES_SEND] = { REQ_POST, INVOICES "/{id}/send",
	    ACCESS_WRITE, invoices_send },
	[ROUTE_INVOICES_PAY] = { REQ_POST, INVOICES "/{id}/pay", ACCESS_WRITE,
	    invoices_pay, .body = BODY_OBJECT,
	    ROUTE_FIELDS(invoice_pay_fields), .required = R(0) },
	[ROUTE_BATCHES_LIST] = { REQ_GET, "/api/v1/invoice-batches",
	    ACCESS_READ, batches_list, ROUTE_QUERY(batch_query) },
	[ROUTE_BATCHES_CREATE] = { REQ_POST, "/api/v1/invoice-batches",
	    ACCESS_WRITE, batches_create, .body = BODY_OBJECT,
	    ROUTE_FIELDS(batch_fields), .required = R(0) },
	[ROUTE_BILLING_GET] = { REQ_GET, CUSTOMER "billing", ACCESS_READ,
	    billing_settings_get },
	[ROUTE_BILLING_PUT] = { REQ_PUT, CUSTOMER "billing", ACCESS_WRITE,
	    billing_settings_put, .body = BODY_OBJECT,
	    ROUTE_FIELDS(billing_fields) },
	[ROUTE_PROJECTS_LIST] = { REQ_GET, PROJECTS, ACCESS_READ,
	    projects_list, ROUTE_QUERY(project_query) },
	[ROUTE_PROJECTS_CREATE] = { REQ_POST, PROJECTS, ACCESS_WRITE,
	    billing_create, .body = BODY_OBJECT, ROUTE_FIELDS(project_fields),
	    .required = R(PROJECT_F_NAME) | R(PROJECT_F_START_DATE) },
	[ROUTE_PROJECTS_GET] = { REQ_GET, PROJECTS "/{id}", ACCESS_READ,
	    billing_get },
	[ROUTE_PROJECTS_UPDATE] = { REQ_PATCH, PROJECTS "/{id}", ACCESS_WRITE,
	    billing_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(project_fields) },
	[ROUTE_PROJECTS_DELETE] = { REQ_DELETE, PROJECTS "/{id}",
	    ACCESS_WRITE, billing_delete },
};

static const struct billing_kind *const route_kinds[ROUTE__MAX] = {
	[ROUTE_CONTRACTS_CREATE] = &contract_kind,
	[ROUTE_CONTRACTS_GET] = &contract_kind,
	[ROUTE_CONTRACTS_UPDATE] = &contract_kind,
	[ROUTE_CONTRACTS_DELETE] = &contract_kind,
	[ROUTE_TIME_CREATE] = &time_entry_kind,
	[ROUTE_TIME_GET] = &time_entry_kind,
	[ROUTE_TIME_UPDATE] = &time_entry_kind,
	[ROUTE_TIME_DELETE] = &time_entry_kind,
	[ROUTE_INVOICES_CREATE] = &invoice_kind,
	[ROUTE_INVOICES_GET] = &invoice_kind,
	[ROUTE_INVOICES_UPDATE] = &invoice_kind,
	[ROUTE_INVOICES_DELETE] = &invoice_kind,
	[ROUTE_PROJECTS_CREATE] = &project_kind,
	[ROUTE_PROJECTS_GET] = &project_kind,
	[ROUTE_PROJECTS_UPDATE] = &project_kind,
	[ROUTE_PROJECTS_DELETE] = &project_kind,
};

/* The kind of record the request's route serves. */
const struct billing_kind *
billing_kind_of(const struct ctx *c)
{
	return route_kinds[c->route - routes];
}

static const struct app billing_app = {
	.name = "billing", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&billing_app, argc, argv);
}
