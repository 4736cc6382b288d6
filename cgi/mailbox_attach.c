/*
 * cgi/mailbox_attach: a parsed mail's attachments and inline images are
 * stored in the transaction that marks it parsed (a reparse replaces
 * them), and GET /api/v1/attachments/{id} serves one to signed-in users
 * as a download that a browser never renders as a page of ours: only
 * raster images, PDF and plain text keep their type, only raster images
 * may be inline, and a sandbox CSP and nosniff go with every one.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/sha.h>

#include "arena.h"
#include "db.h"
#include "db_attachment.h"
#include "dispatch.h"
#include "log.h"
#include "mailbox_attach.h"
#include "mime.h"

/* Types served as themselves; anything else is application/octet-stream. */
struct attach_type {
	const char	*type;
	int		 raster;	/* may be shown inline */
};

static const struct attach_type attach_types[] = {
	{ "image/png", 1 },
	{ "image/jpeg", 1 },
	{ "image/gif", 1 },
	{ "image/webp", 1 },
	{ "image/bmp", 1 },
	{ "application/pdf", 0 },
	{ "text/plain", 0 },
	{ NULL, 0 }
};

/* Bytes of a stored media type ("type/subtype", lowercase). */
static const char attach_type_chars[] =
    "abcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-/";

/* RFC 5987 attr-char: kept as they are in filename*. */
static const char attach_attr_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "!#$&+-.^_`|~";

static const struct attach_type *
attach_type_of(const char *type)
{
	const struct attach_type	*t;

	for (t = attach_types; t->type != NULL; t++)
		if (strcmp(t->type, type) == 0)
			return t;
	return NULL;
}

/*
 * The file name as stored: no directory, control characters as "_", at
 * most ATTACH_NAME_MAX bytes ending on a character; NULL when empty.
 * mime_parse gives valid UTF-8.
 */
static const char *
attach_name(struct arena *a, const char *name)
{
	const char	*p;
	char		*out;
	size_t		 i, len;

	if (name == NULL)
		return NULL;
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	if ((len = strlen(name)) > ATTACH_NAME_MAX)
		for (len = ATTACH_NAME_MAX; len > 0 &&
		    ((unsigned char)name[len] & 0xc0) == 0x80; len--)
			continue;
	if (len == 0)
		return NULL;
	out = arena_strndup(a, name, len);
	for (i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '_';
	return out;
}

/* The media type as stored: lowercase, else application/octet-stream. */
static const char *
attach_type(struct arena *a, const char *type)
{
	char	*t;
	size_t	 i, len = strlen(type);

	if (len == 0 || len > ATTACH_TYPE_MAX)
		return "application/octet-stream";
	t = arena_strdup(a, type);
	for (i = 0; i < len; i++)
		t[i] = (char)tolower((unsigned char)t[i]);
	return strspn(t, attach_type_chars) == len && strchr(t, '/') != NULL ?
	    t : "application/octet-stream";
}

/* A Content-ID kept only when it is short printable ASCII. */
static const char *
attach_cid(const char *cid)
{
	size_t	 i;

	if (cid == NULL || strlen(cid) > ATTACH_CID_MAX)
		return NULL;
	for (i = 0; cid[i] != '\0'; i++)
		if (cid[i] < 0x21 || cid[i] > 0x7e)
			return NULL;
	return i > 0 ? cid : NULL;
}

static int
attach_insert(struct ctx *c, uint64_t message, size_t pos,
    const struct mime_attachment *at)
{
	struct db_res	 res;
	unsigned char	 sha[SHA256_DIGEST_LENGTH];
	uint64_t	 id;
	size_t		 off, n;
	unsigned	 seq;

	SHA256((const unsigned char *)at->data, at->size, sha);
	if (DB_EXEC(c->db, c->arena, &attachment_sql[ATTACHMENT_SQL_INSERT],
	    &res, db_u64(message), db_u64(pos),
	    db_str(attach_name(c->arena, at->name)),
	    db_str(attach_type(c->arena, at->type)),
	    db_str(attach_cid(at->content_id)), db_i64(at->is_inline != 0),
	    db_u64(at->size), db_blob(sha, sizeof(sha))) == -1)
		return -1;
	id = res.insert_id;
	for (off = 0, seq = 0; off < at->size || seq == 0; off += n, seq++) {
		n = at->size - off > ATTACHMENT_CHUNK_MAX ?
		    ATTACHMENT_CHUNK_MAX : at->size - off;
		if (DB_EXEC(c->db, c->arena,
		    &attachment_sql[ATTACHMENT_SQL_CHUNK_INSERT], NULL,
		    db_u64(id), db_u64(seq), db_blob(at->data + off, n)) == -1)
			return -1;
	}
	return 0;
}

/*
 * Replaces the stored attachments of inbound message id with m's, in
 * the caller's transaction; 0 or -1.
 */
int
mailbox_attach_store(struct ctx *c, uint64_t id, const struct mime_mail *m)
{
	size_t	 i, n = m->natt;

	if (DB_EXEC(c->db, c->arena, &attachment_sql[ATTACHMENT_SQL_DELETE],
	    NULL, db_u64(id)) == -1)
		return -1;
	if (n > ATTACH_COUNT_MAX) {
		log_info("mailbox: message %llu: %zu attachments, first %d "
		    "kept", (unsigned long long)id, n, ATTACH_COUNT_MAX);
		n = ATTACH_COUNT_MAX;
	}
	for (i = 0; i < n; i++)
		if (attach_insert(c, id, i, &m->att[i]) == -1)
			return -1;
	return 0;
}

/*
 * RFC 6266: an ASCII filename (other characters as "_", no quote or
 * backslash) and the UTF-8 one in RFC 5987's filename*.
 */
static const char *
attach_disposition(struct arena *a, const char *how, const char *name)
{
	char	*ascii, *pct, *q;
	size_t	 i;

	if (name == NULL)
		name = "attachment";
	q = ascii = arena_alloc(a, strlen(name) + 1);
	for (i = 0; name[i] != '\0'; i++) {
		if (((unsigned char)name[i] & 0xc0) == 0x80)
			continue;
		*q++ = (unsigned char)name[i] < 0x20 ||
		    (unsigned char)name[i] > 0x7e || name[i] == '"' ||
		    name[i] == '\\' || name[i] == '%' ? '_' : name[i];
	}
	*q = '\0';
	q = pct = arena_alloc(a, strlen(name) * 3 + 1);
	for (i = 0; name[i] != '\0'; i++) {
		if (strchr(attach_attr_chars, name[i]) != NULL)
			*q++ = name[i];
		else {
			(void)snprintf(q, 4, "%%%02X", (unsigned char)name[i]);
			q += 3;
		}
	}
	*q = '\0';
	return arena_printf(a, "%s; filename=\"%s\"; filename*=UTF-8''%s",
	    how, ascii, pct);
}

/* 200, 401, 404, 503 */
int
mailbox_attach_get(struct ctx *c)
{
	const struct attach_type	*t;
	struct resp_piece		*p;
	struct db_res			 meta, res;
	size_t				 i;
	int				 inl;

	if (DB_EXEC(c->db, c->arena, &attachment_sql[ATTACHMENT_SQL_GET],
	    &meta, db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	if (meta.nrows == 0)
		return ctx_not_found(c, "attachment");
	if (DB_EXEC(c->db, c->arena, &attachment_sql[ATTACHMENT_SQL_CHUNKS],
	    &res, db_u64(c->ids[0])) == -1)
		return ctx_db_error(c);
	t = attach_type_of(db_get(&meta, 0, ATTACHMENT_COL_CONTENT_TYPE));
	inl = t != NULL && t->raster &&
	    db_get_u64(&meta, 0, ATTACHMENT_COL_IS_INLINE) != 0;
	p = arena_calloc(c->arena, res.nrows > 0 ? res.nrows : 1, sizeof(*p));
	p[0].s = "";
	for (i = 0; i < res.nrows; i++) {
		p[i].s = res.cells[i * res.ncols + ATTACHMENT_CHUNK_COL_DATA].s;
		p[i].len = res.cells[i * res.ncols +
		    ATTACHMENT_CHUNK_COL_DATA].len;
	}
	if (resp_header(&c->resp, "Content-Disposition", attach_disposition(
	    c->arena, inl ? "inline" : "attachment", db_get(&meta, 0,
	    ATTACHMENT_COL_FILENAME))) == -1 ||
	    resp_header(&c->resp, "X-Content-Type-Options", "nosniff") == -1 ||
	    resp_header(&c->resp, "Content-Security-Policy", "sandbox") == -1)
		return ctx_error(c, 500, "internal", "Internal error");
	return resp_pieces(&c->resp, 200, t != NULL ? t->type :
	    "application/octet-stream", p, res.nrows > 0 ? res.nrows : 1);
}
