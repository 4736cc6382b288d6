/*
 * Tickets (T1-T3, T5, C10) as any program writes them: the API in
 * cgi/tickets and, later, the mail handler, each inside its own
 * transaction and for its actor.
 */
#ifndef TICKET_H
#define TICKET_H

#include <stdint.h>

#include "field.h"

struct actor;
struct arena;
struct db;
struct outcome;

#define TICKET_NUMBER_MAX	16	/* "T-" and the decimal number */
#define TICKET_BODY_MAX		(1024 * 1024)	/* characters of a message */
#define TICKET_MINUTES_MAX	(24 * 60)	/* of one time entry */

/* In the column order of TICKET_RECORD_COLUMNS (lib/db_ticket.h). */
enum ticket_field {
	TICKET_F_SUBJECT,
	TICKET_F_CONTACT_ID,
	TICKET_F_DEVICE_ID,		/* T5 */
	TICKET_F_CONTRACT_ID,
	TICKET_F_STATUS,
	TICKET_F_PRIORITY,
	TICKET_F_TYPE,
	TICKET_F_IMPACT,
	TICKET_F_ACTIVITY,
	TICKET_F_SPAM,
	TICKET_F_ASSIGNEE_ID,
	TICKET_F_CUSTOM_STATUS_ID,	/* shown for status, its base */
	TICKET_F__MAX
};

/* The list's query: TICKET_Q_OPEN is set by the handler, not the caller. */
enum ticket_query {
	TICKET_Q_STATUS,
	TICKET_Q_SPAM,
	TICKET_Q_PRIORITY,
	TICKET_Q_ASSIGNEE_ID,
	TICKET_Q_CUSTOMER_ID,
	TICKET_Q_RANK,
	TICKET_Q_TYPE,
	TICKET_Q_IMPACT,
	TICKET_Q_DEVICE_ID,
	TICKET_Q_Q,
	TICKET_Q_UNASSIGNED,		/* M2: mail no customer claims */
	TICKET_Q_SENTIMENT,		/* of the contact's latest message */
	TICKET_Q_LIMIT,
	TICKET_Q_AFTER,
	TICKET_Q_OPEN,			/* open + pending: the default */
	TICKET_Q__MAX
};

enum message_kind {
	MESSAGE_REPLY,			/* public: the contact sees it */
	MESSAGE_NOTE,			/* internal */
	MESSAGE__MAX
};

/* ticket_message_add's contact for mail from a sender with no record. */
#define TICKET_CONTACT_SENDER	UINT64_MAX

/* Flags of ticket_create. */
#define TICKET_TRIAGE	0x01	/* over the limit: triage, never refused */

struct ticket_new {
	uint64_t		 customer_id;	/* 0: the unassigned queue */
	const char		*source;	/* api, hub, mail, device */
	int			 flags;
};

extern const struct field_spec ticket_fields[TICKET_F__MAX];
extern const char *const ticket_statuses[];
extern const char *const ticket_priorities[];
extern const char *const ticket_types[];
extern const char *const ticket_impacts[];
extern const char *const message_kinds[];

int	ticket_create(struct db *, struct arena *, const struct actor *,
	    const struct ticket_new *, const char *const *, struct outcome *);
int	ticket_update(struct db *, struct arena *, const struct actor *,
	    uint64_t, uint64_t, const char *const *, const char **,
	    struct outcome *);
int	ticket_message_add(struct db *, struct arena *, const struct actor *,
	    uint64_t, enum message_kind, uint64_t, const char *,
	    struct outcome *);
int	ticket_time_add(struct db *, struct arena *, const struct actor *,
	    uint64_t, long long, int, const char *, struct outcome *);

#endif
