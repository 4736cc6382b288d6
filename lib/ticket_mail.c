#include "config.h"

#include <string.h>
#include <strings.h>

#include <openssl/sha.h>

#include "arena.h"
#include "db.h"
#include "db_worker_mail.h"
#include "outbox.h"
#include "ticket_mail.h"

/*
 * A stored Message-ID as a header holds it, "<id>"; NULL for one that
 * could break a header.  Inbound IDs are stored without the brackets.
 */
static const char *
ticket_mail_id(struct arena *a, const char *s)
{
	const char	*p;
	size_t		 n = strlen(s);

	if (n >= 2 && s[0] == '<' && s[n - 1] == '>')
		s = arena_strndup(a, s + 1, n -= 2);
	if (n == 0)
		return NULL;
	for (p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '<' || *p == '>')
			return NULL;
	return arena_printf(a, "<%s>", s);
}

/*
 * In-Reply-To: the contact's latest mail on the ticket; References: the
 * ticket's IDs, oldest first, the first and the last ones kept.
 */
static void
ticket_mail_thread(struct arena *a, const struct db_res *res,
    const char **irt, const char **refs)
{
	const char	*id;
	size_t		 r, skip = res->nrows > TICKET_MAIL_REFS_MAX ?
			    res->nrows - TICKET_MAIL_REFS_MAX : 0;

	*irt = *refs = NULL;
	for (r = 0; r < res->nrows; r++) {
		id = ticket_mail_id(a, db_get(res, r,
		    TICKET_MAIL_ID_COL_MESSAGE_ID));
		if (id == NULL)
			continue;
		if (strcmp(db_get(res, r, TICKET_MAIL_ID_COL_AUTHOR_KIND),
		    "contact") == 0)
			*irt = id;
		if (r == 0 || r > skip)
			*refs = *refs == NULL ? id :
			    arena_printf(a, "%s %s", *refs, id);
	}
}

/*
 * Inside the caller's transaction: queues ticket message msg (a public
 * reply, body) to the ticket's contact, and stores the mail's Message-ID
 * on the message so that the answer threads.  No contact or no address:
 * nothing to send.  0 or -1.
 */
int
ticket_mail_reply(struct db *db, struct arena *a, uint64_t ticket,
    uint64_t msg, const char *body)
{
	unsigned char	 sha[SHA256_DIGEST_LENGTH];
	struct db_res	 res;
	const char	*subject, *irt, *refs, *mid, *to;
	size_t		 n;

	if (DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_TICKET], &res,
	    db_u64(ticket)) == -1)
		return -1;
	if (res.nrows == 0)
		return 0;
	subject = db_get(&res, 0, TICKET_MAIL_COL_SUBJECT);
	subject = arena_printf(a, "%s%s [#%s]",
	    strncasecmp(subject, "Re:", 3) == 0 ? "" : "Re: ", subject,
	    db_get(&res, 0, TICKET_MAIL_COL_NUMBER));
	to = db_get(&res, 0, TICKET_MAIL_COL_EMAIL);
	if (DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_IDS], &res,
	    db_u64(ticket)) == -1)
		return -1;
	ticket_mail_thread(a, &res, &irt, &refs);
	if (outbox_add(db, a, &(struct outbox_mail){ OUTBOX_REPLY, ticket,
	    msg, to, subject, body, irt, refs, 0 }, NULL, &mid) == -1)
		return -1;
	/* Stored as inbound IDs are: without the brackets. */
	n = strlen(mid);
	mid = arena_strndup(a, mid + 1, n - 2);
	SHA256((const unsigned char *)mid, n - 2, sha);
	return DB_EXEC(db, a, &worker_mail_sql[WORKER_MAIL_SQL_SET_ID], NULL,
	    db_str(mid), db_blob(sha, sizeof(sha)), db_u64(msg));
}
