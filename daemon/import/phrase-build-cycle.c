/*
 * phrase-build-cycle.c: a clause with a cycle becomes an RRULE: its day of
 * the month ("ngày 25"), month of the quarter ("tháng cuối quý"), date of
 * the year ("10/12"), weekday and week ("thứ ba, tuần thứ ba"), time and
 * quota.  Quarters are due 31/3, 30/6, 30/9, 31/12, halves 30/6, 31/12;
 * "trước ngày X" is due the day before; what had to be chosen is flagged.
 */
#include <stdio.h>
#include <string.h>

#include "phrase-int.h"

static const char *const bydays[] = { "", "MO", "TU", "WE", "TH", "FR",
    "SA", "SU" };

/*
 * A recurrence of cycle CY, anchored by the clause's days, weekdays,
 * months, dates and times.
 */
void
build_cycle(struct parse *ps, const struct part *p, int n, int cy)
{
	struct phrase *ph = ps->ph;
	const struct part *day = ph_first(p, n, PT_DAY), *wd = NULL, *qm = ph_first(p, n, PT_QMONTH), *tm = ph_first(p, n,
	    PT_TIME), *q = ph_first(p, n, PT_QUOTA), *mo = NULL, *vg;
	const struct part *dates[4];
	struct sched *s;
	int k, nd = 0, before = 0, from = 0, next = ph_has(p, n, PT_NEXTYEAR) > 0;
	char r[128];

	struct part wdm;
	char days[40] = "";
	size_t dl = 0;

	memset(&wdm, 0, sizeof(wdm));
	for (k = 0; k < n; k++) {
		/* "thứ ba, tuần thứ ba": the day and the week, together. */
		if (p[k].type == PT_WEEKDAY) {
			/* "thứ 2 và thứ 5": every day named. */
			if (p[k].a != 0 && strstr(days, bydays[p[k].a]) == NULL &&
			    dl + 4 < sizeof(days))
				dl += (size_t)snprintf(days + dl, sizeof(days) - dl,
				    "%s%s", dl ? "," : "", bydays[p[k].a]);
			if (p[k].a != 0)
				wdm.a = p[k].a;
			if (p[k].b != 0)
				wdm.b = p[k].b;
			wd = &wdm;
		}
		if (p[k].type == PT_BOUND && p[k].a == BD_BEFORE)
			before = 1;
		if (p[k].type == PT_BOUND && p[k].a == BD_FROM)
			from = 1;
		if (p[k].type == PT_DATE && p[k].c == 0 && nd < 4)
			dates[nd++] = &p[k];
		if (p[k].type == PT_MONTH && p[k].c == 0 && mo == NULL)
			mo = &p[k];
	}
	if ((s = ph_sched_new(ph, PH_RECUR)) == NULL)
		return;
	if (q != NULL)
		s->quota = q->a;
	if (tm != NULL)
		s->tod = tm->a == 24 * 3600 ? -1 : tm->a;
	r[0] = '\0';
	if (nd == 2 && from && cy == CY_YEARLY) {
		/* "từ ngày 01 tháng 11 đến hết ngày 31 tháng 12 hằng năm". */
		snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;BYMONTHDAY=%d",
		    dates[1]->b, dates[1]->a);
		phrase_note(ph, "each year from %02d/%02d", dates[0]->a,
		    dates[0]->b);
		nd = 1;
		dates[0] = dates[1];
		goto done;
	}
	if (nd > 1) {
		ph_flag(ph, "%s", "several dates for one recurrence: the first "
		    "chosen");
		nd = 1;
	}
	switch (cy) {
	case CY_DAILY:
		snprintf(r, sizeof(r), "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR");
		phrase_note(ph, "daily: on working days");
		break;
	case CY_WEEKLY:
		if (wd != NULL && wd->a > 0)
			snprintf(r, sizeof(r), "FREQ=WEEKLY;BYDAY=%s", days);
		else {
			snprintf(r, sizeof(r), "FREQ=WEEKLY;BYDAY=FR");
			phrase_note(ph, "no weekday given: due on Fridays, "
			    "the week's last working day");
		}
		if (before && tm == NULL && wd != NULL) {
			ph_flag(ph, "%s", "\"trước thứ ...\": due on that day");
		}
		break;
	case CY_MONTHLY:
		if (wd != NULL && wd->a > 0 && wd->b != 0)
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYDAY=%s;"
			    "BYSETPOS=%d", bydays[wd->a], wd->b);
		else if (wd != NULL && wd->b != 0 && day == NULL) {
			/* "tuần đầu tiên của tháng": by that week's Friday. */
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYDAY=FR;"
			    "BYSETPOS=%d", wd->b);
			ph_flag(ph, "%s", "a week with no weekday: its Friday "
			    "chosen");
		} else if (day != NULL && !from && ph_has(p, n, PT_DAY) > 1) {
			/* "ngày 15 hằng tháng và ngày cuối tháng": both. */
			size_t o = (size_t)snprintf(r, sizeof(r),
			    "FREQ=MONTHLY;BYMONTHDAY=");
			int nd2 = 0;

			for (k = 0; k < n && o < sizeof(r); k++)
				if (p[k].type == PT_DAY) {
					int d = p[k].a - (before && tm == NULL &&
					    p[k].a > 0);

					o += (size_t)snprintf(r + o, sizeof(r) - o,
					    "%s%d", nd2++ ? "," : "",
					    d <= 0 || d == 31 ? -1 : d);
					if (d > 28 && d < 31)
						ph_flag(ph, "%s", "not every month "
						    "has that day: those months "
						    "are skipped");
				}
		} else if (day != NULL) {
			int d = day->a;

			/* "Từ ngày 25 đến ngày 30 hằng tháng": due the 30th. */
			if (from && ph_has(p, n, PT_DAY) > 1) {
				for (k = n - 1; p[k].type != PT_DAY; k--)
					;
				phrase_note(ph, "each month from the %d",
				    day->a);
				d = p[k].a;
			}

			if (before && tm == NULL && d > 0)
				d--;
			if (d == 0 || d == -1 || d == 31)
				snprintf(r, sizeof(r), "FREQ=MONTHLY;"
				    "BYMONTHDAY=-1");
			else {
				snprintf(r, sizeof(r), "FREQ=MONTHLY;"
				    "BYMONTHDAY=%d", d);
				if (d > 28)
					ph_flag(ph, "%s", "not every month has "
					    "that day: those months are "
					    "skipped");
			}
		} else if (nd == 1) {
			ph_flag(ph, "%s", "a date for a monthly cycle: its day "
			    "chosen");
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYMONTHDAY=%d",
			    dates[0]->a - (before && tm == NULL));
		} else {
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYMONTHDAY=-1");
			if (wd != NULL)
				ph_flag(ph, "%s", "a weekday with no week of the "
				    "month: the month's last day chosen");
			else
				phrase_note(ph, "no day given: due on the "
				    "month's last day");
		}
		break;
	case CY_QUARTERLY:
		if (day != NULL) {
			int d = day->a - (before && tm == NULL && day->a > 0);
			int m0 = qm != NULL ? qm->a : 3;

			if (qm == NULL)
				ph_flag(ph, "%s", "a day with no month of the "
				    "quarter: the quarter's last month chosen");
			if (m0 == 4 || m0 == 1)
				snprintf(r, sizeof(r), "FREQ=YEARLY;"
				    "BYMONTH=1,4,7,10;BYMONTHDAY=%d", d ? d :
				    1);
			else
				snprintf(r, sizeof(r), "FREQ=YEARLY;"
				    "BYMONTH=3,6,9,12;BYMONTHDAY=%d", d ? d :
				    -1);
			if (d == 0)
				ph_flag(ph, "%s", "\"trước ngày 01\": the day before "
				    "is in another month");
		} else if (nd == 1) {
			int m = dates[0]->b, d = dates[0]->a;

			if (before && tm == NULL && --d == 0)
				d = -1;
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d,%d,%d,%d;"
			    "BYMONTHDAY=%d", (m - 1) % 3 + 1, (m - 1) % 3 + 4,
			    (m - 1) % 3 + 7, (m - 1) % 3 + 10, d);
		} else {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=3,6,9,12;"
			    "BYMONTHDAY=-1");
			phrase_note(ph, "no day given: due on the quarter's "
			    "last day");
		}
		break;
	case CY_HALF:
	case CY_YEARLY:
		if (nd == 1) {
			struct ymd t;

			ymd_set(&t, 2001, dates[0]->b, dates[0]->a);
			if (before && tm == NULL) {
				s->limit = t;
				ymd_prev(&t);
			}
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=%d", t.m, t.d);
			if (cy == CY_HALF)
				phrase_note(ph, "the half-year's report, once a "
				    "year on that date");
		} else if (mo != NULL) {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=-1", mo->b);
		} else if (ph_first(p, n, PT_QUARTER) != NULL &&
		    ph_first(p, n, PT_QUARTER)->c == 0) {
			/* "Quý I và Quý III hằng năm": each quarter's last day. */
			size_t o = (size_t)snprintf(r, sizeof(r),
			    "FREQ=YEARLY;BYMONTH=");
			int nq = 0, qs[5] = { 0 };

			for (k = 0; k < n; k++)
				if (p[k].type == PT_QUARTER && p[k].c == 0)
					qs[p[k].a] = 1;
			for (k = 1; k <= 4; k++)
				if (qs[k])
					o += (size_t)snprintf(r + o, sizeof(r) - o,
					    "%s%d", nq++ ? "," : "", k * 3);
			snprintf(r + o, sizeof(r) - o, ";BYMONTHDAY=-1");
		} else if (ph_first(p, n, PT_HALF) != NULL &&
		    ph_first(p, n, PT_HALF)->c == 0) {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=%d;"
			    "BYMONTHDAY=-1", ph_first(p, n, PT_HALF)->a * 6);
		} else if (cy == CY_HALF)
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=6,12;"
			    "BYMONTHDAY=-1");
		else {
			snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=12;"
			    "BYMONTHDAY=31");
			if (day != NULL)
				ph_flag(ph, "%s", "a day with no month for a yearly "
				    "cycle: 31/12 chosen");
			else
				phrase_note(ph, "no day given: due on 31/12");
		}
		if (next)
			phrase_note(ph, "of the following year");
		break;
	default:
		snprintf(r, sizeof(r), "FREQ=YEARLY;BYMONTH=3,6,9,12;"
		    "BYMONTHDAY=-1");
		ph_flag(ph, "%s", "\"định kỳ\" with no period: quarterly chosen");
		break;
	}
done:
	if ((vg = ph_first(p, n, PT_VAGUE)) != NULL && vg->a != VG_WORD &&
	    day == NULL && nd == 0) {
		/* "cuối tháng", "đầu quý" inside a cycle: the legal day. */
		if (cy == CY_MONTHLY && vg->b == CY_MONTHLY)
			snprintf(r, sizeof(r), "FREQ=MONTHLY;BYMONTHDAY=%s",
			    vg->a == VG_START ? "1" : vg->a == VG_MIDDLE ?
			    "15" : "-1");
	}
	/* "Hằng quý (Quý IV)": a period the cycle cannot hold. */
	for (k = 0; k < n; k++)
		if ((p[k].type == PT_QUARTER || (p[k].type == PT_MONTH &&
		    cy != CY_HALF)) && p[k].c == 0 && cy != CY_YEARLY) {
			ph_flag(ph, "%s", "a month or quarter the cycle does not "
			    "use");
			break;
		}
	snprintf(s->rrule, sizeof(s->rrule), "%s", r);
}
