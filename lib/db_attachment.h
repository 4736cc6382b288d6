/*
 * SQL of mail attachments (M1): each attachment or inline image of an
 * inbound message, its decoded bytes in chunks.
 */
#ifndef DB_ATTACHMENT_H
#define DB_ATTACHMENT_H

#include "db.h"

/* Bytes per chunk row: far below MariaDB's max_allowed_packet. */
#define ATTACHMENT_CHUNK_MAX	(1024 * 1024)

/*
 * Columns of ATTACHMENT_SQL_GET, _BY_MESSAGE and _BY_TICKET: the first
 * is what the attachment belongs to (its inbound message, or the ticket
 * message that came from it).
 */
enum attachment_col {
	ATTACHMENT_COL_OWNER,
	ATTACHMENT_COL_ID,
	ATTACHMENT_COL_FILENAME,
	ATTACHMENT_COL_CONTENT_TYPE,
	ATTACHMENT_COL_CONTENT_ID,
	ATTACHMENT_COL_IS_INLINE,
	ATTACHMENT_COL_SIZE,
	ATTACHMENT_COL_SHA256,		/* lowercase hex */
	ATTACHMENT_COL__MAX
};

/* Columns of ATTACHMENT_SQL_CHUNKS. */
enum attachment_chunk_col {
	ATTACHMENT_CHUNK_COL_DATA,
	ATTACHMENT_CHUNK_COL__MAX
};

enum attachment_sql {
	ATTACHMENT_SQL_DELETE,		/* a message's, for a reparse */
	ATTACHMENT_SQL_INSERT,
	ATTACHMENT_SQL_CHUNK_INSERT,
	ATTACHMENT_SQL_GET,
	ATTACHMENT_SQL_CHUNKS,
	ATTACHMENT_SQL_BY_MESSAGE,
	ATTACHMENT_SQL_BY_TICKET,	/* a page of a ticket's messages */
	ATTACHMENT_SQL__MAX
};

extern const struct db_sql attachment_sql[ATTACHMENT_SQL__MAX];

#endif
