#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "jsonx.h"
#include "log.h"
#include "resp.h"

struct resp_status {
	int		 code;
	const char	*text;
};

static const struct resp_status resp_statuses[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 204, "No Content" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 413, "Content Too Large" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 428, "Precondition Required" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 502, "Bad Gateway" },
	{ 503, "Service Unavailable" },
};

const char *
resp_status_text(int code)
{
	size_t	i;

	for (i = 0; i < sizeof(resp_statuses) / sizeof(resp_statuses[0]); i++)
		if (resp_statuses[i].code == code)
			return resp_statuses[i].text;
	return NULL;
}

int
resp_header(struct resp *r, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL)
		return log_err("resp_header: CR/LF refused in %s", name);
	if (r->nheaders == RESP_HEADERS_MAX)
		return log_err("resp_header: more than %d headers",
		    RESP_HEADERS_MAX);
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = value;
	r->nheaders++;
	return 0;
}

/* Serialises obj as the body; returns status for "return resp_json(...)". */
int
resp_json(struct resp *r, struct arena *a, int status, struct json_object *obj)
{
	size_t		 len;
	const char	*s;

	s = json_object_to_json_string_length(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	r->status = status;
	r->body = arena_strndup(a, s, len);
	r->body_len = len;
	return status;
}

int
resp_error_with(struct resp *r, struct arena *a, int status, const char *code,
    const char *message, const char *field, const char *extra_key,
    struct json_object *extra)
{
	struct json_object	*root = jsonx_object(a), *err;

	err = json_object_new_object();
	json_object_object_add(err, "code", json_object_new_string(code));
	json_object_object_add(err, "message", json_object_new_string(message));
	if (field != NULL)
		json_object_object_add(err, "field",
		    json_object_new_string(field));
	json_object_object_add(root, "error", err);
	if (extra_key != NULL && extra != NULL)
		json_object_object_add(root, extra_key, json_object_get(extra));
	return resp_json(r, a, status, root);
}

int
resp_error(struct resp *r, struct arena *a, int status, const char *code,
    const char *message, const char *field)
{
	return resp_error_with(r, a, status, code, message, field, NULL, NULL);
}

int
resp_empty(struct resp *r, int status)
{
	r->status = status;
	r->body = NULL;
	r->body_len = 0;
	r->npieces = 0;
	return status;
}

/* A body of another media type than JSON (a CSV export); not copied. */
int
resp_bytes(struct resp *r, int status, const char *type, const char *body,
    size_t len)
{
	r->status = status;
	r->type = type;
	r->body = body;
	r->body_len = len;
	return status;
}

/* A body in n pieces, written in turn; not copied. */
int
resp_pieces(struct resp *r, int status, const char *type,
    const struct resp_piece *p, size_t n)
{
	size_t	 i;

	r->status = status;
	r->type = type;
	r->body = NULL;
	r->pieces = p;
	r->npieces = n;
	for (r->body_len = 0, i = 0; i < n; i++)
		r->body_len += p[i].len;
	return status;
}

/* The CGI response head: Status, Content-Type, headers, blank line. */
char *
resp_head(const struct resp *r, struct arena *a, size_t *len)
{
	const char	*text = resp_status_text(r->status);
	char		*head;
	size_t		 i;

	if (text == NULL)
		text = "Unknown";
	head = arena_printf(a, "Status: %d %s\r\n", r->status, text);
	if (r->body != NULL || r->npieces > 0)
		head = arena_printf(a, "%sContent-Type: %s\r\n"
		    "Content-Length: %zu\r\n", head,
		    r->type ? r->type : "application/json", r->body_len);
	head = arena_printf(a, "%sCache-Control: no-store\r\n", head);
	for (i = 0; i < r->nheaders; i++)
		head = arena_printf(a, "%s%s: %s\r\n", head,
		    r->headers[i].name, r->headers[i].value);
	head = arena_printf(a, "%s\r\n", head);
	*len = strlen(head);
	return head;
}
