/* SQL of outbound mail (the outbox). */
#ifndef DB_OUTBOX_H
#define DB_OUTBOX_H

#include "db.h"

enum outbox_sql {
	OUTBOX_SQL_INSERT,
	OUTBOX_SQL__MAX
};

extern const struct db_sql outbox_sql[OUTBOX_SQL__MAX];

#endif
