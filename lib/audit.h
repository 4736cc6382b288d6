/*
 * The audit log: every write a person or a service makes adds one row,
 * in the same transaction as the write, with field-level old -> new
 * values, for the actor who made it.
 */
#ifndef AUDIT_H
#define AUDIT_H

#include <stdint.h>

struct actor;
struct arena;
struct db;
struct db_res;
struct page;
struct json_object;

#define AUDIT_PAGE_MAX	200

/* One row: what was done to which object (of which customer, or 0). */
struct audit_entry {
	const char		*action;	/* "customer.updated" */
	const char		*object_type;
	uint64_t		 object_id;
	uint64_t		 customer_id;
	struct json_object	*changes;	/* or NULL; not taken */
};

int	 audit_add(struct db *, struct arena *, const struct actor *,
	    const struct audit_entry *);
void	 audit_change(struct json_object *, const char *,
	    struct json_object *, struct json_object *);
int	 audit_list_customer(struct db *, struct arena *, uint64_t,
	    const struct page *, struct json_object **, struct db_res *);

#endif
