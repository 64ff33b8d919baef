/*
 * phrase.c: the entry points of the timing-phrase reader: fold, cut into
 * tokens, scan the constructions, build the reading, then list what was
 * neither read nor filler (phrase-int.h describes the steps).  Also the
 * reading in words, its first due days, and the invariant the tests and
 * the fuzz target check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrase-int.h"
#include "recur.h"
#include "tztime.h"
#include "xmalloc.h"

void
phrase_orig(const struct lex *lx, int a, int b, char *buf, size_t len)
{
	size_t s, e;

	buf[0] = '\0';
	if (a < 0 || b >= lx->n || a > b || len == 0)
		return;
	if (lx->orig == NULL || lx->ostart == NULL) {
		snprintf(buf, len, "%.*s", (int)(lx->t[b].off + lx->t[b].len -
		    lx->t[a].off), lx->text + lx->t[a].off);
		return;
	}
	s = lx->ostart[lx->t[a].off];
	e = lx->oend[lx->t[b].off + lx->t[b].len - 1];
	/* Cut at a character's start, never inside one. */
	if (e - s >= len) {
		e = s + len - 1;
		while (e > s && ((unsigned char)lx->orig[e] & 0xc0) == 0x80)
			e--;
	}
	snprintf(buf, len, "%.*s", (int)(e - s), lx->orig + s);
}

static void
list_unread(struct parse *ps)
{
	struct phrase *ph = ps->ph;
	size_t o = 0;
	int k;

	for (k = 0; k < ps->lx.n; k++) {
		const struct tok *t = &ps->lx.t[k];
		char w[160];

		if (t->used || t->filler)
			continue;
		/* As written; room is kept for the " …" of a list cut short. */
		phrase_orig(&ps->lx, k, k, w, sizeof(w));
		if (o + strlen(w) + 8 < sizeof(ph->unread))
			o += (size_t)snprintf(ph->unread + o,
			    sizeof(ph->unread) - o, "%s%s", o ? " " : "", w);
		else {
			o += (size_t)snprintf(ph->unread + o,
			    sizeof(ph->unread) - o, " …");
			break;
		}
	}
	if (ps->lx.overflow && strstr(ph->unread, "…") == NULL)
		snprintf(ph->unread + o, sizeof(ph->unread) - o, " …");
	if (ph->unread[0] != '\0' || ps->lx.overflow) {
		ph->ambiguous = 1;
		phrase_note(ph, "words not read: %s", ph->unread);
	}
}

static void
rule_names(struct parse *ps)
{
	static const char *const names[] = {
		[PT_DATE] = "date", [PT_DAY] = "day", [PT_MONTH] = "month",
		[PT_QUARTER] = "quarter", [PT_HALF] = "half",
		[PT_YEAR] = "year", [PT_CYCLE] = "cycle",
		[PT_WEEKDAY] = "weekday", [PT_QMONTH] = "month-of-quarter",
		[PT_TIME] = "time", [PT_REL] = "relative",
		[PT_EVENT] = "event", [PT_STANDING] = "standing",
		[PT_FOLLOWING] = "following-years", [PT_NEXTYEAR] = "next-year",
		[PT_QUOTA] = "quota", [PT_VAGUE] = "vague", [PT_SOFT] = "target",
		[PT_STATUS] = "status", [PT_BOUND] = NULL, [PT_SEP] = NULL,
		[PT_ALT] = "alternatives",
	};
	static const char *const bounds[] = { "", "truoc", "cham-nhat", "den",
	    "tu", "trong", "-" };
	struct phrase *ph = ps->ph;
	const char *w;
	size_t o = 0;
	int k;

	for (k = 0; k < ps->np; k++) {
		w = ps->p[k].type == PT_BOUND ? bounds[ps->p[k].a] :
		    names[ps->p[k].type];
		if (w == NULL || (o > 0 && strstr(ph->rule, w) != NULL))
			continue;
		if (o + strlen(w) + 2 < sizeof(ph->rule))
			o += (size_t)snprintf(ph->rule + o, sizeof(ph->rule) -
			    o, "%s%s", o ? "+" : "", w);
	}
	if (o == 0)
		snprintf(ph->rule, sizeof(ph->rule), "none");
}

enum phrase_kind
phrase_parse(const char *text, int year, struct phrase *ph)
{
	struct parse *ps;
	char *f;

	memset(ph, 0, sizeof(*ph));
	ph->tod = -1;
	size_t *os = NULL, *oe = NULL;

	if ((f = phrase_fold_map(text ? text : "", &os, &oe)) == NULL ||
	    *f == '\0') {
		free(f);
		free(os);
		free(oe);
		snprintf(ph->rule, sizeof(ph->rule), "none");
		snprintf(ph->note, sizeof(ph->note), "empty");
		return PH_UNKNOWN;
	}
	ps = xcalloc(1, sizeof(*ps));
	ps->ph = ph;
	ps->year = year;
	ps->lx.text = f;
	ps->lx.orig = text;
	ps->lx.ostart = os;
	ps->lx.oend = oe;
	phrase_lex(&ps->lx, f);
	phrase_scan(ps);
	phrase_build(ps);
	list_unread(ps);
	rule_names(ps);
	if (ph->nsched == 0) {
		ph->kind = PH_UNKNOWN;
		phrase_note(ph, "no rule reads this%s", year == 0 ?
		    " (and no year was given to fill in)" : "");
	} else if (ph->nsched == 1)
		ph->kind = ph->sched[0].kind;
	else
		ph->kind = PH_MULTI;
	if (ph->year_assumed && ph->kind != PH_UNKNOWN)
		phrase_note(ph, "no year given: %d assumed", year);
	if (ph->nsched > 0) {
		ph->due = ph->sched[0].due;
		ph->from = ph->sched[0].from;
		ph->until = ph->sched[0].until;
		ph->tod = ph->sched[0].tod;
		ph->quota = ph->sched[0].quota;
		snprintf(ph->rrule, sizeof(ph->rrule), "%s",
		    ph->sched[0].rrule);
	}
	free(ps);
	free(f);
	free(os);
	free(oe);
	return ph->kind;
}

const char *
phrase_kind_name(enum phrase_kind k)
{
	switch (k) {
	case PH_ONCE:
		return "once";
	case PH_RECUR:
		return "recurring";
	case PH_WINDOW:
		return "window";
	case PH_ONGOING:
		return "standing";
	case PH_RELATIVE:
		return "relative";
	case PH_MULTI:
		return "multi";
	case PH_NONE:
		return "none";
	default:
		return "unknown";
	}
}

static int
cmp(struct ymd a, struct ymd b)
{
	return a.y != b.y ? a.y - b.y : a.m != b.m ? a.m - b.m : a.d - b.d;
}

int
phrase_dues(const struct sched *s, struct ymd from, struct ymd *out, int max)
{
	struct ymd start = from;
	time_t t, next, dtstart;
	struct tm tm;
	int n = 0;

	if (max <= 0)
		return 0;
	if (s->kind == PH_ONCE || s->kind == PH_WINDOW) {
		if (s->due.y == 0)
			return 0;
		out[0] = s->due;
		return 1;
	}
	if ((s->kind != PH_RECUR && s->kind != PH_ONGOING) ||
	    s->rrule[0] == '\0')
		return 0;
	if (s->from.y != 0 && cmp(s->from, start) > 0)
		start = s->from;
	if (!ymd_valid(start.y, start.m, start.d))
		return 0;
	dtstart = local_make(start.y, start.m, start.d, 0);
	t = dtstart - 1;
	while (n < max && recur_next(s->rrule, dtstart, t, &next) == 1) {
		localtime_r(&next, &tm);
		out[n].y = tm.tm_year + 1900;
		out[n].m = tm.tm_mon + 1;
		out[n].d = tm.tm_mday;
		if (s->until.y != 0 && cmp(out[n], s->until) > 0)
			break;
		n++;
		t = next;
	}
	return n;
}

static void
ymd_str(char *b, size_t len, const struct ymd *d)
{
	snprintf(b, len, "%02d/%02d/%04d", d->d, d->m, d->y);
}

static const char *
cycle_vi(const char *rrule)
{
	if (strncmp(rrule, "FREQ=WEEKLY", 11) == 0)
		return "hằng tuần";
	if (strncmp(rrule, "FREQ=DAILY", 10) == 0)
		return "hằng ngày (ngày làm việc)";
	if (strstr(rrule, "BYMONTH=3,6,9,12") != NULL ||
	    strstr(rrule, "BYMONTH=1,4,7,10") != NULL ||
	    strstr(rrule, "BYMONTH=2,5,8,11") != NULL)
		return "hằng quý";
	if (strstr(rrule, "BYMONTH=6,12") != NULL)
		return "6 tháng một lần";
	if (strncmp(rrule, "FREQ=MONTHLY", 12) == 0)
		return "hằng tháng";
	return "hằng năm";
}

static const char *
cycle_en(const char *rrule)
{
	if (strncmp(rrule, "FREQ=WEEKLY", 11) == 0)
		return "weekly";
	if (strncmp(rrule, "FREQ=DAILY", 10) == 0)
		return "daily (working days)";
	if (strstr(rrule, "BYMONTH=3,6,9,12") != NULL ||
	    strstr(rrule, "BYMONTH=1,4,7,10") != NULL ||
	    strstr(rrule, "BYMONTH=2,5,8,11") != NULL)
		return "quarterly";
	if (strstr(rrule, "BYMONTH=6,12") != NULL)
		return "half-yearly";
	if (strncmp(rrule, "FREQ=MONTHLY", 12) == 0)
		return "monthly";
	return "yearly";
}

static const char *const unit_vi[] = { "ngày", "ngày làm việc", "tháng",
    "giờ" };
static const char *const unit_en[] = { "day(s)", "working day(s)",
    "month(s)", "hour(s)" };

void
phrase_sched_describe(const struct sched *s, char *vi, size_t vilen,
    char *en, size_t enlen)
{
	char a[16], b[16], t[16] = "", q[48] = "", qe[48] = "";
	size_t o;

	if (s->tod >= 0)
		snprintf(t, sizeof(t), " %02d:%02d", s->tod / 3600,
		    s->tod / 60 % 60);
	if (s->quota > 0) {
		snprintf(q, sizeof(q), ", ít nhất %d lần mỗi kỳ", s->quota);
		snprintf(qe, sizeof(qe), ", at least %d per period", s->quota);
	}
	switch (s->kind) {
	case PH_ONCE:
		ymd_str(a, sizeof(a), &s->due);
		snprintf(vi, vilen, "%s %s%s", s->start ? "bắt đầu" : "hạn", a,
		    t);
		snprintf(en, enlen, "%s %s%s", s->start ? "starts" : "due", a,
		    t);
		break;
	case PH_WINDOW:
		ymd_str(a, sizeof(a), &s->from);
		ymd_str(b, sizeof(b), &s->due);
		snprintf(vi, vilen, "từ %s, hạn %s%s", a, b, t);
		snprintf(en, enlen, "from %s, due %s%s", a, b, t);
		break;
	case PH_RECUR:
		snprintf(vi, vilen, "%s (%s)%s%s", cycle_vi(s->rrule), s->rrule,
		    t, q);
		snprintf(en, enlen, "%s (%s)%s%s", cycle_en(s->rrule), s->rrule,
		    t, qe);
		break;
	case PH_ONGOING:
		snprintf(vi, vilen, "thường xuyên%s%s%s", s->rrule[0] ?
		    "; báo cáo " : "", s->rrule[0] ? cycle_vi(s->rrule) : "",
		    s->open_end ? "; không có ngày kết thúc" : "");
		snprintf(en, enlen, "standing duty%s%s%s", s->rrule[0] ?
		    "; reports " : "", s->rrule[0] ? cycle_en(s->rrule) : "",
		    s->open_end ? "; no end" : "");
		break;
	case PH_RELATIVE:
		if (s->rel_n == 0) {
			snprintf(vi, vilen, "ngay sau sự kiện: %s",
			    s->trigger[0] ? s->trigger : "(không nêu)");
			snprintf(en, enlen, "right after the event: %s",
			    s->trigger[0] ? s->trigger : "(not named)");
			break;
		}
		snprintf(vi, vilen, "%g %s %s sự kiện: %s", s->rel_n < 0 ?
		    -s->rel_n : s->rel_n, unit_vi[s->rel_unit], s->rel_n < 0 ?
		    "trước" : "sau", s->trigger[0] ? s->trigger :
		    "(không nêu)");
		snprintf(en, enlen, "%g %s %s the event: %s", s->rel_n < 0 ?
		    -s->rel_n : s->rel_n, unit_en[s->rel_unit], s->rel_n < 0 ?
		    "before" : "after", s->trigger[0] ? s->trigger :
		    "(not named)");
		break;
	case PH_NONE:
		snprintf(vi, vilen, "không có lịch (%s)", s->trigger);
		snprintf(en, enlen, "no schedule (%s)", s->trigger);
		break;
	default:
		snprintf(vi, vilen, "?");
		snprintf(en, enlen, "?");
		break;
	}
	if (s->until.y != 0 && s->kind != PH_ONCE && s->kind != PH_WINDOW) {
		ymd_str(a, sizeof(a), &s->until);
		o = strlen(vi);
		snprintf(vi + o, vilen - o, ", đến %s", a);
		o = strlen(en);
		snprintf(en + o, enlen - o, ", until %s", a);
	}
}

void
phrase_describe(const struct phrase *p, char *vi, size_t vilen, char *en,
    size_t enlen)
{
	char v[256], e[256];
	size_t a = 0, b = 0;
	int k;

	if (p->kind == PH_UNKNOWN) {
		snprintf(vi, vilen, "không đọc được: %s", p->note);
		snprintf(en, enlen, "not understood: %s", p->note);
		return;
	}
	vi[0] = en[0] = '\0';
	for (k = 0; k < p->nsched; k++) {
		phrase_sched_describe(&p->sched[k], v, sizeof(v), e, sizeof(e));
		if (a < vilen)
			a += (size_t)snprintf(vi + a, vilen - a, "%s%s",
			    k ? " + " : "", v);
		if (b < enlen)
			b += (size_t)snprintf(en + b, enlen - b, "%s%s",
			    k ? " + " : "", e);
	}
}

/*
 * The invariant, checked on the reading's own tokens: every word is
 * consumed by a construction or a filler, or is listed as unread with
 * the reading flagged; a vague word always flags.  Returns 0 when it
 * holds, else -1 with WHY.
 */
int
phrase_invariant(const char *text, char *why, size_t len)
{
	static const char *const vague[] = { "dau thang", "giua thang",
	    "cuoi thang", "dau nam", "giua nam", "cuoi nam", "dau quy",
	    "cuoi quy", "du kien", "som", "kip thoi", "khi co yeu cau" };
	struct phrase ph;
	struct parse *ps;
	char *f, *hay;
	size_t k, *os = NULL, *oe = NULL;
	int i, rc = 0;

	phrase_parse(text, 2025, &ph);
	if ((f = phrase_fold_map(text ? text : "", &os, &oe)) == NULL)
		return 0;
	ps = xcalloc(1, sizeof(*ps));
	ps->lx.text = f;
	phrase_lex(&ps->lx, f);
	/* Every word the reading did not read is listed. */
	hay = xmalloc(strlen(ph.unread) + 3);
	snprintf(hay, strlen(ph.unread) + 3, " %s ", ph.unread);
	if (ph.unread[0] != '\0' && !ph.ambiguous) {
		snprintf(why, len, "unread \"%s\" but not flagged", ph.unread);
		rc = -1;
	}
	/* Vague words flag, however they were consumed. */
	for (k = 0; rc == 0 && k < sizeof(vague) / sizeof(vague[0]); k++)
		for (i = 0; i < ps->lx.n; i++)
			if (tok_seq(&ps->lx, i, vague[k]) &&
			    !((strcmp(vague[k], "cuoi nam") == 0 ||
			    strcmp(vague[k], "dau nam") == 0) && i > 1 &&
			    tok_is(&ps->lx, i - 1, "thang") &&
			    ps->lx.t[i - 2].type == TK_NUM &&
			    (ps->lx.t[i - 2].n[0] == 6 ||
			    ps->lx.t[i - 2].n[0] == 9)) &&
			    !((strcmp(vague[k], "cuoi quy") == 0 ||
			    strcmp(vague[k], "dau quy") == 0) &&
			    tok_is(&ps->lx, i - 1, "thang")) &&
			    !ph.ambiguous && ph.kind != PH_UNKNOWN) {
				snprintf(why, len, "vague \"%s\" not flagged",
				    vague[k]);
				rc = -1;
				break;
			}
	/*
	 * Re-scan: each word is used, a filler, or among the unread; a
	 * list cut short ("…") is checked no further.
	 */
	if (rc == 0 && strstr(ph.unread, "…") == NULL) {
		struct parse *ps2 = xcalloc(1, sizeof(*ps2));
		struct phrase ph2;

		memset(&ph2, 0, sizeof(ph2));
		ps2->ph = &ph2;
		ps2->year = 2025;
		ps2->lx.text = f;
		ps2->lx.orig = text;
		ps2->lx.ostart = os;
		ps2->lx.oend = oe;
		phrase_lex(&ps2->lx, f);
		phrase_scan(ps2);
		for (i = 0; i < ps2->lx.n && rc == 0; i++) {
			const struct tok *t = &ps2->lx.t[i];
			char w[160], b[170];

			if (t->used || t->filler)
				continue;
			phrase_orig(&ps2->lx, i, i, w, sizeof(w));
			snprintf(b, sizeof(b), " %s ", w);
			if (strstr(hay, b) == NULL) {
				snprintf(why, len, "\"%s\" neither read, filler "
				    "nor listed", b);
				rc = -1;
			}
		}
		free(ps2);
	}
	free(hay);
	free(ps);
	free(f);
	free(os);
	free(oe);
	return rc;
}
