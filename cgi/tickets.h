/* cgi/tickets: what its files share (T1-T3, T5, C10). */
#ifndef TICKETS_H
#define TICKETS_H

#include <stddef.h>
#include <time.h>

#include "db_sla.h"
#include "field.h"

struct ctx;
struct db_res;
struct json_object;

#define SLA_POLICIES_MAX	500	/* policies a list shows */

void	ticket_sla_add(struct json_object *, const struct db_res *, size_t,
	    time_t);

int	sla_policies_list(struct ctx *);
int	sla_policies_create(struct ctx *);
int	sla_policies_get(struct ctx *);
int	sla_policies_update(struct ctx *);
int	sla_policies_delete(struct ctx *);
int	customer_sla_get(struct ctx *);
int	customer_sla_put(struct ctx *);
int	contract_sla_put(struct ctx *);

/* The body of an assignment (a customer's, a contract's). */
enum sla_assign_field {
	SLA_ASSIGN_F_POLICY,
	SLA_ASSIGN_F__MAX
};

extern const struct field_spec	sla_fields[SLA_F__MAX];
extern const struct field_spec	sla_assign_fields[SLA_ASSIGN_F__MAX];

#endif
