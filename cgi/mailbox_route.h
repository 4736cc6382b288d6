/*
 * cgi/mailbox_route: lib/mail_route's decision on parsed inbound mail,
 * applied in the transaction that records the parse.
 */
#ifndef MAILBOX_ROUTE_H
#define MAILBOX_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "mail_classify.h"

struct ctx;
struct json_object;
struct mime_mail;

#define MAILBOX_AUTHSERV_CONF	"MSPHUB_MAIL_AUTHSERV_ID"
#define MAILBOX_FROM_CONF	"MSPHUB_MAIL_FROM"

int	mailbox_route(struct ctx *, uint64_t, const struct mime_mail *,
	    enum mail_class, const char *, size_t, struct json_object *);

#endif
