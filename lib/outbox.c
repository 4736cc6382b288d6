#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "db_outbox.h"
#include "log.h"
#include "msgid.h"
#include "outbox.h"

#define OUTBOX_HOST_MAX		256

const char *const outbox_kind_names[OUTBOX__MAX] = {
	"reply",		/* OUTBOX_REPLY */
	"acknowledgement",	/* OUTBOX_ACKNOWLEDGEMENT */
	"domain_challenge",	/* OUTBOX_DOMAIN_CHALLENGE */
	"notice",		/* OUTBOX_NOTICE */
};

/* The right-hand side of our Message-IDs: MSPHUB_MAIL_DOMAIN or the host. */
const char *
outbox_domain(void)
{
	static char	 host[OUTBOX_HOST_MAX];
	const char	*d = conf_get(MSGID_DOMAIN_CONF, NULL);

	if (d != NULL)
		return d;
	if (host[0] == '\0' && (gethostname(host, sizeof(host) - 1) == -1 ||
	    host[0] == '\0'))
		snprintf(host, sizeof(host), "localhost");
	return host;
}

/* A fresh Message-ID: one naming the ticket, or a random one. */
static const char *
outbox_message_id(struct arena *a, uint64_t ticket)
{
	char		buf[MSGID_MAX];
	uint64_t	nonce;

	if (RAND_bytes((unsigned char *)&nonce, sizeof(nonce)) != 1) {
		log_err("outbox: no random bytes");
		return NULL;
	}
	if (ticket == 0)
		return arena_printf(a, "<msphub-mail.%016" PRIx64 "@%s>",
		    nonce, outbox_domain());
	if (msgid_make(buf, sizeof(buf), ticket, nonce,
	    conf_get(MSGID_SECRET_CONF, NULL), outbox_domain()) == -1)
		return NULL;
	return arena_strdup(a, buf);
}

/*
 * Queues a mail in the current transaction: 0 with its row id and
 * Message-ID (either pointer may be NULL), or -1.
 */
int
outbox_add(struct db *db, struct arena *a, const struct outbox_mail *m,
    uint64_t *id, const char **message_id)
{
	struct db_res	 res;
	const char	*mid;

	if ((mid = outbox_message_id(a, m->ticket_id)) == NULL ||
	    DB_EXEC(db, a, &outbox_sql[OUTBOX_SQL_INSERT], &res,
	    db_str(outbox_kind_names[m->kind]), db_id_or_null(m->ticket_id),
	    db_id_or_null(m->ticket_message_id), db_str(m->to),
	    db_str(m->subject), db_str(m->body), db_str(mid),
	    db_str(m->in_reply_to), db_str(m->refs),
	    db_i64(m->auto_submitted != 0)) == -1)
		return -1;
	if (id != NULL)
		*id = res.insert_id;
	if (message_id != NULL)
		*message_id = mid;
	return 0;
}
