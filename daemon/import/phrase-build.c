/*
 * phrase-build.c: the last step of reading a timing phrase: the parts
 * the constructions found are grouped into clauses (at commas, brackets,
 * "và"), each clause gives its schedules, and the schedules are put
 * together: a window bounds the recurrence beside it, a start joins the
 * deadline after it, and what remains several is a multi reading.
 *
 * The conventions are those of the Civil Code 2015, arts. 144-148, as
 * civil servants apply them: "trước ngày X" is due the day before X;
 * "chậm nhất (là) ngày X", "đến (hết) ngày X" and a bare date on X; a
 * month, quarter (31/3, 30/6, 30/9, 31/12), half (30/6, 31/12) or year is
 * a window due on its last day; "trước năm Y" is due on 31/12 of Y-1;
 * "đầu/giữa/cuối" tháng or năm are the 1st, the 15th (30/6) and the last
 * day, always flagged.
 */
#include <stdio.h>
#include <string.h>

#include "phrase-int.h"

static int
is_head(enum part_type t)
{
	return t == PT_DATE || t == PT_MONTH || t == PT_QUARTER ||
	    t == PT_HALF || t == PT_YEAR || t == PT_REL ||
	    t == PT_EVENT || t == PT_STANDING || t == PT_STATUS ||
	    t == PT_QMONTH;
}

static int
is_head_part(const struct part *p)
{
	return p->type == PT_CYCLE ? p->a != CY_PERIODIC : is_head(p->type);
}

/*
 * Whether a clause holds only what anchors a cycle: days, dates with no
 * year, bounds, times.
 */
static int
anchors_only(const struct part *p, int n)
{
	int k, dates = 0;

	for (k = 0; k < n; k++) {
		if (((p[k].type == PT_DATE || p[k].type == PT_MONTH ||
		    p[k].type == PT_QUARTER) && p[k].c == 0) ||
		    p[k].type == PT_DAY)
			dates++;
		else if (p[k].type != PT_BOUND && p[k].type != PT_TIME &&
		    p[k].type != PT_VAGUE && p[k].type != PT_QMONTH &&
		    p[k].type != PT_NEXTYEAR)
			return 0;
	}
	return dates > 0;
}

/* A clause: parts P[0..N-1], between separators. */
static void
build_clause(struct parse *ps, const struct part *p, int n)
{
	struct phrase *ph = ps->ph;
	struct sched *s;
	int k, cy[8], ncy = 0, j, start = ph->nsched;

	for (k = 0; k < n; k++) {
		if (p[k].type == PT_REL && p[k].d && ph->nsched > 0 &&
		    ph->sched[ph->nsched - 1].kind == PH_RELATIVE) {
			phrase_note(ph, "at most %g %s after: %s", p[k].f,
			    p[k].a == REL_WORKDAYS ? "working days" : p[k].a ==
			    REL_MONTHS ? "months" : p[k].a == REL_HOURS ?
			    "hours" : "days", p[k].text);
			continue;
		}
		if (p[k].type == PT_REL && p[k].c != 0 && p[k].a == REL_DAYS &&
		    p[k].b > 0 && p[k].f == (int)p[k].f && p[k].f >= 1 &&
		    p[k].f <= 28) {
			/*
			 * "20 ngày kể từ ngày kết thúc quý": a month ends the
			 * period, so day N of the next month, each period.
			 */
			static const char *const months[] = { "", "", "",
			    "", "1,4,7,10", "1,7", "1" };

			if ((s = ph_sched_new(ph, PH_RECUR)) == NULL)
				return;
			if (p[k].c == CY_MONTHLY)
				snprintf(s->rrule, sizeof(s->rrule),
				    "FREQ=MONTHLY;BYMONTHDAY=%d", (int)p[k].f);
			else
				snprintf(s->rrule, sizeof(s->rrule),
				    "FREQ=YEARLY;BYMONTH=%s;BYMONTHDAY=%d",
				    months[p[k].c], (int)p[k].f);
			phrase_note(ph, "%d days after each period ends",
			    (int)p[k].f);
			continue;
		}
		if (p[k].type == PT_REL) {
			if ((s = ph_sched_new(ph, PH_RELATIVE)) == NULL)
				return;
			s->rel_n = p[k].f * p[k].b;
			s->rel_unit = p[k].a;
			snprintf(s->trigger, sizeof(s->trigger), "%s",
			    p[k].text);
			if (p[k].text[0] == '\0')
				ph_flag(ph, "%s", "a period with no trigger named: "
				    "it starts when the task is started");
			if (p[k].f != (int)p[k].f)
				phrase_note(ph, "a fraction of a working day: "
				    "0.25 day is two office hours");
		} else if (p[k].type == PT_EVENT) {
			if ((s = ph_sched_new(ph, PH_RELATIVE)) == NULL)
				return;
			snprintf(s->trigger, sizeof(s->trigger), "%s",
			    p[k].text);
			if (p[k].b) {
				s->kind = PH_ONGOING;
				s->open_end = 1;
				ph_flag(ph, "%s", "until an event: a standing duty "
				    "with no horizon");
			} else
				phrase_note(ph, "after an event, no period: due "
				    "when the task is started");
		} else if (p[k].type == PT_CYCLE && p[k].a != CY_PERIODIC) {
			for (j = 0; j < ncy && cy[j] != p[k].a; j++)
				;
			if (j == ncy && ncy < 8)
				cy[ncy++] = p[k].a;
		}
	}
	if (ncy == 0 && ph_has(p, n, PT_QMONTH))
		cy[ncy++] = CY_QUARTERLY;
	/*
	 * "ngày 31 tháng 01 của năm sau liền kề": a day of the year after
	 * each reference year, so once a year.
	 */
	if (ncy == 0 && ps->yearly && ((ph_first(p, n, PT_DATE) != NULL &&
	    ph_first(p, n, PT_DATE)->c == 0) || (ph_first(p, n, PT_MONTH) != NULL &&
	    ph_first(p, n, PT_MONTH)->c == 0) || (ph_first(p, n, PT_QUARTER) !=
	    NULL && ph_first(p, n, PT_QUARTER)->c == 0))) {
		/* "Trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm". */
		cy[ncy++] = CY_YEARLY;
		phrase_note(ph, "\"hằng năm\" covers every date named");
	}
	if (ncy == 0 && ps->nextyear && ph_first(p, n, PT_DATE) != NULL &&
	    ph_first(p, n, PT_DATE)->c == 0) {
		cy[ncy++] = CY_YEARLY;
		phrase_note(ph, "the year after each reference year: yearly");
	}
	/* "Định kỳ" naming no period is not read: no cycle is guessed. */
	if (ncy == 0 && ph_has(p, n, PT_CYCLE) && !ps->cycles)
		ph_flag(ph, "%s", "\"định kỳ\" names no period");
	if (ph_has(p, n, PT_STANDING)) {
		if ((s = ph_sched_new(ph, PH_ONGOING)) == NULL)
			return;
		if (ph_has(p, n, PT_FOLLOWING))
			s->open_end = 1;
	}
	/* A weekday with no cycle: "vào thứ 6" with nothing else. */
	if (ncy == 0 && ph_has(p, n, PT_WEEKDAY) && !ph_has(p, n, PT_DATE))
		ph_flag(ph, "%s", "a weekday with no cycle or date");
	for (k = 0; k < ncy; k++)
		build_cycle(ps, p, n, cy[k]);
	if (ncy > 1)
		phrase_note(ph, "one schedule for each period named");
	if (ncy == 0 && !ph_has(p, n, PT_REL) && !ph_has(p, n, PT_EVENT))
		build_dates(ps, p, n, 0);
	else if (ncy > 0)
		/* Dated bounds of a recurrence: "từ 16/4/2025 - 31/10/2025". */
		build_dates(ps, p, n, 1);
	if (ph_has(p, n, PT_STATUS) && ph->nsched == start) {
		const struct part *st = ph_first(p, n, PT_STATUS);

		if ((s = ph_sched_new(ph, PH_NONE)) == NULL)
			return;
		snprintf(s->trigger, sizeof(s->trigger), "%s", st->text);
		ph_flag(ph, "not a schedule (\"%s\"): imported without a deadline",
		    st->text);
	}
}

static void
drop(struct phrase *ph, int k)
{
	memmove(&ph->sched[k], &ph->sched[k + 1], (size_t)(ph->nsched - k -
	    1) * sizeof(ph->sched[0]));
	ph->nsched--;
}

/* Puts the schedules of the clauses together. */
static void
combine(struct parse *ps)
{
	struct phrase *ph = ps->ph;
	int k, j, nrec = 0, win = -1, nwin = 0, follow = 0, std = -1;

	for (k = 0; k < ps->np; k++) {
		if (ps->p[k].type == PT_FOLLOWING)
			follow = 1;
		/* "... và các năm tiếp theo đến năm 2030": an end after all. */
		if (follow && ps->p[k].type == PT_BOUND &&
		    ps->p[k].a == BD_UNTIL)
			follow = 0;
	}
	for (k = 0; k < ph->nsched; k++) {
		if (ph->sched[k].kind == PH_RECUR)
			nrec++;
		if (ph->sched[k].kind == PH_WINDOW) {
			win = k;
			nwin++;
		}
		if (ph->sched[k].kind == PH_ONGOING)
			std = k;
	}
	/* "và các năm tiếp theo": open-ended from the first year named. */
	if (follow) {
		if (nwin >= 1 && ph->sched[win].due.y > ph->sched[0].from.y &&
		    win > 0 && ph->sched[0].kind == PH_WINDOW &&
		    ph->sched[0].from.y == ph->sched[0].due.y &&
		    ph->sched[0].due.m == 12) {
			/* "năm 2025 và các năm tiếp theo đến năm 2030". */
			ph->sched[win].from = ph->sched[0].from;
			drop(ph, 0);
			return;
		}
		if (std == -1 && nwin >= 1) {
			ph->sched[win].kind = PH_ONGOING;
			ph->sched[win].open_end = 1;
			memset(&ph->sched[win].due, 0, sizeof(struct ymd));
		} else if (std == -1 && nrec == 0 && ph->nsched == 0) {
			ph_flag(ph, "%s", "\"các năm tiếp theo\" with no first "
			    "year");
			return;
		}
		for (k = 0; k < ph->nsched; k++)
			if (ph->sched[k].kind == PH_RECUR ||
			    ph->sched[k].kind == PH_ONGOING)
				ph->sched[k].open_end = 1;
		ph_flag(ph, "%s", "\"và các năm tiếp theo\": no end; it does not "
		    "end with the plan's period");
	}
	/* A dated window bounds the recurrences beside it. */
	if (nwin == 1 && nrec > 0 && ph->sched[win].from.y != 0 &&
	    !ph->sched[win].noyear) {
		for (k = 0; k < ph->nsched; k++)
			if (ph->sched[k].kind == PH_RECUR) {
				ph->sched[k].from = ph->sched[win].from;
				ph->sched[k].until = ph->sched[win].due;
			}
		phrase_note(ph, "the recurrence runs from %02d/%02d/%04d to "
		    "%02d/%02d/%04d", ph->sched[win].from.d,
		    ph->sched[win].from.m, ph->sched[win].from.y,
		    ph->sched[win].due.d, ph->sched[win].due.m,
		    ph->sched[win].due.y);
		drop(ph, win);
	}
	/* "bắt đầu từ tháng 4/2020, hoàn thành trước ngày 30/6/2020". */
	for (k = 0; k + 1 < ph->nsched; k++) {
		struct sched *a = &ph->sched[k], *b = &ph->sched[k + 1];

		if (a->kind == PH_ONCE && a->start && (b->kind == PH_ONCE ||
		    b->kind == PH_WINDOW) && !b->soft && !b->start &&
		    ymd_before(&a->due, &b->due)) {
			b->from = a->due;
			b->kind = PH_WINDOW;
			drop(ph, k);
			k--;
		}
	}
	/* "Năm 2025 (hoàn thành trước 30/6/2025)": the year is context. */
	for (k = 0; k < ph->nsched; k++) {
		struct sched *w = &ph->sched[k];

		if (w->kind != PH_WINDOW || w->from.m != 1 || w->from.d != 1 ||
		    w->due.m != 12 || w->due.d != 31 || w->from.y != w->due.y)
			continue;
		for (j = 0; j < ph->nsched; j++)
			if (j != k && (ph->sched[j].kind == PH_ONCE ||
			    (ph->sched[j].kind == PH_WINDOW &&
			    ph->sched[j].from.y == w->from.y &&
			    ph->sched[j].due.y == w->due.y &&
			    !ymd_same(&ph->sched[j].due, &w->due))) &&
			    ph->sched[j].due.y == w->due.y)
				break;
		if (j < ph->nsched) {
			phrase_note(ph, "the year %d is the context of the "
			    "date in it", w->due.y);
			drop(ph, k);
			k--;
		}
	}
	/* The same schedule twice ("hàng năm ... hàng năm"). */
	for (k = 0; k < ph->nsched; k++)
		for (j = k + 1; j < ph->nsched; j++)
			if (ph->sched[k].kind == ph->sched[j].kind &&
			    strcmp(ph->sched[k].rrule, ph->sched[j].rrule) ==
			    0 && ymd_same(&ph->sched[k].due, &ph->sched[j].due) &&
			    strcmp(ph->sched[k].trigger,
			    ph->sched[j].trigger) == 0) {
				drop(ph, j);
				j--;
			}
	for (k = 0; k < ph->nsched && ph->nsched > 1; k++)
		if (ph->sched[k].kind == PH_RELATIVE) {
			ph_flag(ph, "%s", "a deadline beside an event: check "
			    "which one applies");
			break;
		}
	for (k = 0; k < ph->nsched; k++) {
		if (ph->sched[k].kind == PH_ONCE && ph->sched[k].start)
			ph_flag(ph, "%s", "a start with no end: due on the start "
			    "day");
		if (ph->sched[k].soft)
			phrase_note(ph, "\"phấn đấu\": a target");
	}
}

void
phrase_build(struct parse *ps)
{
	struct phrase *ph = ps->ph;
	int k, c0 = 0, nheads, ci;
	size_t note0 = 0;
	int clause[PH_MAXPART + 2], nc = 0;
	struct part merged[PH_MAXPART];

	for (k = 0; k < ps->np; k++) {
		if ((ps->p[k].type == PT_CYCLE && ps->p[k].a != CY_PERIODIC) ||
		    ps->p[k].type == PT_QMONTH)
			ps->cycles++;
		if (ps->p[k].type == PT_NEXTYEAR)
			ps->nextyear = 1;
		if (ps->p[k].type == PT_CYCLE && ps->p[k].a == CY_YEARLY)
			ps->yearly = 1;
	}
	/*
	 * "tháng 3 và tháng 9/2025", "Quý III, Quý IV/2025": a list shares
	 * the year written at its end.
	 */
	for (k = 0; k < ps->np; k++) {
		struct part *a = &ps->p[k];
		int j, sep = 0;

		if ((a->type != PT_DATE && a->type != PT_MONTH &&
		    a->type != PT_QUARTER) || a->c != 0)
			continue;
		for (j = k + 1; j < ps->np && (ps->p[j].type == PT_SEP ||
		    ps->p[j].type == PT_ALT); j++)
			sep = 1;
		if (sep && j < ps->np && ps->p[j].type == a->type &&
		    ps->p[j].c != 0)
			a->c = ps->p[j].c;
	}
	/* Clause starts. */
	clause[nc++] = 0;
	for (k = 0; k < ps->np; k++)
		if (ps->p[k].type == PT_SEP)
			clause[nc++] = k + 1;
	clause[nc] = ps->np + 1;
	/*
	 * A clause with no head of its own ("trước 17h00," before "thứ 6
	 * hằng tuần") goes with the next clause, or the one before.
	 */
	for (ci = 0; ci < nc; ci++) {
		int a = clause[ci], b = clause[ci + 1] - 1, m = 0;

		nheads = 0;
		for (k = a; k < b; k++)
			nheads += is_head_part(&ps->p[k]);
		if (nheads == 0 && ci + 1 < nc) {
			int na = clause[ci + 1], nb = clause[ci + 2] - 1, h = 0;

			for (k = na; k < nb; k++)
				h += is_head_part(&ps->p[k]);
			if (h > 0 && b > a) {
				/* Keep the bound and time for the next one. */
				for (k = a; k < b; k++)
					merged[m++] = ps->p[k];
				for (k = na; k < nb; k++)
					merged[m++] = ps->p[k];
				build_clause(ps, merged, m);
				ci++;
				continue;
			}
		}
		if (ci > 0 && b > a && anchors_only(&ps->p[a], b - a) &&
		    ph_has(&ps->p[clause[ci - 1]], clause[ci] - 1 - clause[ci - 1],
		    PT_CYCLE) && !ph_has(&ps->p[clause[ci - 1]], clause[ci] - 1 -
		    clause[ci - 1], PT_DATE) && !ph_has(&ps->p[clause[ci - 1]],
		    clause[ci] - 1 - clause[ci - 1], PT_DAY))
			nheads = 0;	/* "Định kỳ 06 tháng (trước ngày 05 tháng 6)" */
		if (nheads == 0 && b > a && ci > 0 && (ph_has(&ps->p[a], b - a,
		    PT_TIME) || ph_has(&ps->p[a], b - a, PT_WEEKDAY) ||
		    ph_has(&ps->p[a], b - a, PT_QUOTA) || ph_has(&ps->p[a], b - a,
		    PT_DAY) || ph_has(&ps->p[a], b - a, PT_DATE) ||
		    ph_has(&ps->p[a], b - a, PT_MONTH) || ph_has(&ps->p[a], b - a,
		    PT_QUARTER))) {
			/* Re-build the clause before with these too. */
			int pa = clause[ci - 1], pb = clause[ci] - 1;

			for (k = pa; k < pb; k++)
				merged[m++] = ps->p[k];
			for (k = a; k < b; k++)
				merged[m++] = ps->p[k];
			/* What the first reading of that clause said goes. */
			ph->nsched = c0;
			ph->note[note0] = '\0';
			build_clause(ps, merged, m);
			continue;
		}
		c0 = ph->nsched;
		note0 = strlen(ph->note);
		/* "Trước ngày 05 tháng 7 và ngày 05 tháng 01": both before. */
		if (b > a && ci > 0 && ps->p[a - 1].a == 1 &&
		    (ps->p[a].type == PT_DATE || ps->p[a].type == PT_DAY)) {
			const struct part *bd = NULL;

			for (k = clause[ci - 1]; k < a - 1; k++)
				if (ps->p[k].type == PT_BOUND)
					bd = &ps->p[k];
			if (bd != NULL) {
				merged[m++] = *bd;
				for (k = a; k < b; k++)
					merged[m++] = ps->p[k];
				build_clause(ps, merged, m);
				continue;
			}
		}
		if (b > a)
			build_clause(ps, &ps->p[a], b - a);
	}
	combine(ps);
	for (k = 0; k < ps->np; k++)
		if (ps->p[k].type == PT_STATUS && ps->p[k].a) {
			/* "Nghỉ Tết", "hoán đổi ngày làm việc": no task. */
			struct sched *s;

			ph->nsched = 0;
			if ((s = ph_sched_new(ph, PH_NONE)) != NULL)
				snprintf(s->trigger, sizeof(s->trigger), "%s",
				    ps->p[k].text);
			ph_flag(ph, "a change of the calendar (\"%s\"), not a "
			    "task", ps->p[k].text);
			break;
		}
	for (ci = 0; ci < ph->nsched && ph->nsched > 1; ci++)
		if (ph->sched[ci].kind == PH_NONE) {
			drop(ph, ci);
			ci--;
		}
	for (k = 0; k < ps->np; k++) {
		if (ps->p[k].type == PT_VAGUE) {
			ph->ambiguous = 1;
			phrase_note(ph, "\"%s\" is vague", ps->p[k].text);
		} else if (ps->p[k].type == PT_ALT) {
			/* One of them is meant, not all: the first is kept. */
			ph->ambiguous = 1;
			phrase_note(ph, "\"hoặc\": alternatives; the first "
			    "read chosen");
			if (ph->nsched > 1)
				ph->nsched = 1;
		} else if (ps->p[k].type == PT_STATUS && ph->nsched > 1)
			ph_flag(ph, "\"%s\" beside a schedule", ps->p[k].text);
	}
}
