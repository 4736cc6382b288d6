#include "config.h"

#include "dispatch.h"
#include "outcome.h"

/* Records a refusal; returns -1 for "return outcome_fail(...)". */
int
outcome_fail(struct outcome *o, int status, const char *code,
    const char *message, const char *field)
{
	o->status = status;
	o->code = code;
	o->message = message;
	o->field = field;
	return -1;
}

/* The database failed: 503, the details are in the log. */
int
outcome_db_fail(struct outcome *o)
{
	return outcome_fail(o, 503, "service_unavailable",
	    "The database is unavailable; try again", NULL);
}

/* The refusal as the reply; a 503 is -1, so that ctx_tx may retry. */
int
outcome_reply(struct ctx *c, const struct outcome *o)
{
	if (o->status >= 500)
		return -1;
	return resp_error(&c->resp, c->arena, o->status, o->code, o->message,
	    o->field);
}
