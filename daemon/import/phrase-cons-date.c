/*
 * phrase-cons-date.c: the constructions of dates and periods: "31/01/2023",
 * "15.4", "ngày 5 tháng 3 năm 2024", "ngày 25" (a day of a month given
 * elsewhere), months ("Tháng 6/2026", "tháng 10-12/2026", "12/2025"),
 * quarters ("Quý III/2019", "Quí IV-2025", "Quý III, IV/2025"), halves,
 * years and periods ("2026-2030", "giai đoạn 2021-2025"), Tết, clock
 * times, and the numbers plans spell out in brackets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lunar.h"
#include "phrase-cons.h"

/* Spelled-out numbers, as plans repeat them in brackets. */
static int
number_word(const char *w)
{
	static const struct {
		const char	*w;
		int		 v;
	} nw[] = {
		{ "khong", 0 }, { "mot", 1 }, { "hai", 2 }, { "ba", 3 },
		{ "bon", 4 }, { "tu", 4 }, { "nam", 5 }, { "lam", 5 },
		{ "sau", 6 }, { "bay", 7 }, { "tam", 8 }, { "chin", 9 },
		{ "muoi", 10 }, { "linh", -2 }, { "le", -2 }, { "tram", 100 },
	};
	size_t k;

	for (k = 0; k < sizeof(nw) / sizeof(nw[0]); k++)
		if (strcmp(w, nw[k].w) == 0)
			return nw[k].v;
	return -1;
}

/* "(mười lăm)" after 15: the number spelled out, checked. */
int
c_spelled(struct parse *ps, int i)
{
	const struct tok *prev = tk(ps, i - 1);
	int k = i + 1, v = 0, unit = -1, w, want;

	if (!punct(ps, i, '(') || i == 0)
		return 0;
	if (prev->type == TK_NUM)
		want = prev->n[0];
	else if (prev->type == TK_GROUP)
		want = prev->n[prev->nn - 1];
	else
		return 0;
	for (; tk(ps, k)->type == TK_WORD; k++) {
		if ((w = number_word(tk(ps, k)->w)) == -1)
			return 0;
		if (w == 100) {
			v = (v + (unit > 0 ? unit : 1)) * 100;
			unit = -1;
		} else if (w == 10) {
			v += (unit > 0 ? unit : 1) * 10;
			unit = -1;
		} else if (w >= 0)
			unit = w;
	}
	if (k == i + 1 || !punct(ps, k, ')'))
		return 0;
	if (unit > 0)
		v += unit;
	if (v != want) {
		phrase_note(ps->ph, "the number in brackets (%d) is not %d",
		    v, want);
		ps->ph->ambiguous = 1;
	}
	return k - i + 1;
}

static struct part *
date_part(struct parse *ps, int i, int d, int m, int y)
{
	struct part *p;

	if ((p = part_add(ps, PT_DATE, i)) != NULL) {
		p->a = d;
		p->b = m;
		p->c = y;
	}
	return p;
}

static int
dm_ok(int d, int m)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= ymd_days_in(2000, m);
}

/* A year as written after a date: four digits, or two ("15/4/25"). */
static int
group_year(const struct tok *t, int k)
{
	if (year_ok(t->n[k], t->nd[k]))
		return t->n[k];
	if (t->nd[k] == 2)
		return 2000 + t->n[k];
	return 0;
}

/*
 * Dates: "31/01/2023", "15/4", "10-10", "21.9", "ngày 5 tháng 3 năm
 * 2024", "ngày 10 tháng 10", "ngày 25" (a day, its month from context),
 * "ngày cuối cùng của tháng".
 */
int
c_date(struct parse *ps, int i)
{
	const struct tok *t;
	struct part *p;
	int n = 0, d, m, y = 0, k;

	if (is(ps, i, "ngay"))
		n = 1;
	t = tk(ps, i + n);
	if (t->type == TK_GROUP && t->nn == 3 && t->nd[0] <= 2 &&
	    t->nd[1] <= 2 && (y = group_year(t, 2)) != 0 &&
	    t->sep[0] == t->sep[1]) {
		if (!dm_ok(t->n[0], t->n[1]) || !ymd_valid(y, t->n[1],
		    t->n[0]))
			return 0;
		date_part(ps, i, t->n[0], t->n[1], y);
		return n + 1;
	}
	if (t->type == TK_GROUP && t->nn == 2 && t->nd[0] <= 2 &&
	    t->nd[1] <= 2 && dm_ok(t->n[0], t->n[1])) {
		/* "15/4": a day and a month; the year comes later. */
		if (n == 0 && (is(ps, i - 1, "thang") || is(ps, i - 1, "quy")))
			return 0;
		date_part(ps, i, t->n[0], t->n[1], 0);
		n++;
		if (is(ps, i + n, "toi")) {
			phrase_note(ps->ph, "\"tới\": the next %d/%d after "
			    "the document's date", t->n[0], t->n[1]);
			ps->ph->ambiguous = 1;
			n++;
		}
		return n;
	}
	if (n == 1 && seq(ps, i + 1, "cuoi thang")) {
		/* "ngày cuối tháng": the month's last day, flagged. */
		if ((p = part_add(ps, PT_DAY, i)) != NULL)
			p->a = -1;
		if ((p = part_add(ps, PT_VAGUE, i)) != NULL) {
			p->a = VG_WORD;
			snprintf(p->text, sizeof(p->text), "ngay cuoi thang");
		}
		return 3;
	}
	if (n == 1 && seq(ps, i + 1, "cuoi cung")) {
		if ((p = part_add(ps, PT_DAY, i)) != NULL)
			p->a = -1;
		n = 3;
		if (seq(ps, i + n, "cua thang"))
			n += 2;
		return n;
	}
	/* "ngày D tháng M [năm Y]", also without "ngày". */
	if (num(ps, i + n) && is(ps, i + n + 1, "thang") && num(ps, i + n + 2)) {
		d = tk(ps, i + n)->n[0];
		m = tk(ps, i + n + 2)->n[0];
		k = n + 3;
		if (c_spelled(ps, i + n + 1) > 0)
			return 0;	/* handled token by token below */
		if (is(ps, i + k, "nam") && year_at(ps, i + k + 1, &y))
			k += 2;
		if (!dm_ok(d, m) || (y && !ymd_valid(y, m, d)) ||
		    (n == 0 && tk(ps, i)->nd[0] > 2))
			return 0;
		date_part(ps, i, d, m, y);
		return k;
	}
	/* "ngày 06 (sáu) tháng 06 (sáu)": the spelled numbers between. */
	if (n == 1 && num(ps, i + 1) && (k = c_spelled(ps, i + 2)) > 0 &&
	    is(ps, i + 2 + k, "thang") && num(ps, i + 3 + k)) {
		int k2 = 0;

		d = tk(ps, i + 1)->n[0];
		m = tk(ps, i + 3 + k)->n[0];
		use(ps, i + 2, k);
		if ((k2 = c_spelled(ps, i + 4 + k)) > 0)
			use(ps, i + 4 + k, k2);
		n = 4 + k + k2;
		if (is(ps, i + n, "nam") && year_at(ps, i + n + 1, &y))
			n += 2;
		if (!dm_ok(d, m))
			return 0;
		date_part(ps, i, d, m, y);
		return n;
	}
	/* "ngày 25": a day of a month given elsewhere. */
	if (n == 1 && num(ps, i + 1) && tk(ps, i + 1)->n[0] >= 1 &&
	    tk(ps, i + 1)->n[0] <= 31 && tk(ps, i + 1)->nd[0] <= 2 &&
	    !is(ps, i + 2, "ngay") && !is(ps, i + 2, "lam")) {
		if ((p = part_add(ps, PT_DAY, i)) != NULL)
			p->a = tk(ps, i + 1)->n[0];
		n = 2;
		if ((k = c_spelled(ps, i + n)) > 0) {
			use(ps, i + n, k);
			n += k;
		}
		/* "ngày 01 và 15", "ngày 10, 20": more days of the month. */
		while ((is(ps, i + n, "va") || punct(ps, i + n, ',')) &&
		    num(ps, i + n + 1) && tk(ps, i + n + 1)->n[0] >= 1 &&
		    tk(ps, i + n + 1)->n[0] <= 31 &&
		    tk(ps, i + n + 1)->nd[0] <= 2 && !is(ps, i + n + 2, "thang") &&
		    !is(ps, i + n + 2, "ngay") && !is(ps, i + n + 2, "gio")) {
			if ((p = part_add(ps, PT_DAY, i + n + 1)) != NULL)
				p->a = tk(ps, i + n + 1)->n[0];
			n += 2;
		}
		/* Of the month reported on, or of the month after it. */
		if (seq(ps, i + n, "cua thang bao cao") ||
		    seq(ps, i + n, "cua thang ke tiep"))
			n += 4;
		else if (seq(ps, i + n, "thang bao cao") ||
		    seq(ps, i + n, "cua thang sau"))
			n += 3;
		else if (seq(ps, i + n, "thang sau") ||
		    seq(ps, i + n, "thang ke tiep"))
			n += 2;
		return n;
	}
	return 0;
}

/*
 * Months: "tháng 6/2026", "tháng 12 năm 2025", "tháng 10-12/2026",
 * "tháng 12" (of a year or a cycle given elsewhere), "tháng cuối quý",
 * "tháng đầu quý sau".
 */
int
c_month(struct parse *ps, int i)
{
	const struct tok *t = tk(ps, i + 1);
	struct part *p;
	int n = 2, m, m2, y = 0, k;

	/* "12/2025" alone: a month and its year. */
	if (tk(ps, i)->type == TK_GROUP && tk(ps, i)->nn == 2 &&
	    tk(ps, i)->nd[0] <= 2 && tk(ps, i)->nd[1] == 4 &&
	    tk(ps, i)->sep[0] == '/' && tk(ps, i)->n[0] >= 1 &&
	    tk(ps, i)->n[0] <= 12 && year_ok(tk(ps, i)->n[1], 4)) {
		if ((p = part_add(ps, PT_MONTH, i)) != NULL) {
			p->a = p->b = tk(ps, i)->n[0];
			p->c = tk(ps, i)->n[1];
		}
		return 1;
	}
	if (!is(ps, i, "thang"))
		return 0;
	if (seq(ps, i + 1, "cuoi quy") || seq(ps, i + 1, "dau quy sau") ||
	    seq(ps, i + 1, "dau cua quy sau") || seq(ps, i + 1, "dau quy") ||
	    seq(ps, i + 1, "cuoi cua quy") || seq(ps, i + 1, "cuoi thuoc")) {
		if ((p = part_add(ps, PT_QMONTH, i)) == NULL)
			return 0;
		if (seq(ps, i + 1, "dau quy sau")) {
			p->a = 4;
			n = 4;
		} else if (seq(ps, i + 1, "dau cua quy sau")) {
			p->a = 4;
			n = 5;
		} else if (seq(ps, i + 1, "dau quy")) {
			p->a = 1;
			n = 3;
		} else if (seq(ps, i + 1, "cuoi thuoc")) {
			/* "tháng cuối thuộc kỳ báo cáo": no period named. */
			p->a = 3;
			n = 3;
			phrase_note(ps->ph, "\"tháng cuối thuộc kỳ\" names no "
			    "period: the quarter's last month chosen");
			ps->ph->ambiguous = 1;
		} else {
			p->a = 3;
			n = seq(ps, i + 1, "cuoi quy") ? 3 : 4;
		}
		if (is(ps, i + n, "truoc")) {
			/* "tháng cuối quý trước": the quarter before. */
			phrase_note(ps->ph, "\"quý trước\": the quarter before "
			    "the one reported on");
			ps->ph->ambiguous = 1;
			n++;
		}
		if (seq(ps, i + n, "thuoc ky bao cao"))
			n += 4;
		else if (seq(ps, i + n, "ky bao cao"))
			n += 3;
		else if (seq(ps, i + n, "bao cao"))
			n += 2;
		return n;
	}
	if (t->type == TK_GROUP && t->nn == 2 && t->nd[0] <= 2 &&
	    (y = group_year(t, 1)) != 0 && t->nd[1] == 4) {
		m = m2 = t->n[0];
	} else if (t->type == TK_GROUP && t->nn == 2 && t->sep[0] == '-' &&
	    t->nd[0] <= 2 && t->nd[1] <= 2) {
		m = t->n[0];
		m2 = t->n[1];
		if ((k = period_year(ps, i + 2, &y)) > 0)
			n += k;
	} else if (t->type == TK_GROUP && t->nn == 3 && t->sep[0] == '-' &&
	    t->nd[0] <= 2 && t->nd[1] <= 2 && year_ok(t->n[2], t->nd[2])) {
		m = t->n[0];
		m2 = t->n[1];
		y = t->n[2];
	} else if (num(ps, i + 1) && t->nd[0] <= 2) {
		m = m2 = t->n[0];
		if ((k = c_spelled(ps, i + 2)) > 0) {
			use(ps, i + 2, k);
			n += k;
		}
		if ((k = period_year(ps, i + n, &y)) > 0)
			n += k;
	} else
		return 0;
	if (m < 1 || m > 12 || m2 < m || m2 > 12)
		return 0;
	if ((p = part_add(ps, PT_MONTH, i)) != NULL) {
		p->a = m;
		p->b = m2;
		p->c = y;
	}
	return n;
}

/* Quarters: "Quý III/2019", "quý II năm 2026", "Quí IV-2025", "quý 2". */
int
c_quarter(struct parse *ps, int i)
{
	const struct tok *t = tk(ps, i + 1);
	struct part *p;
	int q, y = 0, n;

	if (!is(ps, i, "quy") && !is(ps, i, "qui"))
		return 0;
	if ((q = roman(t->w)) > 0 && t->type == TK_WORD) {
		n = 2 + period_year(ps, i + 2, &y);
	} else if (num(ps, i + 1) && t->n[0] >= 1 && t->n[0] <= 4 &&
	    t->nd[0] == 1) {
		q = t->n[0];
		n = 2 + period_year(ps, i + 2, &y);
	} else if (t->type == TK_GROUP && t->nn == 2 && t->n[0] >= 1 &&
	    t->n[0] <= 4 && t->nd[0] == 1 && year_ok(t->n[1], t->nd[1])) {
		q = t->n[0];
		y = t->n[1];
		n = 2;
	} else
		return 0;
	/* "Quý III, IV/2025": a list sharing the year at its end. */
	if (y == 0 && (punct(ps, i + n, ',') || is(ps, i + n, "va")) &&
	    roman(tk(ps, i + n + 1)->w) && tk(ps, i + n + 1)->type ==
	    TK_WORD) {
		int qs[4], nq = 0, k = i + n, m;

		qs[nq++] = q;
		while (nq < 4 && (punct(ps, k, ',') || is(ps, k, "va")) &&
		    roman(tk(ps, k + 1)->w)) {
			qs[nq++] = roman(tk(ps, k + 1)->w);
			k += 2;
		}
		if ((m = period_year(ps, k, &y)) > 0) {
			for (m += k - i; nq > 0; nq--)
				if ((p = part_add(ps, PT_QUARTER, i)) != NULL) {
					p->a = qs[nq - 1];
					p->c = y;
				}
			return m;
		}
	}
	if ((p = part_add(ps, PT_QUARTER, i)) != NULL) {
		p->a = q;
		p->c = y;
	}
	return n;
}

/* Halves: "6 tháng đầu năm [2025]", "06 tháng cuối năm". */
int
c_half(struct parse *ps, int i)
{
	struct part *p;
	int n, h, y = 0;

	if (!num(ps, i) || tk(ps, i)->n[0] != 6 || !is(ps, i + 1, "thang"))
		return 0;
	if (seq(ps, i + 2, "dau nam"))
		h = 1;
	else if (seq(ps, i + 2, "cuoi nam"))
		h = 2;
	else
		return 0;
	n = 4;
	if (num(ps, i + n) && year_at(ps, i + n, &y))
		n++;
	if ((p = part_add(ps, PT_HALF, i)) != NULL) {
		p->a = h;
		p->c = y;
	}
	return n;
}

/* "9 tháng", "6 tháng" as a report's span: not a schedule by itself. */
int
c_span(struct parse *ps, int i)
{
	int n;

	if (seq(ps, i, "bao cao") && num(ps, i + 2) && (tk(ps, i + 2)->n[0] ==
	    6 || tk(ps, i + 2)->n[0] == 9) && is(ps, i + 3, "thang")) {
		phrase_note(ps->ph, "\"%d tháng\": the report's span",
		    tk(ps, i + 2)->n[0]);
		n = 4;
		if (seq(ps, i + 4, "dau nam") || seq(ps, i + 4, "cuoi nam"))
			n += 2;
		return n;
	}
	return 0;
}

/*
 * Years: "năm 2025", "2026", "2026-2030", "Năm 2025 - 2026", "giai đoạn
 * 2021-2025".  "năm học" is not a calendar year: left unread.
 */
int
c_year(struct parse *ps, int i)
{
	const struct tok *t;
	struct part *p;
	int n = 0, y, y2;

	if (seq(ps, i, "ca nam") && !num(ps, i + 2) && ps->year != 0) {
		/* "cả năm": the whole of the plan's year. */
		if ((p = part_add(ps, PT_YEAR, i)) != NULL)
			p->c = p->d = ps->year;
		phrase_note(ps->ph, "\"cả năm\": the plan's year %d", ps->year);
		return 2;
	}
	if (seq(ps, i, "giai doan"))
		n = 2;
	else if (is(ps, i, "nam") && !is(ps, i + 1, "hoc"))
		n = 1;
	t = tk(ps, i + n);
	if (t->type == TK_GROUP && t->nn == 2 && t->sep[0] == '-' &&
	    year_ok(t->n[0], t->nd[0]) && year_ok(t->n[1], t->nd[1])) {
		y = t->n[0];
		y2 = t->n[1];
		if (y2 < y)
			return 0;
	} else if (year_at(ps, i + n, &y)) {
		y2 = y;
	} else
		return 0;
	if ((p = part_add(ps, PT_YEAR, i)) != NULL) {
		p->c = y;
		p->d = y2;
	}
	return n + 1;
}

/*
 * "Tết Nguyên đán", "Tết": the first day of the lunar year, of the plan's
 * year unless a year follows; which Tết is meant is flagged.
 */
int
c_tet(struct parse *ps, int i)
{
	struct lunar_date ld = { 1, 1, 0, 0 };
	struct part *p;
	int n, d, m, y = 0;

	if ((n = seq(ps, i, "tet nguyen dan")) == 0 &&
	    (n = seq(ps, i, "tet am lich")) == 0 && (n = seq(ps, i, "tet")) == 0)
		return 0;
	if (year_at(ps, i + n, &y))
		n++;
	ld.year = y ? y : ps->year;
	if (ld.year == 0 || lunar_to_solar(&ld, LUNAR_TZ_VN, &d, &m, &y) != 0)
		return 0;
	if ((p = part_add(ps, PT_DATE, i)) != NULL) {
		p->a = d;
		p->b = m;
		p->c = y;
	}
	ps->ph->ambiguous = 1;
	phrase_note(ps->ph, "Tết: mùng 1 tháng Giêng %d (%02d/%02d/%04d) chosen",
	    ld.year, d, m, y);
	return n;
}

/* Clock times: "17h00", "16 giờ 30", "07 giờ 00 phút", "lúc 8:00". */
int
c_time(struct parse *ps, int i)
{
	struct part *p;
	int n = 0, tod;

	if (is(ps, i, "luc") || is(ps, i, "vao luc"))
		n = 1;
	if (tk(ps, i + n)->type == TK_TIME) {
		tod = tk(ps, i + n)->tod;
		n++;
	} else if (num(ps, i + n) && tk(ps, i + n)->n[0] <= 24 &&
	    is(ps, i + n + 1, "gio") && !(is(ps, i + n + 2, "lam") ||
	    is(ps, i + n + 2, "ke") || is(ps, i + n + 2, "tu") ||
	    (is(ps, i + n - 1, "han") || is(ps, i + n - 1, "vong") ||
	    is(ps, i + n - 1, "qua")))) {
		tod = tk(ps, i + n)->n[0] * 3600;
		n += 2;
		if (num(ps, i + n) && tk(ps, i + n)->n[0] < 60 &&
		    tk(ps, i + n)->nd[0] == 2) {
			tod += tk(ps, i + n)->n[0] * 60;
			n++;
		}
		if (is(ps, i + n, "phut"))
			n++;
	} else
		return 0;
	if (is(ps, i + n, "chieu") && tod < 12 * 3600) {
		tod += 12 * 3600;
		n++;
	} else if (is(ps, i + n, "toi") && tod < 12 * 3600) {
		tod += 12 * 3600;
		n++;
	} else if (is(ps, i + n, "sang"))
		n++;
	if (tod > 24 * 3600)
		return 0;
	if ((p = part_add(ps, PT_TIME, i)) != NULL)
		p->a = tod;
	return n;
}

/* "(tức ngày 15/12/2025)": a date the text computed for us. */
int
c_ie(struct parse *ps, int i)
{
	int n;

	const struct tok *t;

	if ((n = seq(ps, i, "tuc la")) == 0 && (n = seq(ps, i, "tuc")) == 0)
		return 0;
	if (is(ps, i + n, "ngay"))
		n++;
	t = tk(ps, i + n);
	if (t->type == TK_GROUP && t->nn >= 2) {
		phrase_note(ps->ph, "\"tức\": the text computes the date: "
		    "%.*s", (int)t->len, ps->lx.text + t->off);
		n++;
	}
	return n;
}

/*
 * "quý trước", "tháng trước", "năm trước", "kỳ trước": the period before
 * the one reported on, as data windows count; never read as "trước".
 */
int
c_prevperiod(struct parse *ps, int i)
{
	static const char *const prev[] = { "thang truoc", "quy truoc",
	    "qui truoc", "nam truoc", "ky truoc", "thang lien ke truoc do",
	    "ngay hom truoc", "hom truoc", "ngay hom sau", "hom sau" };
	struct part *p;
	size_t k;
	int n;

	for (k = 0; k < sizeof(prev) / sizeof(prev[0]); k++)
		if ((n = seq(ps, i, prev[k])) > 0) {
			if ((p = part_add(ps, PT_VAGUE, i)) != NULL) {
				p->a = VG_WORD;
				snprintf(p->text, sizeof(p->text), "%s",
				    prev[k]);
			}
			return n;
		}
	return 0;
}
