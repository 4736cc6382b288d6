/*
 * cgi/mailbox_attach: the attachments and inline images of inbound mail,
 * stored with the parse and downloaded by signed-in users.
 */
#ifndef MAILBOX_ATTACH_H
#define MAILBOX_ATTACH_H

#include <stdint.h>

struct ctx;
struct mime_mail;

#define ATTACH_COUNT_MAX	100	/* stored per mail; the rest logged */
#define ATTACH_NAME_MAX		255	/* bytes of a file name */
#define ATTACH_TYPE_MAX		255	/* bytes of a media type */
#define ATTACH_CID_MAX		255	/* bytes of a Content-ID */

int	mailbox_attach_store(struct ctx *, uint64_t, const struct mime_mail *);
int	mailbox_attach_get(struct ctx *);

#endif
