/*
 * The audit log: every write a person makes adds one row, in the same
 * transaction as the write, with field-level old -> new values.
 */
#ifndef AUDIT_H
#define AUDIT_H

#include <stdint.h>

struct ctx;
struct json_object;

#define AUDIT_PAGE_MAX	200

int	 audit_add(struct ctx *, const char *, const char *, uint64_t,
	    uint64_t, struct json_object *);
void	 audit_change(struct json_object *, const char *,
	    struct json_object *, struct json_object *);
int	 audit_list_customer(struct ctx *, uint64_t, uint64_t, long,
	    struct json_object **, uint64_t *);

#endif
