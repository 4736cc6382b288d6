/*
 * Prints the statement lib/filter.c assembles for the device list (D2)
 * with the named query fields set, for the EXPLAIN checks of
 * tests/api/devices-explain.test.mjs.  Never installed.
 *
 *	filter-sql type availability
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db_device.h"
#include "filter.h"

static const char *const query_names[DEVICE_Q__MAX] = {
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

int
main(int argc, char *argv[])
{
	const struct filter	*f = &device_list_filter;
	char			 buf[FILTER_SQL_MAX];
	uint64_t		 mask = 0;
	size_t			 i, q;
	int			 a;

	for (a = 1; a < argc; a++) {
		for (q = 0; q < DEVICE_Q__MAX; q++)
			if (strcmp(argv[a], query_names[q]) == 0)
				break;
		for (i = 0; i < f->nconds; i++)
			if (f->conds[i].query == q)
				mask |= (uint64_t)1 << i;
		if (q == DEVICE_Q__MAX) {
			fprintf(stderr, "filter-sql: no filter %s\n", argv[a]);
			return 2;
		}
	}
	if (filter_text(f, mask, buf, sizeof(buf)) == -1)
		return 1;
	puts(buf);
	return 0;
}
