/*
 * The sentiment of a contact's message (T1): a transparent lexicon
 * scorer, its method and word table in lib/sentiment.c.
 */
#ifndef SENTIMENT_H
#define SENTIMENT_H

#define SENTIMENT_TEXT_MAX	(16 * 1024)	/* bytes scored of a message */
#define SENTIMENT_WORD_MAX	32	/* bytes of a word; longer: no match */
#define SENTIMENT_SCORE_MAX	30000	/* clamp: fits a SMALLINT */

enum sentiment_label {
	SENTIMENT_POSITIVE,
	SENTIMENT_NEUTRAL,
	SENTIMENT_NEGATIVE,
	SENTIMENT__MAX
};

extern const char *const sentiment_labels[SENTIMENT__MAX + 1];

enum sentiment_label	sentiment_score(const char *, int *);

#endif
