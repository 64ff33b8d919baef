/*
 * test-phrase-corpus.c: the timing-phrase reader against the corpus of
 * real phrases in tests/data/phrases-corpus.tsv (phrase, type, reading).
 *
 * Agreement is defined row by row:
 *   - type AMB: the reading is flagged ambiguous, or not read at all;
 *   - type NONE: the kind is none, or the phrase is not read;
 *   - otherwise the kind must match (ONE once, REC recurring, WIN window,
 *     STD standing, REL relative, MULTI multi) and, where the corpus
 *     reading states them:
 *       ONE: its first date (quoted words left out) is our due day (day
 *            and month; the year too when the reading gives one);
 *       WIN: its "due DD/MM[/YYYY]", else the end of its first range
 *            "DD/MM–DD/MM/YYYY", is our due day;
 *       REC: the period named first (daily, weekly, monthly, quarterly,
 *            half-yearly, yearly) is the rule's; "the Nth" is in its
 *            BYMONTHDAY; a weekday named is its BYDAY; "due DD/MM" is
 *            among its first five dues.
 * A flag on a row that is not AMB does not count against it (the reading
 * is right and says what it could not read).  The plan's year given to
 * the reader is the first year the corpus reading names (as a plan gives
 * its year to an import), else 2025.  At least 95% must agree.
 *
 * The invariant is checked on every row: each word is consumed, a
 * filler, or listed unread with the reading flagged; vague words flag.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrase.h"
#include "tztime.h"

#define CORPUS	"tests/data/phrases-corpus.tsv"

static regex_t re_date, re_due, re_range, re_nth, re_year;

static const char *
kind_of(const char *type)
{
	static const char *const map[][2] = { { "ONE", "once" },
	    { "REC", "recurring" }, { "WIN", "window" }, { "STD", "standing" },
	    { "REL", "relative" }, { "MULTI", "multi" }, { "NONE", "none" } };
	size_t k;

	for (k = 0; k < sizeof(map) / sizeof(map[0]); k++)
		if (strcmp(map[k][0], type) == 0)
			return map[k][1];
	return NULL;
}

static int
num(const char *s, regmatch_t m)
{
	return m.rm_so < 0 ? 0 : atoi(s + m.rm_so);
}

/* The reading without the quoted phrase words ('trước ngày 05/12'). */
static void
unquote(const char *in, char *out, size_t len)
{
	size_t o = 0;
	int q = 0;

	for (; *in != '\0' && o + 1 < len; in++) {
		if (*in == '\'' && (q || in[1] != 's'))
			q = !q;
		else if (!q)
			out[o++] = *in;
	}
	out[o] = '\0';
}

/* Groups DI, MI and YI of match M are a day, month and year. */
static int
date_is(const char *s, regmatch_t *m, int di, int mi, int yi,
    const struct ymd *d)
{
	int y = num(s, m[yi]);

	return num(s, m[di]) == d->d && num(s, m[mi]) == d->m && (y == 0 ||
	    y == d->y);
}

static const char *
freq_of(const char *rrule)
{
	if (strncmp(rrule, "FREQ=DAILY", 10) == 0)
		return "daily";
	if (strncmp(rrule, "FREQ=WEEKLY", 11) == 0)
		return "weekly";
	if (strncmp(rrule, "FREQ=MONTHLY", 12) == 0)
		return "monthly";
	if (strstr(rrule, "BYMONTH=") != NULL && strchr(strstr(rrule,
	    "BYMONTH="), ',') != NULL) {
		const char *p = strstr(rrule, "BYMONTH=");
		int commas = 0;

		for (; *p != ';' && *p != '\0'; p++)
			commas += *p == ',';
		return commas == 3 ? "quarterly" : commas == 1 ?
		    "half-yearly" : "?";
	}
	return "yearly";
}

/* Whether our reading agrees; WHY says how not. */
static int
agrees(const char *type, const char *reading, const struct phrase *ph,
    char *why, size_t len)
{
	const char *want = kind_of(type), *p;
	char r[2048];
	regmatch_t m[8];

	why[0] = '\0';
	if (strcmp(type, "AMB") == 0) {
		if (ph->ambiguous || ph->kind == PH_UNKNOWN)
			return 1;
		snprintf(why, len, "not flagged");
		return 0;
	}
	if (strcmp(type, "NONE") == 0) {
		if (ph->kind == PH_NONE || ph->kind == PH_UNKNOWN)
			return 1;
		snprintf(why, len, "kind %s", phrase_kind_name(ph->kind));
		return 0;
	}
	if (strcmp(want, phrase_kind_name(ph->kind)) != 0) {
		snprintf(why, len, "kind %s, want %s", phrase_kind_name(
		    ph->kind), want);
		return 0;
	}
	unquote(reading, r, sizeof(r));
	if (strcmp(type, "ONE") == 0 && regexec(&re_date, r, 6, m, 0) == 0 &&
	    !date_is(r, m, 1, 2, 4, &ph->due)) {
		snprintf(why, len, "due %02d/%02d/%04d, want %.*s", ph->due.d,
		    ph->due.m, ph->due.y, (int)(m[0].rm_eo - m[0].rm_so),
		    r + m[0].rm_so);
		return 0;
	}
	if (strcmp(type, "WIN") == 0) {
		if (regexec(&re_due, r, 6, m, 0) == 0) {
			if (!date_is(r, m, 2, 3, 5, &ph->due)) {
				snprintf(why, len, "due %02d/%02d/%04d, want "
				    "%.*s", ph->due.d, ph->due.m, ph->due.y,
				    (int)(m[0].rm_eo - m[0].rm_so), r +
				    m[0].rm_so);
				return 0;
			}
		} else if (regexec(&re_range, r, 6, m, 0) == 0 &&
		    !date_is(r, m, 3, 4, 6, &ph->due)) {
			snprintf(why, len, "due %02d/%02d/%04d, want the end of "
			    "%.*s", ph->due.d, ph->due.m, ph->due.y,
			    (int)(m[0].rm_eo - m[0].rm_so), r + m[0].rm_so);
			return 0;
		}
	}
	if (strcmp(type, "REC") == 0) {
		static const char *const fr[] = { "daily", "weekly",
		    "monthly", "quarterly", "half-yearly", "yearly" };
		static const char *const days[][2] = { { "Monday", "MO" },
		    { "Tuesday", "TU" }, { "Wednesday", "WE" },
		    { "Thursday", "TH" }, { "Friday", "FR" },
		    { "Saturday", "SA" }, { "Sunday", "SU" } };
		const char *best = NULL, *bp = NULL;
		struct ymd d[5], jan1 = { ph->due.y ? ph->due.y : 2025, 1, 1 };
		size_t k;
		int n, i, found;
		char b[24];

		for (k = 0; k < sizeof(fr) / sizeof(fr[0]); k++)
			if ((p = strstr(r, fr[k])) != NULL && (bp == NULL ||
			    p < bp)) {
				bp = p;
				best = fr[k];
			}
		if (best != NULL && strcmp(best, freq_of(ph->rrule)) != 0) {
			snprintf(why, len, "%s, want %s", ph->rrule, best);
			return 0;
		}
		if (regexec(&re_nth, r, 6, m, 0) == 0) {
			snprintf(b, sizeof(b), "BYMONTHDAY=%d", num(r, m[2]));
			if (strstr(ph->rrule, b) == NULL) {
				snprintf(why, len, "%s, want %s", ph->rrule, b);
				return 0;
			}
		}
		/* The weekday named first. */
		for (k = 0, bp = NULL, i = -1; k < 7; k++)
			if ((p = strstr(r, days[k][0])) != NULL && (bp == NULL ||
			    p < bp)) {
				bp = p;
				i = (int)k;
			}
		if (i >= 0) {
			snprintf(b, sizeof(b), "BYDAY=%s", days[i][1]);
			if (strstr(ph->rrule, b) == NULL) {
				snprintf(why, len, "%s, want %s", ph->rrule, b);
				return 0;
			}
		}
		if (regexec(&re_due, r, 6, m, 0) == 0) {
			jan1.y = 2025;
			n = phrase_dues(&ph->sched[0], jan1, d, 5);
			for (i = 0, found = 0; i < n; i++)
				found |= num(r, m[2]) == d[i].d &&
				    num(r, m[3]) == d[i].m;
			if (!found) {
				snprintf(why, len, "%s: no due %.*s",
				    ph->rrule, (int)(m[0].rm_eo - m[0].rm_so),
				    r + m[0].rm_so);
				return 0;
			}
		}
	}
	return 1;
}

static void
corpus(void **state)
{
	FILE *f = fopen(CORPUS, "r");
	char line[4096], why[256], inv[256], *fld[6], *p;
	struct phrase ph;
	int rows = 0, agree = 0, flagged = 0, broken = 0, k, year;
	regmatch_t m[6];

	(void)state;
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));	/* header */
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		for (k = 0, p = line; k < 6; k++)
			fld[k] = p ? strsep(&p, "\t") : NULL;
		if (fld[3] == NULL)
			continue;
		rows++;
		year = regexec(&re_year, fld[3], 2, m, 0) == 0 ?
		    atoi(fld[3] + m[1].rm_so) : 2025;
		phrase_parse(fld[1], year, &ph);
		if (agrees(fld[2], fld[3], &ph, why, sizeof(why)))
			agree++;
		else
			printf("  row %s [%s] \"%s\": %s\n", fld[0], fld[2],
			    fld[1], why);
		if (ph.ambiguous && strcmp(fld[2], "AMB") != 0)
			flagged++;
		if (phrase_invariant(fld[1], inv, sizeof(inv)) != 0) {
			printf("  row %s: invariant: %s\n", fld[0], inv);
			broken++;
		}
	}
	fclose(f);
	printf("corpus: %d of %d rows agree (%.1f%%); %d rows not AMB "
	    "flagged anyway\n", agree, rows, 100.0 * agree / rows, flagged);
	assert_true(rows >= 250);
	assert_true(agree * 100 >= rows * 95);
	assert_int_equal(broken, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(corpus),
	};
	char err[128];

	if (tz_set("Asia/Ho_Chi_Minh", err, sizeof(err)) == -1)
		return 1;
	if (regcomp(&re_date, "([0-9]{2})/([0-9]{2})(/([0-9]{4}))?",
	    REG_EXTENDED) != 0 ||
	    regcomp(&re_due, "due (the [0-9]+[a-z]+ of )?([0-9]{2})/([0-9]{2})"
	    "(/([0-9]{4}))?", REG_EXTENDED) != 0 ||
	    regcomp(&re_range, "[0-9]{2}/[0-9]{2}(/[0-9]{4})?(\\([^)]*\\))?"
	    "–([0-9]{2})/([0-9]{2})(/([0-9]{4}))?", REG_EXTENDED) != 0 ||
	    regcomp(&re_nth, "(due|on) the ([0-9]+)(st|nd|rd|th)", REG_EXTENDED) != 0 ||
	    regcomp(&re_year, "(19[0-9]{2}|2[01][0-9]{2})", REG_EXTENDED) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
