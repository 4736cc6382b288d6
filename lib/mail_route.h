/*
 * M2, M4, M5: what becomes of a parsed, classified inbound mail.  A pure
 * decision: every lookup goes through the callbacks of struct
 * mail_route_env, so the unit tests and the fuzzer drive it without a
 * database, and cgi/mailbox_route.c applies the decision.
 */
#ifndef MAIL_ROUTE_H
#define MAIL_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "mail_classify.h"

struct arena;
struct mime_mail;

#define MAIL_ROUTE_WHY_MAX	8	/* reasons kept per decision */
#define MAIL_ROUTE_DOMAIN_MAX	253
#define MAIL_ROUTE_ADDR_MAX	254	/* RFC 5321: longer creates nothing */
#define MAIL_ROUTE_LABELS_MAX	127	/* suffixes tried of a domain */
#define MAIL_ROUTE_RAW_IDS_MAX	100	/* our IDs tried in a bounce */

enum mail_route_action {
	MAIL_ROUTE_DROP,	/* nothing is written */
	MAIL_ROUTE_REPLY,	/* the sender's message on ticket_id */
	MAIL_ROUTE_NOTE,	/* an internal note on ticket_id */
	MAIL_ROUTE_NEW,		/* a new ticket */
	MAIL_ROUTE__MAX
};

extern const char *const mail_route_actions[MAIL_ROUTE__MAX];

/* A ticket as routing sees it. */
struct mail_route_ticket {
	uint64_t	 id;
	const char	*number;
	uint64_t	 customer_id;	/* 0: the unassigned queue */
	int		 closed;
};

/* A contact as routing sees it. */
struct mail_route_contact {
	uint64_t	 id;
	uint64_t	 customer_id;
};

/*
 * Lookups: 0 found (out filled), 1 none, -1 failure.  A contact is
 * looked up by address, case-insensitively, within a customer (0: any);
 * a domain only among verified ones, exactly (mail_route tries the
 * suffixes); participant says whether addr wrote on the ticket, is its
 * contact or a contact of its customer.
 */
struct mail_route_env {
	void		*arg;
	const char	*secret;	/* MSPHUB_MAIL_SECRET */
	const char	*authserv_id;	/* NULL: no A-R header is trusted */
	const char	*our_from;	/* MSPHUB_MAIL_FROM, or NULL */
	const char	*our_domain;	/* of our Message-IDs */
	int		(*ticket)(void *, uint64_t,
			    struct mail_route_ticket *);
	int		(*ticket_by_number)(void *, const char *,
			    struct mail_route_ticket *);
	int		(*ticket_by_msgid)(void *, const unsigned char *,
			    struct mail_route_ticket *);
	int		(*participant)(void *, uint64_t, const char *);
	int		(*contact)(void *, const char *, uint64_t,
			    struct mail_route_contact *);
	int		(*domain)(void *, const char *, uint64_t *, int *);
};

struct mail_route {
	enum mail_route_action	 action;
	struct mail_route_ticket ticket;	/* REPLY, NOTE: the one */
	uint64_t		 customer_id;	/* NEW; 0: unassigned */
	uint64_t		 contact_id;	/* 0: none */
	int			 new_contact;	/* create the sender */
	struct mail_route_ticket link;		/* NEW: the note points here */
	const char		*thread;	/* how it threaded, or NULL */
	const char		*identity;	/* contact, domain, unassigned */
	const char		*auth;		/* what trusted the domain */
	const char		*domain;	/* the From domain, A-label */
	const char		*undeliverable;	/* a bounce's failed address */
	const char		*body;		/* the text to store */
	int			 spam;
	int			 ack;		/* the sender may be answered */
	const char		*why[MAIL_ROUTE_WHY_MAX];
	size_t			 nwhy;
};

int	mail_route(struct arena *, const struct mime_mail *, enum mail_class,
	    const char *, size_t, const struct mail_route_env *,
	    struct mail_route *);

#endif
