/*
 * A mail message parsed with GMime 3: what routing (M2), threading (M4)
 * and classification (M5) need, copied into an arena.  No database.
 */
#ifndef MIME_H
#define MIME_H

#include <stddef.h>

struct arena;

#define MIME_MESSAGE_MAX	(25 * 1024 * 1024)
#define MIME_DEPTH_MAX		32
#define MIME_PARTS_MAX		500
#define MIME_HTML_MAX		(2 * 1024 * 1024)	/* into libxml2 */
#define MIME_TEXT_MAX		(1024 * 1024)		/* body text kept */
#define MIME_ADDRS_MAX		100			/* per To, Cc */
#define MIME_REFS_MAX		100
#define MIME_AUTH_RESULTS_MAX	20

/* Headers kept as they came (unfolded); the last three are derived. */
enum mime_hdr {
	MIME_H_RETURN_PATH,
	MIME_H_AUTO_SUBMITTED,
	MIME_H_X_AUTOREPLY,
	MIME_H_X_AUTORESPOND,
	MIME_H_X_AUTO_RESPONSE_SUPPRESS,
	MIME_H_PRECEDENCE,
	MIME_H_LIST_ID,
	MIME_H_X_FAILED_RECIPIENTS,
	MIME_H_AUTH_RESULTS,
	MIME_H_X_SPAM_FLAG,
	MIME_H_CONTENT_TYPE,		/* top level "type/subtype", lower */
	MIME_H_REPORT_TYPE,		/* its report-type parameter */
	MIME_H_FROM_LOCAL,		/* From's local part */
	MIME_H__MAX
};

extern const char *const mime_hdr_names[MIME_H__MAX];

/* Bytes: transfer-decoded, owned by the arena (freed at its reset). */
struct mime_attachment {
	const char	*name;		/* or NULL */
	const char	*type;		/* "image/png" */
	const char	*content_id;	/* without < >, or NULL */
	const char	*data;
	size_t		 size;		/* decoded bytes */
	int		 is_inline;
};

struct mime_addrs {
	const char	**v;		/* bare addresses */
	size_t		  n;
};

struct mime_mail {
	const char		*from;		/* address, or NULL */
	const char		*from_name;
	const char		*from_idn;	/* from, domain as A-label */
	struct mime_addrs	 to;
	struct mime_addrs	 cc;
	const char		*subject;	/* decoded UTF-8 */
	const char		*message_id;	/* without < > */
	const char		*in_reply_to;
	struct mime_addrs	 references;	/* Message-IDs, oldest first */
	struct mime_addrs	 auth_results;	/* every A-R value, top first */
	const char		*hdr[MIME_H__MAX];
	const char		*text;		/* UTF-8, never NULL */
	int			 text_from_html;
	struct mime_attachment	*att;
	size_t			 natt;
	size_t			 nparts;
};

int	 mime_in(const char *const *, const char *);
void	 mime_init(void);
int	 mime_parse(struct arena *, const char *, size_t, struct mime_mail *,
	    const char **);

#endif
