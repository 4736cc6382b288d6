/*
 * SQL of inbound mail (M1): the messages and their raw bytes in chunks.
 */
#ifndef DB_MAILBOX_H
#define DB_MAILBOX_H

#include "db.h"

/* Raw bytes per chunk row: far below MariaDB's max_allowed_packet. */
#define MAILBOX_CHUNK_MAX	(1024 * 1024)

/* Columns of MAILBOX_SQL_LIST and MAILBOX_SQL_GET. */
enum mailbox_col {
	MAILBOX_COL_ID,
	MAILBOX_COL_STATUS,
	MAILBOX_COL_ERROR,
	MAILBOX_COL_SIZE,
	MAILBOX_COL_MESSAGE_ID,
	MAILBOX_COL_CLASS,
	MAILBOX_COL_FROM,
	MAILBOX_COL_SUBJECT,
	MAILBOX_COL_RESULT,
	MAILBOX_COL_ATTEMPTS,
	MAILBOX_COL_RECEIVED_AT,
	MAILBOX_COL_PARSED_AT,
	MAILBOX_COL__MAX
};

/* Columns of MAILBOX_SQL_CHUNKS. */
enum mailbox_chunk_col {
	MAILBOX_CHUNK_COL_DATA,
	MAILBOX_CHUNK_COL__MAX
};

enum mailbox_sql {
	MAILBOX_SQL_BY_SHA,		/* (id) of the same bytes */
	MAILBOX_SQL_INSERT,
	MAILBOX_SQL_CHUNK_INSERT,
	MAILBOX_SQL_CHUNKS,
	MAILBOX_SQL_BY_MESSAGE_ID,	/* (id) of another with the same ID */
	MAILBOX_SQL_DELETE,
	MAILBOX_SQL_PARSED,
	MAILBOX_SQL_FAILED,
	MAILBOX_SQL_LIST,
	MAILBOX_SQL_GET,
	MAILBOX_SQL__MAX
};

extern const struct db_sql mailbox_sql[MAILBOX_SQL__MAX];

#endif
