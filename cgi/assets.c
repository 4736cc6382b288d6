/*
 * cgi/assets: the route table of devices (D1-D3), folders (D3),
 * installer tokens and enrolment (D7), and assets (D4-D6).  The handlers
 * are in assets_devices.c, assets_folders.c, assets_enroll.c,
 * assets_assets.c and assets_csv.c.
 */
#include "config.h"

#include "dispatch.h"
#include "serve.h"

#include "assets.h"

static const char *const csv_types[] = { "text/csv", NULL };

enum assets_route {
	ROUTE_DEVICES_LIST,
	ROUTE_DEVICES_CREATE,
	ROUTE_DEVICES_GET,
	ROUTE_DEVICES_UPDATE,
	ROUTE_DEVICES_DELETE,
	ROUTE_FOLDERS_LIST,
	ROUTE_FOLDERS_CREATE,
	ROUTE_FOLDERS_GET,
	ROUTE_FOLDERS_UPDATE,
	ROUTE_FOLDERS_DELETE,
	ROUTE_TOKENS_LIST,
	ROUTE_TOKENS_CREATE,
	ROUTE_TOKENS_REVOKE,
	ROUTE_TOKENS_DELETE,
	ROUTE_ENROLL,
	ROUTE_ASSETS_LIST,
	ROUTE_ASSETS_CREATE,
	ROUTE_ASSETS_IMPORT,
	ROUTE_ASSETS_EXPORT,
	ROUTE_ASSETS_GET,
	ROUTE_ASSETS_UPDATE,
	ROUTE_ASSETS_DELETE,
	ROUTE_OS_LIFECYCLE_LIST,
	ROUTE__MAX
};

#define DEVICES	"/api/v1/customers/{id}/devices"
#define FOLDERS	"/api/v1/customers/{id}/folders"
#define TOKENS	"/api/v1/customers/{id}/installer-tokens"
#define ASSETS	"/api/v1/customers/{id}/assets"

static const struct route routes[ROUTE__MAX] = {
	[ROUTE_DEVICES_LIST] = { REQ_GET, DEVICES, ACCESS_READ,
	    devices_list, ROUTE_QUERY(device_query) },
	[ROUTE_DEVICES_CREATE] = { REQ_POST, DEVICES, ACCESS_WRITE,
	    devices_create, .body = BODY_OBJECT, ROUTE_FIELDS(device_fields),
	    .required = ROUTE_BIT(DEVICE_F_NAME) },
	[ROUTE_DEVICES_GET] = { REQ_GET, DEVICES "/{id}", ACCESS_READ,
	    devices_get },
	[ROUTE_DEVICES_UPDATE] = { REQ_PATCH, DEVICES "/{id}", ACCESS_WRITE,
	    devices_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(device_fields) },
	[ROUTE_DEVICES_DELETE] = { REQ_DELETE, DEVICES "/{id}", ACCESS_WRITE,
	    devices_delete },
	[ROUTE_FOLDERS_LIST] = { REQ_GET, FOLDERS, ACCESS_READ,
	    folders_list, ROUTE_QUERY(page_query) },
	[ROUTE_FOLDERS_CREATE] = { REQ_POST, FOLDERS, ACCESS_WRITE,
	    folders_create, .body = BODY_OBJECT, ROUTE_FIELDS(folder_fields),
	    .required = ROUTE_BIT(FOLDER_F_NAME) },
	[ROUTE_FOLDERS_GET] = { REQ_GET, FOLDERS "/{id}", ACCESS_READ,
	    folders_get },
	[ROUTE_FOLDERS_UPDATE] = { REQ_PATCH, FOLDERS "/{id}", ACCESS_WRITE,
	    folders_update, .body = BODY_OBJECT,
	    ROUTE_FIELDS(folder_fields) },
	[ROUTE_FOLDERS_DELETE] = { REQ_DELETE, FOLDERS "/{id}", ACCESS_WRITE,
	    folders_delete },
	[ROUTE_TOKENS_LIST] = { REQ_GET, TOKENS, ACCESS_WRITE,
	    tokens_list, ROUTE_QUERY(page_query) },
	[ROUTE_TOKENS_CREATE] = { REQ_POST, TOKENS, ACCESS_WRITE,
	    tokens_create, .body = BODY_OBJECT, ROUTE_FIELDS(token_fields),
	    .required = ROUTE_BIT(TOKEN_F_LABEL) },
	[ROUTE_TOKENS_REVOKE] = { REQ_POST, TOKENS "/{id}/revoke",
	    ACCESS_WRITE, tokens_revoke },
	[ROUTE_TOKENS_DELETE] = { REQ_DELETE, TOKENS "/{id}", ACCESS_WRITE,
	    tokens_delete },
	[ROUTE_ENROLL] = { REQ_POST, "/api/v1/enroll", ACCESS_PUBLIC,
	    enroll, .body = BODY_OBJECT, ROUTE_FIELDS(enroll_fields),
	    .required = ROUTE_BIT(ENROLL_F_TOKEN) | ROUTE_BIT(ENROLL_F_NAME) },
	[ROUTE_ASSETS_LIST] = { REQ_GET, ASSETS, ACCESS_READ, assets_list,
	    ROUTE_QUERY(asset_list_query) },
	[ROUTE_ASSETS_CREATE] = { REQ_POST, ASSETS, ACCESS_WRITE,
	    assets_create, .body = BODY_OBJECT, ROUTE_FIELDS(asset_fields),
	    .required = ROUTE_BIT(ASSET_F_NAME) },
	[ROUTE_ASSETS_IMPORT] = { REQ_POST, ASSETS "/import", ACCESS_WRITE,
	    assets_import, .body = BODY_RAW, .types = csv_types,
	    .body_max = ASSETS_IMPORT_MAX },
	[ROUTE_ASSETS_EXPORT] = { REQ_GET, ASSETS "/export", ACCESS_READ,
	    assets_export },
	[ROUTE_ASSETS_GET] = { REQ_GET, ASSETS "/{id}", ACCESS_READ,
	    assets_get },
	[ROUTE_ASSETS_UPDATE] = { REQ_PATCH, ASSETS "/{id}", ACCESS_WRITE,
	    assets_update, .body = BODY_OBJECT, ROUTE_FIELDS(asset_fields) },
	[ROUTE_ASSETS_DELETE] = { REQ_DELETE, ASSETS "/{id}", ACCESS_WRITE,
	    assets_delete },
	[ROUTE_OS_LIFECYCLE_LIST] = { REQ_GET, "/api/v1/os-lifecycle",
	    ACCESS_READ, os_lifecycle_list },
};

static const struct app assets_app = {
	.name = "assets", .routes = routes, .nroutes = ROUTE__MAX
};

int
main(int argc, char *argv[])
{
	return serve_main(&assets_app, argc, argv);
}
