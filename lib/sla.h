/*
 * SLA clocks (T1): due times and time left for a ticket's first
 * response and resolution, computed when the ticket is read from its
 * policy's target, optional business hours in an IANA time zone, and
 * the request's now.  Pure: no database, no I/O but the tz database.
 */
#ifndef SLA_H
#define SLA_H

#include <time.h>

#define SLA_ZONE_MAX		64	/* bytes of an IANA zone name */
#define SLA_DAY_MINUTES		(24 * 60)
#define SLA_TARGET_MAX		(366 * SLA_DAY_MINUTES)	/* of one target */
#define SLA_DAYS_MAX		3700	/* calendar days walked for a due time */
#define SLA_TIME_MAX		sizeof("2026-01-01T00:00:00Z")

enum sla_state {
	SLA_RUNNING,		/* not done, not yet due */
	SLA_MET,		/* done by the due time */
	SLA_BREACHED,		/* done late, or still open past due */
	SLA__MAX
};

/* Business hours; days 0: none, the clock runs 24x7. */
struct sla_hours {
	int		 days;		/* bit 0 Monday .. bit 6 Sunday */
	int		 start;		/* minutes after local midnight */
	int		 end;		/* after start, at most a day */
	const char	*zone;		/* IANA name, e.g. Europe/Berlin */
};

struct sla_clock {
	time_t		 due;
	enum sla_state	 state;
	int		 running;	/* not done: minutes_left applies */
	long long	 minutes_left;	/* negative: overdue by that much */
};

extern const char *const sla_states[SLA__MAX + 1];
extern const char *const sla_day_names[7 + 1];

int	sla_zone_valid(const char *);
int	sla_days_parse(const char *, int *);
int	sla_time_parse(const char *, time_t *);
void	sla_time_format(time_t, char *, size_t);
int	sla_due(time_t, long long, const struct sla_hours *, time_t *);
int	sla_clock(time_t, long long, const struct sla_hours *, time_t,
	    time_t, struct sla_clock *);

#endif
