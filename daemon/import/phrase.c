/*
 * phrase.c: the timing phrases of Vietnamese plans, read by a table of
 * rules tried in order, each naming itself in the result.  The text is
 * first folded ("Quý III/2019" -> "quy iii/2019"): case and diacritics
 * vary from plan to plan and even within one, and "Thuong xuyen" typed
 * without accents must read the same.  Spaces around "/" and "." are
 * dropped ("01/11/ 2023"), Roman and Arabic quarter numbers both work,
 * and a date without a year takes the plan's year.
 *
 * Readings follow the conventions of administrative practice:
 *   - "trước ngày X" is due the day before X (X is the hard limit);
 *   - "chậm nhất (là) ngày X", "đến hết ngày X", "ngày X" are due on X;
 *   - a month, quarter, half-year or year is a window due on its last day;
 *   - "trước tháng N" ends with month N-1;
 *   - "hàng tuần/tháng/quý/năm", "mỗi …" recur, with a quota if given;
 *   - "định kỳ hàng quý, 6 tháng, năm" is the reform-report cycle, due on
 *     the 20th of March, June, September and December;
 *   - "Thường xuyên" is a standing duty reported on that cycle.
 * What could be read two ways gets the usual default, flagged ambiguous
 * with the reason; what cannot be read at all is PH_UNKNOWN, never a
 * guess.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrase.h"
#include "smstext.h"
#include "nls.h"

#define CCHC_CYCLE	"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"

static int
days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int
valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in(y, m);
}

static void
set(struct ymd *t, int y, int m, int d)
{
	t->y = y;
	t->m = m;
	t->d = d;
}

static void
day_before(struct ymd *t)
{
	if (--t->d > 0)
		return;
	if (--t->m == 0) {
		t->m = 12;
		t->y--;
	}
	t->d = days_in(t->y, t->m);
}

/* Folds TEXT: no diacritics, lower case, single spaces, none by / or . */
static char *
fold(const char *text)
{
	char *f = sms_ascii(text), *o, *p;

	if (f == NULL)
		return NULL;
	for (p = o = f; *p != '\0'; p++) {
		char c = (char)tolower((unsigned char)*p);

		if (isspace((unsigned char)c)) {
			if (o == f || o[-1] == ' ' || o[-1] == '/' ||
			    o[-1] == '.')
				continue;
			c = ' ';
		} else if ((c == '/' || c == '.' || c == '-') && o > f &&
		    o[-1] == ' ')
			o--;
		*o++ = c;
	}
	while (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

/* A year: "2019"; two digits are 20xx. */
static int
year_at(const char *p, int *y, const char **end)
{
	char *e;
	long v = strtol(p, &e, 10);

	if (e == p || !isdigit((unsigned char)*p))
		return 0;
	if (e - p == 4)
		*y = (int)v;
	else if (e - p == 2)
		*y = 2000 + (int)v;
	else
		return 0;
	*end = e;
	return 1;
}

/*
 * A date at P: "d/m/yyyy", "d.m.yyyy", "d-m-yyyy", "d/m" (year from
 * YEAR), or "ngay d thang m nam yyyy".  Returns 1 and sets T and *END.
 */
static int
date_at(const char *p, int year, struct ymd *t, const char **end,
    int *assumed)
{
	int d, m, y = year, n = 0;
	char sep;

	*assumed = 0;
	if (sscanf(p, "ngay %d thang %d nam %d%n", &d, &m, &y, &n) == 3 ||
	    sscanf(p, "%d thang %d nam %d%n", &d, &m, &y, &n) == 3) {
		if (!valid(y, m, d))
			return 0;
		set(t, y, m, d);
		*end = p + n;
		return 1;
	}
	if (sscanf(p, "ngay %d thang %d%n", &d, &m, &n) == 2) {
		*assumed = 1;
	} else if (sscanf(p, "%d%c%d%n", &d, &sep, &m, &n) == 3 &&
	    (sep == '/' || sep == '.' || sep == '-') && isdigit((unsigned
	    char)*p)) {
		const char *q = p + n, *e;

		if ((*q == '/' || *q == '.' || *q == '-') &&
		    year_at(q + 1, &y, &e))
			n = (int)(e - p);
		else
			*assumed = 1;
	} else
		return 0;
	if (*assumed && year == 0)
		return 0;
	if (!valid(y, m, d))
		return 0;
	set(t, y, m, d);
	*end = p + n;
	return 1;
}

/* A quarter number at P: "iii", "3", "iv"... Returns 1..4 or 0. */
static int
quarter_at(const char *p, const char **end)
{
	static const char *const roman[] = { "iv", "iii", "ii", "i" };
	static const int value[] = { 4, 3, 2, 1 };
	int i;

	if (*p >= '1' && *p <= '4' && !isdigit((unsigned char)p[1])) {
		*end = p + 1;
		return *p - '0';
	}
	for (i = 0; i < 4; i++) {
		size_t n = strlen(roman[i]);

		if (strncmp(p, roman[i], n) == 0 &&
		    !isalpha((unsigned char)p[n])) {
			*end = p + n;
			return value[i];
		}
	}
	return 0;
}

/* "/2019", ".2020", " nam 2019", " 2019": a year after a period. */
static int
period_year(const char *p, int year, int *y, int *assumed)
{
	const char *e;

	*assumed = 0;
	while (*p == ' ')
		p++;
	if (*p == '/' || *p == '.' || *p == '-')
		p++;
	if (strncmp(p, "nam ", 4) == 0)
		p += 4;
	if (year_at(p, y, &e))
		return 1;
	if (year == 0)
		return 0;
	*y = year;
	*assumed = 1;
	return 1;
}

/* "ít nhất 01 lần", "02 chuyên mục", "1 lan": a count in the phrase. */
static int
quota_in(const char *f)
{
	const char *p;
	int n;

	for (p = f; *p != '\0'; p++)
		if (isdigit((unsigned char)*p) && (p == f || !isdigit(
		    (unsigned char)p[-1])) && sscanf(p, "%d", &n) == 1) {
			const char *q = p;

			while (isdigit((unsigned char)*q))
				q++;
			if (*q == '/' || *q == '.')
				continue;	/* a date, not a count */
			while (*q == ' ')
				q++;
			if (strncmp(q, "lan", 3) == 0 ||
			    strncmp(q, "chuyen muc", 10) == 0 ||
			    strncmp(q, "bai", 3) == 0 ||
			    strncmp(q, "tin", 3) == 0 ||
			    strncmp(q, "so", 2) == 0 ||
			    strncmp(q, "chuong trinh", 12) == 0 ||
			    strncmp(q, "buoi", 4) == 0)
				return n;
		}
	return 0;
}

/* Whether WORD (one or more words) stands in F as whole words. */
static int
has(const char *f, const char *word)
{
	const char *p = f;
	size_t n = strlen(word);

	while ((p = strstr(p, word)) != NULL) {
		if ((p == f || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[n]))
			return 1;
		p++;
	}
	return 0;
}

static void
window_month(struct phrase *ph, int y, int m)
{
	set(&ph->from, y, m, 1);
	set(&ph->due, y, m, days_in(y, m));
}

/*
 * Takes a time of day out of F ("17h00", "17 gio 30", "17:00", "9:30:15"
 * after "luc" or on its own), so the date rules see "truoc ngay X".
 * Returns seconds into the day, or -1.
 */
static int
take_time(char *f)
{
	char *p, *q, *end;
	long h, m = 0, s = 0;

	for (p = f; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || (p > f &&
		    isalnum((unsigned char)p[-1])))
			continue;
		h = strtol(p, &q, 10);
		if (q - p > 2 || h > 23)
			continue;
		if (*q == ':' && isdigit((unsigned char)q[1])) {
			m = strtol(q + 1, &end, 10);
			if (*end == ':' && isdigit((unsigned char)end[1]))
				s = strtol(end + 1, &end, 10);
		} else if (*q == 'h' && !isalpha((unsigned char)q[1])) {
			m = isdigit((unsigned char)q[1]) ? strtol(q + 1, &end,
			    10) : (end = q + 1, 0);
		} else if (strncmp(q, " gio", 4) == 0 &&
		    !isalpha((unsigned char)q[4])) {
			end = q + 4;
			if (end[0] == ' ' && isdigit((unsigned char)end[1]))
				m = strtol(end + 1, &end, 10);
			if (strncmp(end, " phut", 5) == 0)
				end += 5;
		} else
			continue;
		if (m > 59 || s > 59 || isalnum((unsigned char)*end))
			continue;
		/* "luc" before the time goes with it. */
		if (p >= f + 4 && strncmp(p - 4, "luc ", 4) == 0)
			p -= 4;
		memmove(p, end, strlen(end) + 1);
		/* Squeeze the gap left behind. */
		if (p > f && p[-1] == ' ' && *p == ' ')
			memmove(p, p + 1, strlen(p + 1) + 1);
		return (int)(h * 3600 + m * 60 + s);
	}
	return -1;
}

static enum phrase_kind
parse_folded(char *f, int year, struct phrase *ph)
{
	const char *p, *e;
	int q, y, m, n;

	/* Standing duties first: they may also name a report cycle. */
	if (strncmp(f, "thuong xuyen", 12) == 0) {
		ph->kind = PH_ONGOING;
		ph->rule = "thuong-xuyen";
		snprintf(ph->rrule, sizeof(ph->rrule), "%s", CCHC_CYCLE);
		if (has(f, "trong nam") && year != 0) {
			set(&ph->until, year, 12, 31);
			ph->rule = "thuong-xuyen-trong-nam";
		}
		return ph->kind;
	}
	/* The reform-report cycle: quarter, six months, year. */
	if (has(f, "dinh ky") && has(f, "quy") && (has(f, "6 thang") ||
	    has(f, "nam"))) {
		ph->kind = PH_RECUR;
		ph->rule = "dinh-ky-quy-6-thang-nam";
		snprintf(ph->rrule, sizeof(ph->rrule), "%s", CCHC_CYCLE);
		return ph->kind;
	}
	/* "Theo tuần, tháng hoặc quý": more than one unit offered. */
	if ((has(f, "tuan") + has(f, "thang") + has(f, "quy")) >= 2 &&
	    (has(f, "hoac") || has(f, "theo"))) {
		ph->kind = PH_RECUR;
		ph->rule = "theo-tuan-thang-hoac-quy";
		ph->ambiguous = 1;
		snprintf(ph->rrule, sizeof(ph->rrule), "FREQ=WEEKLY;BYDAY=FR");
		snprintf(ph->note, sizeof(ph->note), _("several periods "
		    "offered; weekly, the finest, chosen, due on Fridays"));
		return ph->kind;
	}
	/* Recurrences: "hàng tuần", "mỗi tháng: 02 chuyên mục". */
	if (has(f, "hang") || has(f, "moi") || strncmp(f, "dinh ky", 7) == 0) {
		const char *unit = NULL;

		/* A week is due by its last working day. */
		if (has(f, "tuan"))
			unit = "FREQ=WEEKLY;BYDAY=FR";
		else if (has(f, "ngay") && strchr(f, '/') == NULL)
			unit = "FREQ=DAILY";
		else if (has(f, "quy"))
			unit = "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1";
		else if (has(f, "6 thang"))
			unit = "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1";
		else if (has(f, "thang"))
			unit = "FREQ=MONTHLY;BYMONTHDAY=-1";
		else if (has(f, "nam"))
			unit = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31";
		if (unit != NULL) {
			ph->kind = PH_RECUR;
			ph->rule = "hang-moi";
			snprintf(ph->rrule, sizeof(ph->rrule), "%s", unit);
			ph->quota = quota_in(f);
			return ph->kind;
		}
	}
	/* One-off deadlines with a date, perhaps a time ("trước 17 giờ"). */
	ph->tod = take_time(f);
	if ((p = strstr(f, "truoc ngay ")) != NULL &&
	    date_at(p + 11, year, &ph->due, &e, &ph->year_assumed)) {
		ph->kind = PH_ONCE;
		ph->rule = "truoc-ngay";
		/* "Before 17:00 on X" is X at 17:00; "before X" is X-1. */
		if (ph->tod < 0) {
			day_before(&ph->due);
			snprintf(ph->note, sizeof(ph->note), _("\"trước "
			    "ngày\": due the day before; the date itself is "
			    "the hard limit"));
		}
		return ph->kind;
	}
	if ((p = strstr(f, "cham nhat la ngay ")) != NULL ||
	    (p = strstr(f, "cham nhat ngay ")) != NULL ||
	    (p = strstr(f, "den het ngay ")) != NULL ||
	    (p = strstr(f, "han ngay ")) != NULL) {
		p = strstr(p, "ngay ") + 5;
		if (date_at(p, year, &ph->due, &e, &ph->year_assumed)) {
			ph->kind = PH_ONCE;
			ph->rule = "cham-nhat-ngay";
			return ph->kind;
		}
	}
	/* "Trước tháng 6/2024": the end of May. */
	if ((p = strstr(f, "truoc thang ")) != NULL &&
	    sscanf(p + 12, "%d%n", &m, &n) == 1 && m >= 1 && m <= 12 &&
	    period_year(p + 12 + n, year, &y, &ph->year_assumed)) {
		set(&ph->due, y, m, 1);
		day_before(&ph->due);
		ph->kind = PH_ONCE;
		ph->rule = "truoc-thang";
		return ph->kind;
	}
	/* Quarters: "Quý III/2019", "quý I.2020", "quý 2 năm 2024". */
	if ((p = strstr(f, "quy ")) != NULL &&
	    (q = quarter_at(p + 4, &e)) != 0 &&
	    period_year(e, year, &y, &ph->year_assumed)) {
		set(&ph->from, y, q * 3 - 2, 1);
		set(&ph->due, y, q * 3, days_in(y, q * 3));
		ph->kind = PH_WINDOW;
		ph->rule = "quy";
		return ph->kind;
	}
	/* Half-years. */
	if (has(f, "6 thang dau nam") || has(f, "6 thang dau")) {
		if (!period_year(strstr(f, "dau") + 3 + (has(f, "dau nam") ? 4 :
		    0), year, &y, &ph->year_assumed))
			goto unknown;
		set(&ph->from, y, 1, 1);
		set(&ph->due, y, 6, 30);
		ph->kind = PH_WINDOW;
		ph->rule = "6-thang-dau-nam";
		return ph->kind;
	}
	if (has(f, "6 thang cuoi nam") || has(f, "6 thang cuoi")) {
		if (!period_year(strstr(f, "cuoi") + 4 + (has(f, "cuoi nam") ?
		    4 : 0), year, &y, &ph->year_assumed))
			goto unknown;
		set(&ph->from, y, 7, 1);
		set(&ph->due, y, 12, 31);
		ph->kind = PH_WINDOW;
		ph->rule = "6-thang-cuoi-nam";
		return ph->kind;
	}
	/* "Cuối năm": the annual report; 20/12 is the Ministry's date. */
	if (has(f, "cuoi nam")) {
		if (!period_year(strstr(f, "cuoi nam") + 8, year, &y,
		    &ph->year_assumed))
			goto unknown;
		set(&ph->from, y, 12, 1);
		set(&ph->due, y, 12, 20);
		ph->kind = PH_WINDOW;
		ph->rule = "cuoi-nam";
		ph->ambiguous = 1;
		snprintf(ph->note, sizeof(ph->note), _("\"cuối năm\": due "
		    "20/12, the annual reform-report date; the Civil Code "
		    "would read 31/12"));
		return ph->kind;
	}
	/* A bare date, or "ngày 5 tháng 3 năm 2024". */
	for (p = f; *p != '\0'; p++) {
		if ((p == f || p[-1] == ' ') && date_at(p, year, &ph->due, &e,
		    &ph->year_assumed)) {
			ph->kind = PH_ONCE;
			ph->rule = "ngay";
			return ph->kind;
		}
	}
	/* Months: "tháng 12/2024", "trong tháng 12 năm 2024". */
	if ((p = strstr(f, "thang ")) != NULL &&
	    sscanf(p + 6, "%d%n", &m, &n) == 1 && m >= 1 && m <= 12 &&
	    period_year(p + 6 + n, year, &y, &ph->year_assumed)) {
		window_month(ph, y, m);
		ph->kind = PH_WINDOW;
		ph->rule = "thang";
		return ph->kind;
	}
	/* "Năm 2024", "trong năm": the year as a window. */
	if ((p = strstr(f, "nam")) != NULL && (p == f || p[-1] == ' ') &&
	    period_year(p + 3, year, &y, &ph->year_assumed) &&
	    (has(f, "trong nam") || strncmp(f, "nam", 3) == 0 ||
	    !ph->year_assumed)) {
		set(&ph->from, y, 1, 1);
		set(&ph->due, y, 12, 31);
		ph->kind = PH_WINDOW;
		ph->rule = "nam";
		return ph->kind;
	}
unknown:
	ph->kind = PH_UNKNOWN;
	ph->rule = "none";
	snprintf(ph->note, sizeof(ph->note), "%s", year == 0 ?
	    _("no rule reads this (and no year was given to fill in)") :
	    _("no rule reads this"));
	return ph->kind;
}

enum phrase_kind
phrase_parse(const char *text, int year, struct phrase *ph)
{
	char *f;
	enum phrase_kind k;

	memset(ph, 0, sizeof(*ph));
	ph->tod = -1;
	if ((f = fold(text ? text : "")) == NULL || *f == '\0') {
		free(f);
		ph->rule = "none";
		snprintf(ph->note, sizeof(ph->note), _("empty"));
		return PH_UNKNOWN;
	}
	k = parse_folded(f, year, ph);
	free(f);
	if (k != PH_ONCE)
		ph->tod = -1;	/* a time only qualifies a deadline */
	if (ph->year_assumed && k != PH_UNKNOWN) {
		size_t n = strlen(ph->note);

		snprintf(ph->note + n, sizeof(ph->note) - n, _("%sno year "
		    "given: %d assumed"), n ? "; " : "", year);
	}
	return k;
}

static const char *
cycle_vi(const char *rrule)
{
	if (strcmp(rrule, CCHC_CYCLE) == 0)
		return "hằng quý, 6 tháng, năm (ngày 20 tháng cuối kỳ)";
	if (strncmp(rrule, "FREQ=WEEKLY", 11) == 0)
		return "hằng tuần";
	if (strncmp(rrule, "FREQ=DAILY", 10) == 0)
		return "hằng ngày";
	if (strstr(rrule, "INTERVAL=3") != NULL)
		return "hằng quý";
	if (strstr(rrule, "INTERVAL=6") != NULL)
		return "6 tháng một lần";
	if (strncmp(rrule, "FREQ=MONTHLY", 12) == 0)
		return "hằng tháng";
	return "hằng năm";
}

static const char *
cycle_en(const char *rrule)
{
	if (strcmp(rrule, CCHC_CYCLE) == 0)
		return "quarterly, half-yearly and yearly (the 20th of the "
		    "period's last month)";
	if (strncmp(rrule, "FREQ=WEEKLY", 11) == 0)
		return "weekly";
	if (strncmp(rrule, "FREQ=DAILY", 10) == 0)
		return "daily";
	if (strstr(rrule, "INTERVAL=3") != NULL)
		return "quarterly";
	if (strstr(rrule, "INTERVAL=6") != NULL)
		return "every six months";
	if (strncmp(rrule, "FREQ=MONTHLY", 12) == 0)
		return "monthly";
	return "yearly";
}

void
phrase_describe(const struct phrase *p, char *vi, size_t vilen, char *en,
    size_t enlen)
{
	char q[48] = "", qe[48] = "";

	if (p->quota > 0) {
		snprintf(q, sizeof(q), ", ít nhất %d lần mỗi kỳ", p->quota);
		snprintf(qe, sizeof(qe), ", at least %d per period", p->quota);
	}
	switch (p->kind) {
	case PH_ONCE:
		snprintf(vi, vilen, "hạn %02d/%02d/%04d", p->due.d, p->due.m,
		    p->due.y);
		snprintf(en, enlen, "due %02d/%02d/%04d", p->due.d, p->due.m,
		    p->due.y);
		if (p->tod >= 0) {
			size_t a = strlen(vi), b = strlen(en);

			snprintf(vi + a, vilen - a, " lúc %02d:%02d", p->tod /
			    3600, p->tod / 60 % 60);
			snprintf(en + b, enlen - b, " at %02d:%02d", p->tod /
			    3600, p->tod / 60 % 60);
		}
		break;
	case PH_WINDOW:
		snprintf(vi, vilen, "từ %02d/%02d/%04d, hạn %02d/%02d/%04d",
		    p->from.d, p->from.m, p->from.y, p->due.d, p->due.m,
		    p->due.y);
		snprintf(en, enlen, "from %02d/%02d/%04d, due %02d/%02d/%04d",
		    p->from.d, p->from.m, p->from.y, p->due.d, p->due.m,
		    p->due.y);
		break;
	case PH_RECUR:
		snprintf(vi, vilen, "%s%s", cycle_vi(p->rrule), q);
		snprintf(en, enlen, "%s%s", cycle_en(p->rrule), qe);
		break;
	case PH_ONGOING:
		snprintf(vi, vilen, "thường xuyên%s; báo cáo %s",
		    p->until.y ? " đến hết năm" : "", cycle_vi(p->rrule));
		snprintf(en, enlen, "ongoing%s; reports %s", p->until.y ?
		    " to the end of the year" : "", cycle_en(p->rrule));
		break;
	default:
		snprintf(vi, vilen, "không đọc được: %s", p->note);
		snprintf(en, enlen, "not understood: %s", p->note);
		break;
	}
}
