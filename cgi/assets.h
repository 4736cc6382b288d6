/*
 * cgi/assets: a customer's assets (D4), owned or on location (D5), with
 * lifecycle indicators (D6), and their CSV import and export.
 */
#ifndef CGI_ASSETS_H
#define CGI_ASSETS_H

#include <stdint.h>

#include "field.h"

struct ctx;
struct outcome;

#define ASSETS_IMPORT_MAX	(5 * 1024 * 1024)	/* bytes of CSV */
#define ASSETS_IMPORT_ROWS	10000

/* In the column order of ASSET_RECORD_COLUMNS (lib/db_asset.h). */
enum asset_field {
	ASSET_F_NAME,
	ASSET_F_TYPE,
	ASSET_F_STATUS,
	ASSET_F_SERIAL,
	ASSET_F_PURCHASE_DATE,
	ASSET_F_WARRANTY_EXPIRY,
	ASSET_F_OS_NAME,
	ASSET_F_OS_VERSION,
	ASSET_F_NOTES,
	ASSET_F_FOLDER_ID,	/* the CSV columns end here */
	ASSET_F_CONTACT_ID,	/* a contact of the owner */
	ASSET_F_LOCATION_ID,	/* any customer's location */
	ASSET_F_CUSTOMER_ID,	/* the owner: the path's customer on create */
	ASSET_F__MAX
};

#define ASSET_F_CSV_MAX		ASSET_F_FOLDER_ID

enum asset_list_query {
	ASSET_Q_SCOPE,
	ASSET_Q_Q,
	ASSET_Q_STATUS,
	ASSET_Q_GROUP_BY,
	ASSET_Q_LIMIT,
	ASSET_Q_AFTER,
	ASSET_Q__MAX
};

extern const struct field_spec asset_fields[ASSET_F__MAX];
extern const struct field_spec asset_list_query[ASSET_Q__MAX];

int	asset_save(struct ctx *, const char *const *, uint64_t, uint64_t,
	    const struct field_value *, struct outcome *);
int	assets_list(struct ctx *);
int	assets_get(struct ctx *);
int	assets_create(struct ctx *);
int	assets_update(struct ctx *);
int	assets_delete(struct ctx *);
int	assets_import(struct ctx *);
int	assets_export(struct ctx *);
int	os_lifecycle_list(struct ctx *);

#endif
