/*
 * cgi/mailbox: inbound mail (M1).  POST /mailbox/inbound takes a message
 * from the mail gateway and commits its raw bytes before parsing them, so
 * a message the parser cannot read is kept, listed for the admin with
 * its error and can be reprocessed; the MTA never has to retry it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "arena.h"
#include "attachment.h"
#include "db.h"
#include "db_mailbox.h"
#include "dispatch.h"
#include "jsonx.h"
#include "log.h"
#include "mail_classify.h"
#include "mailbox_attach.h"
#include "mailbox_route.h"
#include "mailbox.h"
#include "mime.h"
#include "page.h"
#include "serve.h"

#define MAILBOX_ERROR_MAX	500	/* characters of a stored error */

static const char *const mailbox_types[] = { "message/rfc822", NULL };

static const char *const list_statuses[] = {
	"received", "parsed", "failed", "all", NULL
};

enum list_query {
	LIST_Q_STATUS,
	LIST_Q_LIMIT,
	LIST_Q_AFTER,
	LIST_Q__MAX
};

static const struct field_spec list_query[LIST_Q__MAX] = {
	{ "status", FIELD_ENUM, 0, 0, 0, list_statuses },	/* LIST_Q_STATUS */
	{ "limit", FIELD_INT, 0, 1, PAGE_MAX, NULL },		/* LIST_Q_LIMIT */
	{ "after", FIELD_TEXT, 0, 1, PAGE_CURSOR_MAX, NULL },	/* LIST_Q_AFTER */
};

/* One stored message on its way in: its bytes and what became of it. */
struct mailbox_in {
	const char	*raw;
	size_t		 len;
	unsigned char	 sha[SHA256_DIGEST_LENGTH];
	uint64_t	 id;
	uint64_t	 copy_of;	/* an earlier message with its ID */
	int		 reprocess;	/* keep the row even if it is a copy */
	int		 status;	/* of the reply: 202 new, 200 again */
	int		 failed;
	const char	*error;
	struct mime_mail m;
};

static struct json_object *
mailbox_strs(const struct mime_addrs *v)
{
	struct json_object	*arr = json_object_new_array();
	size_t			 i;

	for (i = 0; i < v->n; i++)
		json_object_array_add(arr, json_object_new_string(v->v[i]));
	return arr;
}

/* The parse as stored: what routing and threading will read. */
static struct json_object *
mailbox_result(const struct mime_mail *m, enum mail_class cls)
{
	struct json_object	*o = json_object_new_object();
	struct json_object	*arr = json_object_new_array(), *at;
	size_t			 i;

	jsonx_add_str(o, "class", mail_class_names[cls]);
	jsonx_add_str(o, "from", m->from);
	jsonx_add_str(o, "from_name", m->from_name);
	json_object_object_add(o, "to", mailbox_strs(&m->to));
	json_object_object_add(o, "cc", mailbox_strs(&m->cc));
	jsonx_add_str(o, "subject", m->subject);
	jsonx_add_str(o, "message_id", m->message_id);
	jsonx_add_str(o, "in_reply_to", m->in_reply_to);
	json_object_object_add(o, "references", mailbox_strs(&m->references));
	jsonx_add_str(o, "authentication_results", m->hdr[MIME_H_AUTH_RESULTS]);
	jsonx_add_str(o, "return_path", m->hdr[MIME_H_RETURN_PATH]);
	jsonx_add_str(o, "text", m->text);
	jsonx_add_bool(o, "text_from_html", m->text_from_html);
	for (i = 0; i < m->natt; i++) {
		at = json_object_new_object();
		jsonx_add_str(at, "name", m->att[i].name);
		jsonx_add_str(at, "type", m->att[i].type);
		jsonx_add_u64(at, "size", m->att[i].size);
		jsonx_add_bool(at, "inline", m->att[i].is_inline);
		json_object_array_add(arr, at);
	}
	json_object_object_add(o, "attachments", arr);
	return o;
}

static struct json_object *
mailbox_json(const struct db_res *res, size_t r, struct arena *a)
{
	struct json_object	*o = json_object_new_object(), *js;
	const struct db_cell	*cell;

	jsonx_add_u64(o, "id", db_get_u64(res, r, MAILBOX_COL_ID));
	jsonx_add_str(o, "status", db_get(res, r, MAILBOX_COL_STATUS));
	jsonx_add_str(o, "error", db_get(res, r, MAILBOX_COL_ERROR));
	jsonx_add_u64(o, "size", db_get_u64(res, r, MAILBOX_COL_SIZE));
	jsonx_add_str(o, "message_id", db_get(res, r, MAILBOX_COL_MESSAGE_ID));
	jsonx_add_str(o, "class", db_get(res, r, MAILBOX_COL_CLASS));
	jsonx_add_str(o, "from", db_get(res, r, MAILBOX_COL_FROM));
	jsonx_add_str(o, "subject", db_get(res, r, MAILBOX_COL_SUBJECT));
	jsonx_add_u64(o, "attempts", db_get_u64(res, r, MAILBOX_COL_ATTEMPTS));
	jsonx_add_str(o, "received_at", db_get(res, r,
	    MAILBOX_COL_RECEIVED_AT));
	jsonx_add_str(o, "parsed_at", db_get(res, r, MAILBOX_COL_PARSED_AT));
	cell = &res->cells[r * res->ncols + MAILBOX_COL_RESULT];
	js = cell->s == NULL ? NULL : jsonx_parse(a, cell->s, cell->len);
	json_object_object_add(o, "result", js == NULL ? NULL :
	    json_object_get(js));
	return o;
}

/*
 * The stored message as the list shows it, read in the transaction that
 * wrote it; the status, or -1.
 */
static int
mailbox_reply(struct ctx *c, int status, uint64_t id)
{
	struct db_res	 res;

	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_GET], &res,
	    db_u64(id)) == -1 || res.nrows == 0)
		return -1;
	return ctx_data(c, status, mailbox_json(&res, 0, c->arena));
}

/* The raw bytes and their hash, or the id of the same bytes stored. */
static int
mailbox_store_tx(struct ctx *c, void *arg)
{
	struct mailbox_in	*in = arg;
	struct db_res		 res;
	size_t			 off, n;
	unsigned		 seq;

	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_BY_SHA], &res,
	    db_blob(in->sha, sizeof(in->sha))) == -1)
		return -1;
	if (res.nrows > 0) {
		in->id = db_get_u64(&res, 0, 0);
		in->copy_of = in->id;
		return mailbox_reply(c, 200, in->id);
	}
	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_INSERT], &res,
	    db_blob(in->sha, sizeof(in->sha)), db_u64(in->len)) == -1)
		return -1;
	in->id = res.insert_id;
	for (off = 0, seq = 0; off < in->len || seq == 0; off += n, seq++) {
		n = in->len - off > MAILBOX_CHUNK_MAX ? MAILBOX_CHUNK_MAX :
		    in->len - off;
		if (DB_EXEC(c->db, c->arena,
		    &mailbox_sql[MAILBOX_SQL_CHUNK_INSERT], NULL,
		    db_u64(in->id), db_u64(seq), db_blob(in->raw + off, n)) == -1)
			return -1;
	}
	return 202;
}

static int
mailbox_failed(struct ctx *c, struct mailbox_in *in, const char *error)
{
	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_FAILED], NULL,
	    db_str(error), db_u64(in->id)) == -1)
		return -1;
	return mailbox_reply(c, in->status, in->id);
}

/*
 * The parse's outcome, and the reply.  A copy (another message holds the Message-ID) is
 * deleted when it has just come in, and failed when reprocessed.
 */
static int
mailbox_result_tx(struct ctx *c, void *arg)
{
	struct mailbox_in	*in = arg;
	struct mime_mail	*m = &in->m;
	struct db_res		 res;
	unsigned char		 msha[SHA256_DIGEST_LENGTH];
	struct json_object	*result;
	enum mail_class		 cls;
	const char		*js;

	in->copy_of = 0;
	if (in->failed)
		return mailbox_failed(c, in, in->error);
	if (m->message_id != NULL) {
		SHA256((const unsigned char *)m->message_id,
		    strlen(m->message_id), msha);
		if (DB_EXEC(c->db, c->arena,
		    &mailbox_sql[MAILBOX_SQL_BY_MESSAGE_ID], &res,
		    db_blob(msha, sizeof(msha)), db_u64(in->id)) == -1)
			return -1;
		if (res.nrows > 0) {
			in->copy_of = db_get_u64(&res, 0, 0);
			if (in->reprocess)
				return mailbox_failed(c, in, arena_printf(c->arena,
				    "a copy of message %llu (same Message-ID)",
				    (unsigned long long)in->copy_of));
			if (DB_EXEC(c->db, c->arena,
			    &mailbox_sql[MAILBOX_SQL_DELETE], NULL,
			    db_u64(in->id)) == -1)
				return -1;
			return mailbox_reply(c, 200, in->copy_of);
		}
	}
	cls = mail_classify(m);
	result = jsonx_own(c->arena, mailbox_result(m, cls));
	if (mailbox_attach_store(c, in->id, m) == -1 ||
	    mailbox_route(c, in->id, m, cls, in->raw, in->len, result) == -1)
		return -1;
	js = json_object_to_json_string_ext(result, JSON_C_TO_STRING_PLAIN);
	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_PARSED], NULL,
	    db_str(m->message_id), m->message_id == NULL ? db_null() :
	    db_blob(msha, sizeof(msha)), db_str(mail_class_names[cls]),
	    db_str(m->from), db_str(m->subject), db_str(js),
	    db_u64(in->id)) == -1)
		return -1;
	return mailbox_reply(c, in->status, in->id);
}

/* Parses the stored bytes and records the outcome; 0 or -1. */
static int
mailbox_process(struct ctx *c, struct mailbox_in *in)
{
	int	rc;

	if (mime_parse(c->arena, in->raw, in->len, &in->m, &in->error) == -1) {
		in->failed = 1;
		if (strlen(in->error) > MAILBOX_ERROR_MAX)
			in->error = arena_strndup(c->arena, in->error,
			    MAILBOX_ERROR_MAX);
		log_info("mailbox: message %llu failed to parse: %s",
		    (unsigned long long)in->id, in->error);
	}
	rc = ctx_tx(c, mailbox_result_tx, in);
	return rc == 200 || rc == 202 ? 0 : -1;
}

/* 200 (a re-delivery), 202, 401, 413, 415, 503 */
static int
mailbox_inbound(struct ctx *c)
{
	struct mailbox_in	 in;
	struct json_object	*o;
	int			 rc;

	memset(&in, 0, sizeof(in));
	in.raw = c->req.body;
	in.len = c->req.body_len;
	in.status = 202;
	SHA256((const unsigned char *)in.raw, in.len, in.sha);
	if ((rc = ctx_tx(c, mailbox_store_tx, &in)) != 202)
		return rc;
	/* Stored: whatever the parse comes to, the MTA is done with it. */
	if (mailbox_process(c, &in) == 0)
		return c->resp.status;
	memset(&c->resp, 0, sizeof(c->resp));
	o = json_object_new_object();
	jsonx_add_u64(o, "id", in.id);
	jsonx_add_str(o, "status", "received");
	return ctx_data(c, 202, o);
}

/* 200, 400, 401, 403, 503 */
static int
mailbox_list(struct ctx *c)
{
	const struct field_value	*q = c->query;
	struct json_object		*arr;
	struct db_res			 res;
	struct page			 p;
	long long			 status = q[LIST_Q_STATUS].present ?
					    q[LIST_Q_STATUS].i : 3;
	size_t				 i, n;
	int				 rc;

	if ((rc = page_from_query(c, &q[LIST_Q_LIMIT], &q[LIST_Q_AFTER], 0,
	    &p)) != 0)
		return rc;
	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_LIST], &res,
	    db_i64(status == 3), db_str(list_statuses[status == 3 ? 0 : status]),
	    db_id_or_null(p.after_id), db_id_or_null(p.after_id),
	    db_i64(p.limit + 1)) == -1)
		return ctx_db_error(c);
	arr = json_object_new_array();
	n = page_rows(&p, &res);
	for (i = 0; i < n; i++)
		json_object_array_add(arr, mailbox_json(&res, i, c->arena));
	return page_reply(c, arr, &p, &res, PAGE_NO_KEY, MAILBOX_COL_ID);
}

/* One stored message with its attachments.  200, 401, 403, 404, 503 */
static int
mailbox_get(struct ctx *c)
{
	struct json_object	*o, *att;
	struct db_res		 res;

	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_GET], &res,
	    db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	if (res.nrows == 0)
		return ctx_not_found(c, "message");
	if ((att = attachment_list(c->db, c->arena, c->ids[0])) == NULL)
		return ctx_db_error(c);
	o = mailbox_json(&res, 0, c->arena);
	json_object_object_add(o, "attachments", att);
	return ctx_data(c, 200, o);
}

/* The stored bytes of message id, joined; 0, 1 (no such message), -1. */
static int
mailbox_load(struct ctx *c, struct mailbox_in *in)
{
	struct db_res	 res;
	char		*buf;
	size_t		 i, len = 0;

	if (DB_EXEC(c->db, c->arena, &mailbox_sql[MAILBOX_SQL_CHUNKS], &res,
	    db_u64(in->id)) == -1)
		return -1;
	if (res.nrows == 0)
		return 1;
	for (i = 0; i < res.nrows; i++)
		len += res.cells[i * res.ncols + MAILBOX_CHUNK_COL_DATA].len;
	buf = arena_alloc(c->arena, len + 1);
	for (len = 0, i = 0; i < res.nrows; i++) {
		const struct db_cell *d = &res.cells[i * res.ncols +
		    MAILBOX_CHUNK_COL_DATA];

		memcpy(buf + len, d->s, d->len);
		len += d->len;
	}
	in->raw = buf;
	in->len = len;
	return 0;
}

/* 200, 401, 403, 404, 503 */
static int
mailbox_reprocess(struct ctx *c)
{
	struct mailbox_in	in;
	int			rc;

	memset(&in, 0, sizeof(in));
	in.id = c->ids[0];
	in.reprocess = 1;
	in.status = 200;
	if ((rc = mailbox_load(c, &in)) == -1)
		return ctx_db_error(c);
	if (rc == 1)
		return ctx_not_found(c, "message");
	return mailbox_process(c, &in) == 0 ? 200 : c->resp.status;
}

static int
mailbox_init(void)
{
	mime_init();
	return 0;
}

enum mailbox_route {
	ROUTE_MAILBOX_INBOUND,
	ROUTE_MAILBOX_LIST,
	ROUTE_MAILBOX_REPROCESS,
	ROUTE_MAILBOX_GET,
	ROUTE_ATTACHMENT_GET,
	ROUTE_OUTBOUND_LIST,
	ROUTE_OUTBOUND_RETRY,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_MAILBOX_INBOUND] = { REQ_POST, "/mailbox/inbound",
	    ACCESS_SERVICE, mailbox_inbound, .body = BODY_RAW,
	    .types = mailbox_types, .body_max = MIME_MESSAGE_MAX,
	    .service = "mail-gateway", .token_conf = "MSPHUB_MAILBOX_TOKEN" },
	[ROUTE_MAILBOX_LIST] = { REQ_GET, "/api/v1/mailbox/messages",
	    ACCESS_ADMIN, mailbox_list, ROUTE_QUERY(list_query) },
	[ROUTE_MAILBOX_REPROCESS] = { REQ_POST,
	    "/api/v1/mailbox/messages/{id}/reprocess", ACCESS_ADMIN,
	    mailbox_reprocess },
	[ROUTE_MAILBOX_GET] = { REQ_GET, "/api/v1/mailbox/messages/{id}",
	    ACCESS_ADMIN, mailbox_get },
	[ROUTE_ATTACHMENT_GET] = { REQ_GET, "/api/v1/attachments/{id}",
	    ACCESS_READ, mailbox_attach_get },
	[ROUTE_OUTBOUND_LIST] = { REQ_GET, "/api/v1/mailbox/outbound",
	    ACCESS_ADMIN, outbound_list, ROUTE_QUERY(outbound_query) },
	[ROUTE_OUTBOUND_RETRY] = { REQ_POST,
	    "/api/v1/mailbox/outbound/{id}/retry", ACCESS_ADMIN,
	    outbound_retry },
};

static const struct app mailbox_app = {
	.name = "mailbox", .routes = routes, .nroutes = ROUTE__MAX,
	.init = mailbox_init
};

int
main(int argc, char *argv[])
{
	return serve_main(&mailbox_app, argc, argv);
}
