/*
 * A table of records in CSV (K3's rules, for contacts, assets, ...): the
 * import maps the header row by name, takes each row in its own
 * transaction (a bad row never costs the good ones) and names every
 * rejected row by its line in the file (the header is line 1); the
 * export writes UTF-8 with a BOM and CRLF, as spreadsheet programs read
 * it, under a header the import maps back.  What differs per table is
 * in struct csv_table.
 */
#ifndef CSV_TABLE_H
#define CSV_TABLE_H

#include <stddef.h>

struct arena;
struct csv_record;
struct ctx;
struct db_res;
struct field_spec;
struct field_value;
struct json_object;
struct outcome;

#define CSV_TABLE_COLUMNS_MAX	32	/* columns a table maps */

/* A header name, lower-cased without spaces, - and _, and its column. */
struct csv_header {
	const char	*name;
	int		 column;
};

/* What the header row says: the column of each field, -1 if none. */
struct csv_map {
	int			 at[CSV_TABLE_COLUMNS_MAX];
	struct json_object	*ignored;	/* header names not used */
};

/* One row's values, for the table's save function (run by db_tx). */
struct csv_row {
	struct ctx			*c;
	const struct field_value	*in;
	struct outcome			*o;
};

struct csv_table {
	const char		*name;		/* export file: NAME-ID.csv */
	const struct csv_header	*headers;
	size_t			 nheaders;
	size_t			 ncolumns;	/* columns of the map */
	size_t			 nfields;	/* values of a row */
	size_t			 rows_max;
	const char		*export_header;	/* ends in CRLF */
	/* 0, or the reply when the header lacks a column rows need */
	int	(*header)(struct ctx *, const struct csv_map *);
	/* 1 values, 0 nothing in the row (skipped), -1 refused with o */
	int	(*values)(struct arena *, const struct csv_record *,
		    const struct csv_map *, struct field_value *,
		    struct outcome *);
	/* one row in its transaction: 0, 400..499 refused, -1 */
	int	(*save)(void *);
};

int		 csv_table_import(struct ctx *, const struct csv_table *);
int		 csv_table_export(struct ctx *, const struct csv_table *,
		    const struct db_res *, size_t);
const char	*csv_table_cell(struct arena *, const struct csv_record *,
		    const struct csv_map *, int);
int		 csv_table_value(struct arena *, const struct field_spec *,
		    const char *, struct field_value *, struct outcome *);
int		 csv_table_save(struct csv_row *, int);

#endif
