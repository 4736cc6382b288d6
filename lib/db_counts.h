/* SQL of the customer_counts family. */
#ifndef DB_COUNTS_H
#define DB_COUNTS_H

#include "db.h"

enum counts_sql {
	COUNTS_SQL_ADD,
	COUNTS_SQL__MAX
};

extern const struct db_sql counts_sql[COUNTS_SQL__MAX];

#endif
