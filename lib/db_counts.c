#include "config.h"

#include "db_counts.h"

const struct db_sql counts_sql[COUNTS_SQL__MAX] = {
	/* Parameters: customer, name, delta. */
	{ "INSERT INTO customer_counts (customer_id, name, n) "
	  "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
	  0 }, /* COUNTS_SQL_ADD */
};
