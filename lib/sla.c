/*
 * SLA clocks (T1), computed when a ticket is read.
 *
 * A target of N minutes is due N minutes after the ticket was created,
 * counting only business hours when the policy has them: the clock runs
 * from start to end minute of each listed weekday, in the policy's IANA
 * zone, and stops over nights, weekends and unlisted days.  A ticket
 * created outside business hours starts its clock when they next begin.
 *
 * Time zones: the system's tz database through TZ, tzset(3), mktime(3)
 * and localtime_r(3), so daylight saving time and the zone's history are
 * the database's.  Each computation sets TZ to the policy's zone and puts
 * the previous value back; workers are single-threaded, and nothing else
 * in msphub reads local time.  Limits: a zone is valid when its TZif file
 * is in SLA_TZDIR (glibc silently takes UTC for an unknown name, so this
 * is checked when a policy is written); a business window is one span a
 * day (no lunch break, no holidays); a start in the hour that a DST
 * change skips is moved by mktime's normalisation (an hour on).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sla.h"

#define SLA_TZDIR	"/usr/share/zoneinfo"

const char *const sla_states[SLA__MAX + 1] = {
	"running",	/* SLA_RUNNING */
	"met",		/* SLA_MET */
	"breached",	/* SLA_BREACHED */
	NULL
};

/* Bit i of sla_hours.days; MariaDB's SET gives them in this order. */
const char *const sla_day_names[7 + 1] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL
};

/*
 * 1 when zone names a TZif file of the tz database: letters, digits and
 * "/_+-" only, no "..", no leading "/".
 */
int
sla_zone_valid(const char *zone)
{
	char		 path[sizeof(SLA_TZDIR) + SLA_ZONE_MAX + 1];
	char		 magic[4];
	const char	*p;
	FILE		*f;
	size_t		 n;

	if (zone == NULL || *zone == '\0' || *zone == '/' ||
	    strlen(zone) >= SLA_ZONE_MAX || strstr(zone, "..") != NULL)
		return 0;
	for (p = zone; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("/_+-", *p) == NULL)
			return 0;
	snprintf(path, sizeof(path), "%s/%s", SLA_TZDIR, zone);
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	return n == sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
}

/*
 * "mon,tue,..." (MariaDB SET text; "" none) to a bit mask of days.
 * 0, or -1 on an unknown or repeated name.
 */
int
sla_days_parse(const char *s, int *days)
{
	size_t	 i, len;

	*days = 0;
	while (*s != '\0') {
		len = strcspn(s, ",");
		for (i = 0; sla_day_names[i] != NULL; i++)
			if (strlen(sla_day_names[i]) == len &&
			    strncmp(sla_day_names[i], s, len) == 0)
				break;
		if (sla_day_names[i] == NULL || (*days & (1 << i)))
			return -1;
		*days |= 1 << i;
		s += len;
		if (*s == ',' && *++s == '\0')
			return -1;
	}
	return 0;
}

/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" (UTC, as the SQL gives it): 0 or -1. */
int
sla_time_parse(const char *s, time_t *t)
{
	struct tm	 tm;
	const char	*end;
	int		 n = 0;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
	    &n) != 6 || n == 0)
		return -1;
	end = s + n;
	if (*end == '.')
		while (isdigit((unsigned char)*++end))
			continue;
	if (strcmp(end, "Z") != 0)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}

void
sla_time_format(time_t t, char *buf, size_t size)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Sets TZ to zone, keeping the old value in saved: 0, or -1. */
static int
sla_zone_enter(const char *zone, char *saved, size_t size, int *had)
{
	const char	*old = getenv("TZ");

	if ((*had = old != NULL) &&
	    (size_t)snprintf(saved, size, "%s", old) >= size)
		return -1;
	if (setenv("TZ", zone, 1) == -1)
		return -1;
	tzset();
	return 0;
}

static void
sla_zone_leave(const char *saved, int had)
{
	if (had)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
}

/*
 * The instant of minute `minute` after local midnight of the local date
 * (y, m, d), d possibly past the month's end; *wday its weekday (0
 * Monday).  TZ must be the zone.
 */
static time_t
sla_local(int y, int m, int d, int minute, int *wday)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y;
	tm.tm_mon = m;
	tm.tm_mday = d;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (wday != NULL)
		*wday = (tm.tm_wday + 6) % 7;
	return t;
}

/* The business-hours walk, TZ set: 0 with *due, or -1. */
static int
sla_walk(time_t start, long long seconds, const struct sla_hours *h,
    time_t *due)
{
	struct tm	lt;
	time_t		ws, we, from;
	int		day, wday;

	localtime_r(&start, &lt);
	for (day = 0; day < SLA_DAYS_MAX; day++) {
		ws = sla_local(lt.tm_year, lt.tm_mon, lt.tm_mday + day,
		    h->start, &wday);
		if (!(h->days & (1 << wday)))
			continue;
		we = sla_local(lt.tm_year, lt.tm_mon, lt.tm_mday + day,
		    h->end, NULL);
		if (ws == (time_t)-1 || we == (time_t)-1)
			return -1;
		if (we <= start)
			continue;
		from = ws > start ? ws : start;
		if (seconds <= we - from) {
			*due = from + seconds;
			return 0;
		}
		seconds -= we - from;
	}
	return -1;
}

/*
 * The due time of a target of minutes from start: 24x7 without business
 * hours (h NULL or no days), else counting business minutes only.
 * 0 with *due, or -1 (a bad zone or window, or none within
 * SLA_DAYS_MAX days).
 */
int
sla_due(time_t start, long long minutes, const struct sla_hours *h,
    time_t *due)
{
	char	saved[SLA_ZONE_MAX * 4];
	int	had, rc;

	if (minutes < 0 || minutes > SLA_TARGET_MAX)
		return -1;
	if (h == NULL || h->days == 0) {
		*due = start + (time_t)minutes * 60;
		return 0;
	}
	if (h->start < 0 || h->end <= h->start || h->end > SLA_DAY_MINUTES ||
	    !sla_zone_valid(h->zone) ||
	    sla_zone_enter(h->zone, saved, sizeof(saved), &had) == -1)
		return -1;
	rc = sla_walk(start, minutes * 60, h, due);
	sla_zone_leave(saved, had);
	return rc;
}

/*
 * A target's clock: due from start, met or breached once done (0: not
 * done), else running until due and breached after, with the minutes
 * left (rounded up) or overdue (negative, rounded down) at now.
 * 0, or -1 as sla_due.
 */
int
sla_clock(time_t start, long long minutes, const struct sla_hours *h,
    time_t done, time_t now, struct sla_clock *out)
{
	memset(out, 0, sizeof(*out));
	if (sla_due(start, minutes, h, &out->due) == -1)
		return -1;
	if (done != 0) {
		out->state = done <= out->due ? SLA_MET : SLA_BREACHED;
		return 0;
	}
	out->running = 1;
	if (now < out->due) {
		out->state = SLA_RUNNING;
		out->minutes_left = (out->due - now + 59) / 60;
	} else {
		out->state = SLA_BREACHED;
		out->minutes_left = -((now - out->due) / 60);
	}
	return 0;
}
