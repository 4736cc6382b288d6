/*
 * CSV as spreadsheet and mail programs write it (RFC 4180): records end
 * in CRLF, LF or CR; fields are separated by commas and may be quoted,
 * with "" for a quote and line breaks kept inside quotes.  A UTF-8 BOM at
 * the start is skipped; every field must be UTF-8 without NUL.  A
 * malformed record is reported with the line it starts on, and reading
 * goes on at the next record.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

struct arena;

#define CSV_FIELDS_MAX	64		/* fields in one record */
#define CSV_FIELD_MAX	(16 * 1024)	/* bytes in one field */

/* A reader over one buffer. */
struct csv {
	const char	*p, *end;
	size_t		 line;		/* the line p is on, from 1 */
};

struct csv_record {
	size_t		  line;		/* the line of the file it starts on */
	size_t		  nfields;
	const char	**fields;	/* NUL-terminated, in the arena */
	size_t		 *lens;
	const char	 *error;	/* why, when csv_next returned -1 */
};

void	 csv_open(struct csv *, const char *, size_t);
int	 csv_next(struct csv *, struct arena *, struct csv_record *);
char	*csv_field(struct arena *, const char *);

#endif
