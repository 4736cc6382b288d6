/* Unit tests for lib/sla.c: due times, business hours, states. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <check.h>

#include "unit.h"

#include "sla.h"

#define WEEKDAYS	0x1f			/* Monday to Friday */
#define EVERY_DAY	0x7f

static const struct sla_hours berlin = {
	WEEKDAYS, 9 * 60, 17 * 60, "Europe/Berlin"
};
static const struct sla_hours berlin_always = {
	EVERY_DAY, 0, SLA_DAY_MINUTES, "Europe/Berlin"
};
static const struct sla_hours new_york = {
	WEEKDAYS, 8 * 60, 18 * 60, "America/New_York"
};

static const struct {
	const char		*name;
	const struct sla_hours	*hours;		/* NULL: 24x7 */
	const char		*created;
	long long		 minutes;
	const char		*done;		/* NULL: not done */
	const char		*now;
	const char		*due;
	enum sla_state		 state;
	long long		 left;		/* when not done */
} cases[] = {
	{ "24x7 running", NULL, "2026-03-02T10:00:00.123456Z", 240, NULL,
	  "2026-03-02T12:00:00Z", "2026-03-02T14:00:00Z", SLA_RUNNING, 120 },
	{ "24x7 over a weekend", NULL, "2026-03-06T22:00:00Z", 48 * 60,
	  NULL, "2026-03-07T22:00:30Z", "2026-03-08T22:00:00Z", SLA_RUNNING,
	  1440 },
	{ "24x7 met", NULL, "2026-03-02T10:00:00Z", 60,
	  "2026-03-02T10:30:00Z", "2026-03-02T12:00:00Z",
	  "2026-03-02T11:00:00Z", SLA_MET, 0 },
	{ "24x7 met on the minute", NULL, "2026-03-02T10:00:00Z", 60,
	  "2026-03-02T11:00:00Z", "2026-03-09T12:00:00Z",
	  "2026-03-02T11:00:00Z", SLA_MET, 0 },
	{ "24x7 done late", NULL, "2026-03-02T10:00:00Z", 60,
	  "2026-03-02T11:30:00Z", "2026-03-02T12:00:00Z",
	  "2026-03-02T11:00:00Z", SLA_BREACHED, 0 },
	{ "24x7 open past due", NULL, "2026-03-02T10:00:00Z", 60, NULL,
	  "2026-03-02T12:00:59Z", "2026-03-02T11:00:00Z", SLA_BREACHED,
	  -60 },
	{ "24x7 seconds left round up", NULL, "2026-03-02T10:00:00Z", 60,
	  NULL, "2026-03-02T10:59:30Z", "2026-03-02T11:00:00Z",
	  SLA_RUNNING, 1 },
	/* Friday 15:00 CET: two hours on Friday, two on Monday. */
	{ "business hours across a weekend", &berlin,
	  "2026-03-06T14:00:00Z", 240, NULL, "2026-03-07T12:00:00Z",
	  "2026-03-09T10:00:00Z", SLA_RUNNING, 46 * 60 },
	{ "created on a Saturday", &berlin, "2026-03-07T12:00:00Z", 60,
	  NULL, "2026-03-07T12:00:00Z", "2026-03-09T09:00:00Z", SLA_RUNNING,
	  45 * 60 },
	{ "created before the day starts", &berlin, "2026-03-10T05:00:00Z",
	  30, NULL, "2026-03-10T05:00:00Z", "2026-03-10T08:30:00Z",
	  SLA_RUNNING, 210 },
	{ "created after the day ends", &berlin, "2026-03-10T19:00:00Z",
	  30, NULL, "2026-03-10T19:00:00Z", "2026-03-11T08:30:00Z",
	  SLA_RUNNING, 810 },
	{ "more than a business day", &berlin, "2026-03-09T08:00:00Z",
	  3 * 480, NULL, "2026-03-09T08:00:00Z", "2026-03-11T16:00:00Z",
	  SLA_RUNNING, 56 * 60 },
	/* CET Friday, CEST Monday: 09:00 is 08:00Z, then 07:00Z. */
	{ "DST begins over the weekend", &berlin, "2026-03-27T15:00:00Z",
	  120, NULL, "2026-03-27T15:00:00Z", "2026-03-30T08:00:00Z",
	  SLA_RUNNING, 65 * 60 },
	{ "DST ends over the weekend", &berlin, "2026-10-23T14:00:00Z",
	  120, NULL, "2026-10-23T14:00:00Z", "2026-10-26T09:00:00Z",
	  SLA_RUNNING, 67 * 60 },
	/* Every hour of every day: the 23-hour Sunday is 23 hours. */
	{ "DST day with all hours", &berlin_always, "2026-03-28T12:00:00Z",
	  24 * 60, NULL, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z",
	  SLA_RUNNING, 24 * 60 },
	{ "business hours met", &berlin, "2026-03-06T14:00:00Z", 240,
	  "2026-03-09T09:59:00Z", "2026-03-10T12:00:00Z",
	  "2026-03-09T10:00:00Z", SLA_MET, 0 },
	{ "business hours breached", &berlin, "2026-03-06T14:00:00Z", 240,
	  NULL, "2026-03-09T12:00:00Z", "2026-03-09T10:00:00Z",
	  SLA_BREACHED, -120 },
	/* Friday 18:30 EST; Monday 08:00 is EDT. */
	{ "another zone and its DST", &new_york, "2026-03-06T23:30:00Z", 60,
	  NULL, "2026-03-06T23:30:00Z", "2026-03-09T13:00:00Z", SLA_RUNNING,
	  3690 },
};

START_TEST(test_cases)
{
	struct sla_clock	 k;
	time_t			 created, done = 0, now;
	char			 due[SLA_TIME_MAX];

	ck_assert_int_eq(sla_time_parse(cases[_i].created, &created), 0);
	ck_assert_int_eq(sla_time_parse(cases[_i].now, &now), 0);
	if (cases[_i].done != NULL)
		ck_assert_int_eq(sla_time_parse(cases[_i].done, &done), 0);
	ck_assert_msg(sla_clock(created, cases[_i].minutes, cases[_i].hours,
	    done, now, &k) == 0, "%s", cases[_i].name);
	sla_time_format(k.due, due, sizeof(due));
	ck_assert_msg(strcmp(due, cases[_i].due) == 0, "%s: due %s",
	    cases[_i].name, due);
	ck_assert_msg(k.state == cases[_i].state, "%s: %s", cases[_i].name,
	    sla_states[k.state]);
	ck_assert_int_eq(k.running, cases[_i].done == NULL);
	if (k.running)
		ck_assert_msg(k.minutes_left == cases[_i].left,
		    "%s: %lld left", cases[_i].name, k.minutes_left);
	/* The zone is put back: TZ is unset again. */
	ck_assert_ptr_null(getenv("TZ"));
}
END_TEST

START_TEST(test_refused)
{
	struct sla_hours	h = berlin;
	time_t			due;

	ck_assert_int_eq(sla_due(0, -1, NULL, &due), -1);
	ck_assert_int_eq(sla_due(0, SLA_TARGET_MAX + 1, NULL, &due), -1);
	h.zone = "Europe/Nowhere";
	ck_assert_int_eq(sla_due(0, 60, &h, &due), -1);
	h.zone = "Europe/Berlin";
	h.end = h.start;
	ck_assert_int_eq(sla_due(0, 60, &h, &due), -1);
	h.end = SLA_DAY_MINUTES + 1;
	ck_assert_int_eq(sla_due(0, 60, &h, &due), -1);
	ck_assert_int_eq(sla_zone_valid("Europe/Berlin"), 1);
	ck_assert_int_eq(sla_zone_valid("UTC"), 1);
	ck_assert_int_eq(sla_zone_valid("../../etc/passwd"), 0);
	ck_assert_int_eq(sla_zone_valid("/etc/localtime"), 0);
	ck_assert_int_eq(sla_zone_valid("Europe/Ber lin"), 0);
	ck_assert_int_eq(sla_zone_valid(""), 0);
	ck_assert_int_eq(sla_zone_valid("zone.tab"), 0);
	/* An existing TZ is kept. */
	setenv("TZ", "Asia/Tokyo", 1);
	ck_assert_int_eq(sla_due(0, 60, &berlin, &due), 0);
	ck_assert_str_eq(getenv("TZ"), "Asia/Tokyo");
}
END_TEST

START_TEST(test_parse)
{
	time_t	t;
	int	days;

	ck_assert_int_eq(sla_days_parse("mon,tue,wed,thu,fri", &days), 0);
	ck_assert_int_eq(days, WEEKDAYS);
	ck_assert_int_eq(sla_days_parse("sun", &days), 0);
	ck_assert_int_eq(days, 0x40);
	ck_assert_int_eq(sla_days_parse("", &days), 0);
	ck_assert_int_eq(days, 0);
	ck_assert_int_eq(sla_days_parse("mon,mon", &days), -1);
	ck_assert_int_eq(sla_days_parse("mon,", &days), -1);
	ck_assert_int_eq(sla_days_parse("monday", &days), -1);
	ck_assert_int_eq(sla_days_parse("mo", &days), -1);
	ck_assert_int_eq(sla_time_parse("2026-03-02T10:00:00Z", &t), 0);
	ck_assert_int_eq(t, 1772445600);
	ck_assert_int_eq(sla_time_parse("2026-03-02T10:00:00.5Z", &t), 0);
	ck_assert_int_eq(sla_time_parse("2026-03-02T10:00:00", &t), -1);
	ck_assert_int_eq(sla_time_parse("2026-03-02", &t), -1);
	ck_assert_int_eq(sla_time_parse(NULL, &t), -1);
}
END_TEST

static Suite *
sla_suite(void)
{
	Suite	*s = suite_create("sla");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_cases, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_parse);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(sla_suite());
}
