/*
 * cgi/assets: a customer's devices (D1, D2), their folders (D3), the
 * installer tokens agents enrol with (D7), and its assets (D4), owned or
 * on location (D5), with lifecycle indicators (D6) and their CSV import
 * and export.  assets.c holds the route table; the handlers live in
 * assets_devices.c, assets_folders.c, assets_enroll.c, assets_assets.c
 * and assets_csv.c.
 */
#ifndef CGI_ASSETS_H
#define CGI_ASSETS_H

#include <stdint.h>

#include "db_device.h"
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
/* In the column order of DEVICE_RECORD_COLUMNS (lib/db_device.h). */
enum device_field {
	DEVICE_F_NAME,
	DEVICE_F_MACHINE_NAME,
	DEVICE_F_TYPE,
	DEVICE_F_SNMP_TYPE,
	DEVICE_F_AVAILABILITY,
	DEVICE_F_OS_NAME,
	DEVICE_F_OS_VERSION,
	DEVICE_F_IP_ADDRESSES,
	DEVICE_F_SERIAL_NUMBER,
	DEVICE_F_LAST_USER,
	DEVICE_F_AGENT_VERSION,
	DEVICE_F_ALERTS_INFO,
	DEVICE_F_ALERTS_WARNING,
	DEVICE_F_ALERTS_CRITICAL,
	DEVICE_F_ALERT_CATEGORIES,
	DEVICE_F_PENDING_REBOOT,
	DEVICE_F_AVAILABLE_PATCHES,
	DEVICE_F_MONITORED,
	DEVICE_F_FAVOURITE,
	DEVICE_F_NOTES,
	DEVICE_F_FOLDER_ID,	/* a folder of the device's customer */
	DEVICE_F_CUSTOMER_ID,	/* the owner: a change moves the device */
	DEVICE_F__MAX
};

/* The specs devices and enrolments share. */
#define DEVICE_SPEC_NAME \
	{ "name", FIELD_TEXT, 0, 1, 200, NULL }
#define DEVICE_SPEC_MACHINE_NAME \
	{ "machine_name", FIELD_TEXT, FIELD_NULLABLE, 0, 255, NULL }
#define DEVICE_SPEC_TYPE \
	{ "type", FIELD_ENUM, 0, 0, 0, device_types }
#define DEVICE_SPEC_OS_NAME \
	{ "os_name", FIELD_TEXT, FIELD_NULLABLE, 0, 100, NULL }
#define DEVICE_SPEC_OS_VERSION \
	{ "os_version", FIELD_TEXT, FIELD_NULLABLE, 0, 100, NULL }
#define DEVICE_SPEC_IP_ADDRESSES \
	{ "ip_addresses", FIELD_TEXT, FIELD_NULLABLE, 0, 1000, NULL }
#define DEVICE_SPEC_SERIAL_NUMBER \
	{ "serial_number", FIELD_TEXT, FIELD_NULLABLE, 0, 100, NULL }
#define DEVICE_SPEC_LAST_USER \
	{ "last_user", FIELD_TEXT, FIELD_NULLABLE, 0, 200, NULL }
#define DEVICE_SPEC_AGENT_VERSION \
	{ "agent_version", FIELD_TEXT, FIELD_NULLABLE, 0, 50, NULL }

enum folder_field {
	FOLDER_F_NAME,
	FOLDER_F__MAX
};

enum token_field {
	TOKEN_F_LABEL,
	TOKEN_F_EXPIRES_IN_DAYS,
	TOKEN_F__MAX
};

/* What an agent sends to enrol: the token, then device fields. */
enum enroll_field {
	ENROLL_F_TOKEN,
	ENROLL_F_NAME,
	ENROLL_F_MACHINE_NAME,
	ENROLL_F_TYPE,
	ENROLL_F_OS_NAME,
	ENROLL_F_OS_VERSION,
	ENROLL_F_IP_ADDRESSES,
	ENROLL_F_SERIAL_NUMBER,
	ENROLL_F_LAST_USER,
	ENROLL_F_AGENT_VERSION,
	ENROLL_F__MAX
};

/* The query of the folder and token lists. */
enum page_q {
	PAGE_Q_LIMIT,
	PAGE_Q_AFTER,
	PAGE_Q__MAX
};

#define TOKEN_BYTES		32	/* 256 bits */
#define TOKEN_DAYS_DEFAULT	30
#define TOKEN_DAYS_MAX		365

extern const char *const device_types[];
extern const struct field_spec device_fields[DEVICE_F__MAX];
extern const struct field_spec device_query[DEVICE_Q__MAX];
extern const struct field_spec folder_fields[FOLDER_F__MAX];
extern const struct field_spec token_fields[TOKEN_F__MAX];
extern const struct field_spec enroll_fields[ENROLL_F__MAX];
extern const struct field_spec page_query[PAGE_Q__MAX];

struct json_object;

int	assets_event(struct ctx *, const char *, const char *, uint64_t,
	    uint64_t, const char *, struct json_object *);
int	device_save(struct ctx *, const char *const *, uint64_t, uint64_t,
	    const struct field_value *, struct outcome *);
int	device_reply(struct ctx *, int, uint64_t, uint64_t);

int	devices_list(struct ctx *);
int	devices_create(struct ctx *);
int	devices_get(struct ctx *);
int	devices_update(struct ctx *);
int	devices_delete(struct ctx *);
int	folders_list(struct ctx *);
int	folders_create(struct ctx *);
int	folders_get(struct ctx *);
int	folders_update(struct ctx *);
int	folders_delete(struct ctx *);
int	tokens_list(struct ctx *);
int	tokens_create(struct ctx *);
int	tokens_revoke(struct ctx *);
int	tokens_delete(struct ctx *);
int	enroll(struct ctx *);

#endif
