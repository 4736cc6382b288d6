/*
 * M4 / outbound mail: a technician's public reply on a ticket whose
 * contact has an email address goes to that address, queued in the
 * reply's own transaction, threaded onto the contact's last mail.
 */
#ifndef TICKET_MAIL_H
#define TICKET_MAIL_H

#include <stdint.h>

struct arena;
struct db;

#define TICKET_MAIL_REFS_MAX	20	/* IDs in References: first + last */

int	ticket_mail_reply(struct db *, struct arena *, uint64_t, uint64_t,
	    const char *);

#endif
