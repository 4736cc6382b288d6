/*
 * Prints the statement lib/filter.c assembles for a list with the named
 * query fields set, for the EXPLAIN checks of the API tests.  Never
 * installed.
 *
 *	filter-sql devices type availability
 *	filter-sql customers-rank status rank
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db_customer.h"
#include "db_device.h"
#include "db_ticket.h"
#include "filter.h"
#include "ticket.h"

static const char *const device_names[DEVICE_Q__MAX] = {
	"q",			/* DEVICE_Q_Q */
	"name",			/* DEVICE_Q_NAME */
	"type",			/* DEVICE_Q_TYPE */
	"snmp_type",		/* DEVICE_Q_SNMP_TYPE */
	"availability",		/* DEVICE_Q_AVAILABILITY */
	"alert_category",	/* DEVICE_Q_ALERT_CATEGORY */
	"alert_severity",	/* DEVICE_Q_ALERT_SEVERITY */
	"monitored",		/* DEVICE_Q_MONITORED */
	"favourite",		/* DEVICE_Q_FAVOURITE */
	"pending_reboot",	/* DEVICE_Q_PENDING_REBOOT */
	"folder_id",		/* DEVICE_Q_FOLDER_ID */
	"view",			/* DEVICE_Q_VIEW */
	"limit",		/* DEVICE_Q_LIMIT */
	"after",		/* DEVICE_Q_AFTER */
};

static const char *const customer_names[CUSTOMER_Q__MAX] = {
	"q",			/* CUSTOMER_Q_Q */
	"rank",			/* CUSTOMER_Q_RANK */
	"status",		/* CUSTOMER_Q_STATUS */
	"sort",			/* CUSTOMER_Q_SORT */
	"limit",		/* CUSTOMER_Q_LIMIT */
	"after",		/* CUSTOMER_Q_AFTER */
	"include_archived",	/* CUSTOMER_Q_INCLUDE_ARCHIVED */
};

static const char *const ticket_names[TICKET_Q__MAX] = {
	"status",		/* TICKET_Q_STATUS */
	"spam",			/* TICKET_Q_SPAM */
	"priority",		/* TICKET_Q_PRIORITY */
	"assignee_id",		/* TICKET_Q_ASSIGNEE_ID */
	"customer_id",		/* TICKET_Q_CUSTOMER_ID */
	"rank",			/* TICKET_Q_RANK */
	"type",			/* TICKET_Q_TYPE */
	"impact",		/* TICKET_Q_IMPACT */
	"device_id",		/* TICKET_Q_DEVICE_ID */
	"q",			/* TICKET_Q_Q */
	"unassigned",		/* TICKET_Q_UNASSIGNED */
	"sentiment",		/* TICKET_Q_SENTIMENT */
	"limit",		/* TICKET_Q_LIMIT */
	"after",		/* TICKET_Q_AFTER */
	"open",			/* TICKET_Q_OPEN */
};

struct list {
	const char		*name;
	const struct filter	*filter;
	const char *const	*fields;
	size_t			 nfields;
};

static const struct list lists[] = {
	{ "devices", &device_list_filter, device_names, DEVICE_Q__MAX },
	{ "customers", &customer_list_filters[CUSTOMER_SORT_NAME],
	    customer_names, CUSTOMER_Q__MAX },
	{ "customers-created", &customer_list_filters[CUSTOMER_SORT_CREATED],
	    customer_names, CUSTOMER_Q__MAX },
	{ "customers-rank", &customer_list_filters[CUSTOMER_SORT_RANK],
	    customer_names, CUSTOMER_Q__MAX },
	{ "tickets", &ticket_list_filter, ticket_names, TICKET_Q__MAX },
};

int
main(int argc, char *argv[])
{
	const struct list	*l = NULL;
	char			 buf[FILTER_SQL_MAX];
	uint64_t		 mask = 0;
	size_t			 i, q;
	int			 a;

	for (i = 0; argc > 1 && i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(argv[1], lists[i].name) == 0)
			l = &lists[i];
	if (l == NULL) {
		fprintf(stderr, "usage: filter-sql devices|customers|"
		    "customers-created|customers-rank|tickets [field ...]\n");
		return 2;
	}
	for (a = 2; a < argc; a++) {
		for (q = 0; q < l->nfields; q++)
			if (strcmp(argv[a], l->fields[q]) == 0)
				break;
		if (q == l->nfields) {
			fprintf(stderr, "filter-sql: no filter %s\n", argv[a]);
			return 2;
		}
		for (i = 0; i < l->filter->nconds; i++)
			if (l->filter->conds[i].query == q)
				mask |= (uint64_t)1 << i;
	}
	if (filter_text(l->filter, mask, buf, sizeof(buf)) == -1)
		return 1;
	puts(buf);
	return 0;
}
