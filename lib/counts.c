#include "config.h"

#include <string.h>

#include "arena.h"
#include "counts.h"
#include "db.h"
#include "db_counts.h"
#include "log.h"

static const char *const count_names[COUNT__MAX] = {
	"contacts",		/* COUNT_CONTACTS */
	"sites_by_status",	/* COUNT_SITES_BY_STATUS */
	"assets_owned",		/* COUNT_ASSETS_OWNED */
	"assets_located",	/* COUNT_ASSETS_LOCATED */
	"assets_by_status",	/* COUNT_ASSETS_BY_STATUS */
	"devices",		/* COUNT_DEVICES */
	"devices_by_type",	/* COUNT_DEVICES_BY_TYPE */
	"contracts",		/* COUNT_CONTRACTS */
	"invoices",		/* COUNT_INVOICES */
	"projects",		/* COUNT_PROJECTS */
	"invoiced_minor",	/* COUNT_INVOICED_MINOR */
	"open_minor",		/* COUNT_OPEN_MINOR */
	"open_tickets",		/* COUNT_OPEN_TICKETS */
};

/*
 * Inside the caller's transaction: adds delta to the customer's count,
 * qualified (e.g. by a status or currency) unless qualifier is NULL.
 * 0, or -1.
 */
int
counts_add(struct db *db, struct arena *a, uint64_t customer,
    enum count count, const char *qualifier, int64_t delta)
{
	const char	*name = count_names[count];

	if (delta == 0)
		return 0;
	if (qualifier != NULL) {
		if (strlen(qualifier) > COUNT_QUALIFIER_MAX) {
			log_warn("counts: qualifier of %s too long", name);
			return -1;
		}
		name = arena_printf(a, "%s:%s", name, qualifier);
	}
	return DB_EXEC(db, a, &counts_sql[COUNTS_SQL_ADD], NULL,
	    db_u64(customer), db_str(name), db_i64(delta));
}
