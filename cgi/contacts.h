/*
 * cgi/contacts: a customer's contacts (K1, K2) and their CSV import and
 * export (K3).
 */
#ifndef CGI_CONTACTS_H
#define CGI_CONTACTS_H

#include <stdint.h>

#include "field.h"

struct ctx;
struct outcome;

#define CONTACTS_IMPORT_MAX	(5 * 1024 * 1024)	/* bytes of CSV */
#define CONTACTS_IMPORT_ROWS	10000

/* In the column order of CONTACT_RECORD_COLUMNS (lib/db_contact.h). */
enum contact_field {
	CONTACT_F_NAME,
	CONTACT_F_JOB_TITLE,
	CONTACT_F_EMAIL,
	CONTACT_F_PHONE,
	CONTACT_F_MOBILE,
	CONTACT_F_NOTES,
	CONTACT_F_STATUS,
	CONTACT_F_CUSTOMER_ID,	/* the owner: a change moves the contact */
	CONTACT_F__MAX
};

extern const struct field_spec contact_fields[CONTACT_F__MAX];

int	contact_save(struct ctx *, const char *const *, uint64_t, uint64_t,
	    const struct field_value *, struct outcome *);
int	contacts_import(struct ctx *);
int	contacts_export(struct ctx *);

#endif
