/*
 * CSV as spreadsheet programs write it (RFC 4180): a reader over one
 * buffer that hands out one record at a time, and the quoting of one
 * field for output.  Records end in CRLF, LF or a lone CR; a quoted
 * field may hold commas, doubled quotes and line ends.  Every field is
 * valid UTF-8 without NUL bytes.  A malformed record is reported with
 * the line it starts on and skipped, so an import can name every bad
 * row and keep the good ones.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

struct arena;

#define CSV_FIELDS_MAX	64		/* fields in one record */
#define CSV_FIELD_MAX	(16 * 1024)	/* bytes in one field */

struct csv {				/* a reader over one buffer */
	const char	*p, *end;
	size_t		 line;		/* line the next record starts on, from 1 */
};

struct csv_record {
	size_t		  line;		/* line of the file the record starts on */
	size_t		  nfields;
	const char	**fields;	/* NUL-terminated, in the arena */
	size_t		 *lens;
	const char	 *error;	/* set when csv_next returned -1 */
};

void	 csv_open(struct csv *, const char *, size_t);	/* skips a UTF-8 BOM */

/*
 * 1 a record, 0 the end, -1 a malformed record: error says why, line
 * says where it started, and the reader has moved past it (to the start
 * of the next line outside quotes; for a quote never closed, the line
 * after the one it opened on) so the caller can go on with the next.
 */
int	 csv_next(struct csv *, struct arena *, struct csv_record *);

/*
 * One field for output: quoted when it holds , " CR or LF (or leading
 * or trailing white space, or a leading BOM), quotes doubled; a leading = + - @ tab or CR
 * is prefixed with ' so a spreadsheet does not run it as a formula
 * (OWASP CSV injection).
 */
char	*csv_field(struct arena *, const char *);

#endif
