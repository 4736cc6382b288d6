/* ISO 3166-1 alpha-2 country codes (C1 and location addresses). */
#ifndef COUNTRY_H
#define COUNTRY_H

#define COUNTRY__MAX	249

struct country {
	const char	*code;		/* "DE" */
	const char	*name;		/* "Germany" */
};

extern const struct country countries[COUNTRY__MAX];

const struct country	*country_find(const char *);

#endif
