/*
 * Mail attachments as the API lists them: with the inbound message they
 * came with, and with the ticket messages made from that mail.
 */
#ifndef ATTACHMENT_H
#define ATTACHMENT_H

#include <stdint.h>

struct arena;
struct db;
struct db_res;
struct json_object;

struct json_object	*attachment_json(const struct db_res *, size_t);
struct json_object	*attachment_list(struct db *, struct arena *,
			    uint64_t);
int			 attachment_add_to_messages(struct db *,
			    struct arena *, uint64_t, struct json_object *);

#endif
