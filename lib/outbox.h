/*
 * Outbound mail is queued, never sent inline: outbox_add inserts it in
 * the caller's transaction, so it goes out if and only if the write that
 * caused it commits, and the mail sender delivers it with retries.
 */
#ifndef OUTBOX_H
#define OUTBOX_H

#include <stdint.h>

/*
 * The first line of every mail we send that can be answered: the text
 * of a reply above it is the answer, the rest is quoted history.
 */
#define OUTBOX_REPLY_MARKER	"##- Please type your reply above this line -##"

/* Tries of a queued mail before it is failed (lib/worker_mail.h). */
#define OUTBOX_ATTEMPTS_MAX	10

struct arena;
struct db;

enum outbox_kind {
	OUTBOX_REPLY,			/* a technician's reply on a ticket */
	OUTBOX_ACKNOWLEDGEMENT,		/* "we have your mail" */
	OUTBOX_DOMAIN_CHALLENGE,	/* M3 verification */
	OUTBOX_NOTICE,
	OUTBOX__MAX
};

extern const char *const outbox_kind_names[OUTBOX__MAX];

struct outbox_mail {
	enum outbox_kind	 kind;
	uint64_t		 ticket_id;	/* 0: not about a ticket */
	uint64_t		 ticket_message_id;
	const char		*to;
	const char		*subject;
	const char		*body;
	const char		*in_reply_to;	/* NULL: none */
	const char		*refs;		/* NULL: none */
	int			 auto_submitted; /* automatic, not a person */
};

const char	*outbox_domain(void);
int		 outbox_add(struct db *, struct arena *,
		    const struct outbox_mail *, uint64_t *, const char **);

#endif
