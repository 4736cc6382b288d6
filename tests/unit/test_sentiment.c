/* Unit tests for lib/sentiment.c: the lexicon scorer's rules, by table. */
#include "config.h"

#include <check.h>

#include "unit.h"

#include "sentiment.h"

#define POS	SENTIMENT_POSITIVE
#define NEU	SENTIMENT_NEUTRAL
#define NEG	SENTIMENT_NEGATIVE

static const struct {
	const char		*text;
	enum sentiment_label	 label;
} cases[] = {
	/* Plain words. */
	{ "Thanks a lot, that fixed it.", POS },
	{ "Great work, the VPN works again.", POS },
	{ "This is terrible.", NEG },
	{ "The printer on the second floor needs toner.", NEU },
	{ "There is an error when I print.", NEU },		/* one mild word */
	{ "The server is down and the backup failed.", NEG },
	{ "", NEU },
	/* Negation. */
	{ "This is not good.", NEG },
	{ "Not bad at all.", POS },
	{ "It still doesn't work properly and nothing is fixed.", NEG },
	{ "The update is not working.", NEG },
	{ "I never had a problem with it, thanks.", POS },
	{ "No problem.", NEU },
	{ "Not happy, not happy at all.", NEG },
	/* Negation ends at a comma: the second clause stands. */
	{ "Not yet, but it works great now.", POS },
	/* Intensifiers, capitals, exclamation. */
	{ "Very good.", POS },
	{ "The connection is slow.", NEU },
	{ "The connection is extremely slow.", NEG },	/* intensified */
	{ "The connection is extremely slow and really annoying.", NEG },
	{ "This is UNACCEPTABLE!!!", NEG },
	{ "The mail is WRONG.", NEG },
	{ "Fine.", NEU },
	{ "Fine!!!", NEU },
	{ "Very fine!!!", POS },
	/* Mixed: after "but" counts more. */
	{ "Thanks for the quick fix, but the printer is still terrible.",
	  NEG },
	{ "The outage was bad, but your team was excellent.", POS },
	{ "I appreciate the help, but I am very frustrated.", NEG },
	/* German. */
	{ "Vielen Dank, das hat super geklappt!", POS },
	{ "Das ist leider immer noch kaputt.", NEG },
	{ "Es funktioniert nicht.", NEG },
	{ "Das ist nicht gut.", NEG },
	{ "Ich bin sehr zufrieden.", POS },
	{ "Wir sind wirklich verärgert über den Ausfall.", NEG },
	{ "Der Drucker im ersten Stock braucht Toner.", NEU },
	{ "ÄRGERLICH, schon wieder ein Fehler.", NEG },
	{ "Danke, aber es ist nach wie vor schrecklich langsam.", NEG },
	{ "Kein Problem, danke!", POS },
	/* Quoted mail is not the contact's words. */
	{ "Thanks, all good now.\n> This is terrible, nothing works!\n", POS },
	{ "> Thank you, great work!\nStill broken and I am angry.", NEG },
};

START_TEST(test_table)
{
	enum sentiment_label	got;
	int			score;

	got = sentiment_score(cases[_i].text, &score);
	ck_assert_msg(got == cases[_i].label, "\"%s\": %s (%d), want %s",
	    cases[_i].text, sentiment_labels[got], score,
	    sentiment_labels[cases[_i].label]);
}
END_TEST

/* The rules move the score the way the method says. */
START_TEST(test_rules)
{
	int	plain, very, caps, negated, bang;

	sentiment_score("good", &plain);
	sentiment_score("very good", &very);
	sentiment_score("GOOD", &caps);
	sentiment_score("not good", &negated);
	sentiment_score("good!", &bang);
	ck_assert_int_eq(plain, 200);
	ck_assert_int_eq(very, 300);
	ck_assert_int_eq(caps, 300);
	ck_assert_int_eq(negated, -200);
	ck_assert_int_eq(bang, 230);
	/* The negation window: three words. */
	sentiment_score("not one two good", &negated);
	ck_assert_int_eq(negated, -200);
	sentiment_score("not one two three good", &negated);
	ck_assert_int_eq(negated, 200);
	/* A word longer than SENTIMENT_WORD_MAX matches nothing. */
	sentiment_score("thankyouthankyouthankyouthankyouthankyou", &plain);
	ck_assert_int_eq(plain, 0);
	sentiment_score("Thanks", NULL);
}
END_TEST

static Suite *
sentiment_suite(void)
{
	Suite	*s = suite_create("sentiment");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_table, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_rules);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(sentiment_suite());
}
