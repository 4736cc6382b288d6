/*
 * libFuzzer harness for the ingest path without a database: lib/mime.c's
 * parse, then mail_classify.  A parse either fails with a sentence or
 * gives UTF-8 text within MIME_TEXT_MAX, at most MIME_PARTS_MAX parts and
 * attachments each with a type; the class is one of the enum's.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "field.h"
#include "mail_classify.h"
#include "mime.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	*arena;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mime_mail	 m;
	const char		*err;
	size_t			 i;

	if (arena == NULL && (arena = arena_new()) == NULL)
		abort();
	if (mime_parse(arena, (const char *)data, size, &m, &err) == -1) {
		if (err == NULL || *err == '\0')
			abort();
	} else {
		if (m.from == NULL || m.text == NULL ||
		    strlen(m.text) > MIME_TEXT_MAX ||
		    !field_utf8_valid(m.text, strlen(m.text)) ||
		    m.nparts > MIME_PARTS_MAX || m.natt > m.nparts)
			abort();
		for (i = 0; i < m.natt; i++)
			if (m.att[i].type == NULL)
				abort();
		if ((unsigned)mail_classify(&m) >= MAIL_CLASS__MAX)
			abort();
	}
	arena_reset(arena);
	return 0;
}
