/*
 * The sentiment of a contact's latest message (T1): positive, neutral or
 * negative from a lexicon scorer whose every rule is written here.
 *
 * Method.
 * 1. Only the first SENTIMENT_TEXT_MAX bytes are read, and lines that
 *    start with '>' (quoted mail) are skipped.
 * 2. Words are runs of letters (ASCII, and any UTF-8 byte, so "ärgerlich"
 *    is one word) with inner apostrophes ("don't"); they are compared in
 *    lower case (ASCII and the Latin-1 letters of UTF-8).
 * 3. Each word of sentiment_words[] adds its weight (-3 .. +3, times
 *    100: the score is in hundredths).  An entry ending in '*' matches
 *    every word it begins ("frustrat*": frustrated, frustrating).
 * 4. Negators ("not", "no", "never", "nicht", "kein" ...) flip the sign
 *    of the sentiment words among the next NEGATION_WINDOW words.  The
 *    German "nicht" / "nie" also flip the sentiment word right before
 *    them ("es funktioniert nicht").
 * 5. Intensifiers ("very", "extremely", "sehr" ...) add INTENSIFY_PCT
 *    percent to the next sentiment word within INTENSIFY_WINDOW words;
 *    a sentiment word written in capitals (two letters or more, none
 *    lower case) gets CAPS_PCT percent more.
 * 6. A contrast word ("but", "aber" ...) halves what its sentence said
 *    so far and weighs what follows by CONTRAST_AFTER_PCT percent.
 * 7. A comma, semicolon or colon ends a negation and intensification; a
 *    full stop, '?', '!' or line break ends a sentence as well.
 * 8. Each '!' (at most EXCLAIM_MAX) makes the total EXCLAIM_PCT percent
 *    stronger, in the direction it already has.
 * 9. A total of at least SENTIMENT_POSITIVE_MIN is positive, at most
 *    SENTIMENT_NEGATIVE_MAX negative, else neutral: one mild word (a
 *    fault reported plainly, "there is an error") stays neutral.
 * Limits: no sarcasm, no emoticons, no part-of-speech or stemming beyond
 * the '*' entries; English and German words only.
 */
#include "config.h"

#include <string.h>

#include "sentiment.h"

#define SENTIMENT_POSITIVE_MIN	150
#define SENTIMENT_NEGATIVE_MAX	(-150)
#define NEGATION_WINDOW		3	/* words after a negator */
#define INTENSIFY_WINDOW	2
#define INTENSIFY_PCT		50
#define CAPS_PCT		50
#define CONTRAST_AFTER_PCT	150
#define EXCLAIM_MAX		3
#define EXCLAIM_PCT		15

const char *const sentiment_labels[SENTIMENT__MAX + 1] = {
	"positive",	/* SENTIMENT_POSITIVE */
	"neutral",	/* SENTIMENT_NEUTRAL */
	"negative",	/* SENTIMENT_NEGATIVE */
	NULL
};

enum word_kind {
	WORD_SENTIMENT,		/* weight: -3 .. +3 */
	WORD_NEGATOR,		/* flips the next words */
	WORD_NEGATOR_BACK,	/* and the sentiment word before it */
	WORD_INTENSIFIER,
	WORD_CONTRAST,
	WORD__MAX
};

struct sentiment_word {
	const char	*word;		/* lower case; '*' at the end: prefix */
	enum word_kind	 kind;
	int		 weight;
};

#define P(w, n)	{ w, WORD_SENTIMENT, n }
#define NEG(w)	{ w, WORD_NEGATOR, 0 }
#define INT(w)	{ w, WORD_INTENSIFIER, 0 }
#define BUT(w)	{ w, WORD_CONTRAST, 0 }

/*
 * The lexicon.  Faults stated plainly weigh -1 (a support message names
 * its problem); feelings about them weigh -2 or -3.
 */
static const struct sentiment_word sentiment_words[] = {
	/* English, positive */
	P("thank*", 2), P("thx", 2), P("great", 3), P("excellent", 3),
	P("perfect*", 3), P("awesome", 3), P("amazing", 3), P("wonderful", 3),
	P("brilliant", 3), P("fantastic", 3), P("love", 3), P("good", 2),
	P("nice", 2), P("happy", 2), P("glad", 2), P("pleased", 2),
	P("appreciat*", 2), P("helpful", 2), P("satisf*", 2), P("fixed", 2),
	P("solved", 2), P("works", 2), P("working", 2), P("resolved", 1),
	P("quick*", 1), P("fast", 1), P("fine", 1), P("kind", 1),
	P("well", 1), P("cheers", 1),
	/* English, negative */
	P("error*", -1), P("problem*", -1), P("issue*", -1), P("broken", -1),
	P("crash*", -1), P("fail*", -1), P("slow", -1), P("down", -1),
	P("outage", -2), P("stuck", -1), P("wrong", -1), P("bad", -2),
	P("poor*", -2), P("worse", -2), P("unfortunately", -2),
	P("sadly", -2), P("annoy*", -2), P("lost", -2), P("cancel*", -2),
	P("complain*", -2), P("waiting", -1), P("mess", -2),
	P("impossible", -2), P("terrible", -3), P("awful", -3),
	P("horrible", -3), P("worst", -3), P("hate", -3), P("angry", -3),
	P("furious", -3), P("unacceptable", -3), P("frustrat*", -3),
	P("disappoint*", -3), P("useless", -3), P("ridiculous", -3),
	P("disaster", -3), P("nightmare", -3),
	/* German, positive */
	P("danke*", 2), P("dank", 2), P("super", 3), P("toll", 3),
	P("prima", 3), P("perfekt", 3), P("hervorragend", 3),
	P("klasse", 3), P("großartig", 3), P("wunderbar", 3),
	P("ausgezeichnet", 3), P("bestens", 3), P("gut", 2), P("gute*", 2),
	P("zufrieden", 2), P("froh", 2), P("freue*", 2), P("hilfreich", 2),
	P("funktioniert", 2), P("gelöst", 2), P("behoben", 2),
	P("schnell*", 1),
	/* German, negative */
	P("fehler*", -1), P("kaputt", -1), P("defekt", -1),
	P("langsam", -1), P("absturz", -1), P("abgestürzt", -1),
	P("stürzt", -1), P("ausfall", -2), P("ausgefallen", -2),
	P("falsch", -1), P("leider", -2), P("schlecht*", -2),
	P("nervig", -2), P("sauer", -2), P("unmöglich", -2),
	P("schlimm", -3), P("furchtbar", -3), P("schrecklich", -3),
	P("ärgerlich", -3), P("verärgert", -3), P("wütend", -3),
	P("enttäusch*", -3), P("unzumutbar", -3), P("inakzeptabel", -3),
	P("frustriert*", -3), P("nutzlos", -3), P("katastroph*", -3),
	/* Negators */
	NEG("not"), NEG("no"), NEG("never"), NEG("don't"), NEG("doesn't"),
	NEG("didn't"), NEG("isn't"), NEG("wasn't"), NEG("aren't"),
	NEG("can't"), NEG("cannot"), NEG("won't"), NEG("nothing"),
	NEG("kein*"), NEG("nichts"),
	{ "nicht", WORD_NEGATOR_BACK, 0 }, { "nie", WORD_NEGATOR_BACK, 0 },
	{ "niemals", WORD_NEGATOR_BACK, 0 },
	/* Intensifiers */
	INT("very"), INT("really"), INT("extremely"), INT("so"),
	INT("totally"), INT("absolutely"), INT("incredibly"),
	INT("completely"), INT("sehr"), INT("wirklich"), INT("extrem"),
	INT("total"), INT("absolut"), INT("äußerst"), INT("echt"),
	INT("völlig"), INT("besonders"),
	/* Contrast */
	BUT("but"), BUT("however"), BUT("although"), BUT("aber"),
	BUT("jedoch"), BUT("allerdings"),
};

/* The scorer's state while it reads. */
struct sentiment_run {
	long	 total;
	long	 sentence;
	int	 negate;		/* words left that are negated */
	int	 boost;			/* percent added to the next word */
	int	 boost_left;
	int	 after_pct;		/* 100, or CONTRAST_AFTER_PCT */
	long	 last;			/* the previous word's contribution */
	int	 last_negated;
};

static const struct sentiment_word *
sentiment_lookup(const char *w)
{
	const struct sentiment_word	*e;
	size_t				 i, len;

	for (i = 0; i < sizeof(sentiment_words) / sizeof(sentiment_words[0]);
	    i++) {
		e = &sentiment_words[i];
		if (e->word[0] != w[0])
			continue;
		len = strlen(e->word);
		if (e->word[len - 1] == '*' ? strncmp(w, e->word, len - 1) == 0 :
		    strcmp(w, e->word) == 0)
			return e;
	}
	return NULL;
}

static void
sentiment_clause_end(struct sentiment_run *r)
{
	r->negate = r->boost = r->boost_left = 0;
	r->last = 0;
}

static void
sentiment_sentence_end(struct sentiment_run *r)
{
	sentiment_clause_end(r);
	r->total += r->sentence;
	r->sentence = 0;
	r->after_pct = 100;
}

/* One word: w in lower case, caps when it was written in capitals. */
static void
sentiment_word(struct sentiment_run *r, const char *w, int caps)
{
	const struct sentiment_word	*e = sentiment_lookup(w);
	long				 v;
	int				 negated = r->negate > 0;

	if (r->negate > 0)
		r->negate--;
	if (r->boost_left > 0 && --r->boost_left == 0)
		r->boost = 0;
	if (e == NULL) {
		r->last = 0;
		return;
	}
	switch (e->kind) {
	case WORD_SENTIMENT:
		v = (long)e->weight * (100 + r->boost + (caps ? CAPS_PCT : 0));
		v = v * r->after_pct / 100;
		if (negated)
			v = -v;
		r->sentence += v;
		r->last = v;
		r->last_negated = negated;
		r->boost = r->boost_left = 0;
		return;
	case WORD_NEGATOR_BACK:
		if (r->last != 0 && !r->last_negated)
			r->sentence -= 2 * r->last;
		/* FALLTHROUGH */
	case WORD_NEGATOR:
		r->negate = NEGATION_WINDOW;
		break;
	case WORD_INTENSIFIER:
		r->boost += INTENSIFY_PCT;
		r->boost_left = INTENSIFY_WINDOW + 1;
		break;
	case WORD_CONTRAST:
		r->sentence /= 2;
		r->after_pct = CONTRAST_AFTER_PCT;
		break;
	default:
		break;
	}
	r->last = 0;
}

/* 1 when byte c (of UTF-8 text) belongs to a word. */
static int
sentiment_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/*
 * Reads the word at s into w (lower case, NUL-terminated; "" when longer
 * than SENTIMENT_WORD_MAX - 1) and returns its length in s.
 */
static size_t
sentiment_take(const char *s, size_t n, char *w, int *caps)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, len = 0;
	int			 upper = 0, lower = 0;
	unsigned char		 c;

	for (i = 0; i < n; i++) {
		c = u[i];
		if (c == '\'' && i > 0 && i + 1 < n &&
		    sentiment_letter(u[i + 1]))
			;
		else if (!sentiment_letter(c))
			break;
		if (c >= 'A' && c <= 'Z') {
			upper++;
			c += 'a' - 'A';
		} else if (c >= 'a' && c <= 'z')
			lower++;
		/* UTF-8 À..Þ (not ×) to à..þ. */
		else if (c >= 0x80 && c <= 0x9e && c != 0x97 && i > 0 &&
		    u[i - 1] == 0xc3)
			c += 0x20;
		if (len < SENTIMENT_WORD_MAX - 1)
			w[len] = (char)c;
		len++;
	}
	w[len < SENTIMENT_WORD_MAX ? len : 0] = '\0';
	*caps = upper >= 2 && lower == 0;
	return i;
}

/*
 * The label of text, and its score (hundredths) in *score when not NULL.
 */
enum sentiment_label
sentiment_score(const char *text, int *score)
{
	struct sentiment_run	 r;
	char			 w[SENTIMENT_WORD_MAX];
	size_t			 i, n;
	int			 caps, bangs = 0, bol = 1;

	memset(&r, 0, sizeof(r));
	r.after_pct = 100;
	n = strnlen(text, SENTIMENT_TEXT_MAX);
	for (i = 0; i < n; ) {
		if (bol && text[i] == '>') {
			while (i < n && text[i] != '\n')
				i++;
			continue;
		}
		bol = 0;
		if (sentiment_letter((unsigned char)text[i])) {
			i += sentiment_take(text + i, n - i, w, &caps);
			sentiment_word(&r, w, caps);
			continue;
		}
		switch (text[i]) {
		case '!':
			bangs++;
			/* FALLTHROUGH */
		case '.':
		case '?':
			sentiment_sentence_end(&r);
			break;
		case '\n':
			sentiment_sentence_end(&r);
			bol = 1;
			break;
		case ',':
		case ';':
		case ':':
			sentiment_clause_end(&r);
			break;
		default:
			break;
		}
		i++;
	}
	sentiment_sentence_end(&r);
	if (bangs > EXCLAIM_MAX)
		bangs = EXCLAIM_MAX;
	r.total = r.total * (100 + bangs * EXCLAIM_PCT) / 100;
	if (r.total > SENTIMENT_SCORE_MAX)
		r.total = SENTIMENT_SCORE_MAX;
	if (r.total < -SENTIMENT_SCORE_MAX)
		r.total = -SENTIMENT_SCORE_MAX;
	if (score != NULL)
		*score = (int)r.total;
	return r.total >= SENTIMENT_POSITIVE_MIN ? SENTIMENT_POSITIVE :
	    r.total <= SENTIMENT_NEGATIVE_MAX ? SENTIMENT_NEGATIVE :
	    SENTIMENT_NEUTRAL;
}
