/*
 * phrase-cons-cycle.c: the constructions of recurrence: cycles ("hằng
 * tuần", "mỗi tháng", "định kỳ 6 tháng", "hằng quý, 6 tháng, năm", "3
 * tháng/lần"), quotas ("ít nhất 01 lần", "02 chuyên mục"), weekdays and
 * weeks of the month ("thứ Năm", "tuần thứ ba", "thứ Hai đầu tiên của
 * tháng"), standing duties and the years that follow.
 */
#include <stdio.h>
#include <string.h>

#include "phrase-cons.h"

/* The unit of a cycle at I: "tuần", "tháng", "quý", "6 tháng", "năm". */
int
cycle_unit(const struct parse *ps, int i, int *cy)
{
	/* A number after the unit is a quota ("mỗi quý 01 lần"), or not ours. */
	int q = num(ps, i + 1) && is(ps, i + 2, "lan");

	if (is(ps, i, "ngay")) {
		*cy = CY_DAILY;
		return 1;
	}
	if (is(ps, i, "tuan")) {
		*cy = CY_WEEKLY;
		return 1;
	}
	if (num(ps, i) && tk(ps, i)->n[0] == 6 && is(ps, i + 1, "thang")) {
		*cy = CY_HALF;
		return 2;
	}
	if (num(ps, i) && tk(ps, i)->n[0] == 6 && punct(ps, i + 1, '(') &&
	    is(ps, i + 2, "sau") && punct(ps, i + 3, ')') &&
	    is(ps, i + 4, "thang")) {
		*cy = CY_HALF;
		return 5;
	}
	if (is(ps, i, "thang") && (q || (!num(ps, i + 1) &&
	    tk(ps, i + 1)->type != TK_GROUP))) {
		*cy = CY_MONTHLY;
		return 1;
	}
	if ((is(ps, i, "quy") || is(ps, i, "qui")) && !roman(tk(ps, i + 1)->w) &&
	    (q || (!num(ps, i + 1) && tk(ps, i + 1)->type != TK_GROUP))) {
		*cy = CY_QUARTERLY;
		return 1;
	}
	if (is(ps, i, "nam") && (q || (!num(ps, i + 1) && tk(ps, i + 1)->type !=
	    TK_GROUP)) && !is(ps, i + 1, "hoc") && !is(ps, i + 1, "sau") &&
	    !is(ps, i + 1, "tai")) {
		*cy = CY_YEARLY;
		return 1;
	}
	return 0;
}

int
cycle_part(struct parse *ps, int i, int cy)
{
	struct part *p;

	if ((p = part_add(ps, PT_CYCLE, i)) != NULL)
		p->a = cy;
	return 1;
}

/*
 * "hằng tuần", "mỗi tháng", "định kỳ 6 tháng", "theo quý", then a list
 * of further units: "hằng tháng, quý", "hằng quý, 6 tháng, năm".
 */
int
c_cycle(struct parse *ps, int i)
{
	int n = 0, k, cy, m;

	if (is(ps, i, "hang") || is(ps, i, "moi") || is(ps, i, "theo"))
		n = 1;
	else if (seq(ps, i, "dinh ky")) {
		n = 2;
		if (is(ps, i + 2, "hang") || is(ps, i + 2, "moi"))
			n = 3;
		if ((m = cycle_unit(ps, i + n, &cy)) == 0 || (n == 2 &&
		    cy != CY_HALF)) {
			if (n == 3)
				return 0;
			cycle_part(ps, i, CY_PERIODIC);
			return 2;
		}
	} else if (is(ps, i, "trong") && num(ps, i + 1) &&
	    tk(ps, i + 1)->n[0] == 1) {
		n = 2;
	} else if (num(ps, i) && tk(ps, i)->n[0] == 1 &&
	    (is(ps, i - 1, "lan") || is(ps, i - 1, "moi")))
		return 0;
	else
		return 0;

	if ((m = cycle_unit(ps, i + n, &cy)) == 0)
		return 0;
	/* "theo" needs a list or its own unit: "theo tuần, tháng". */
	if (is(ps, i, "theo") && cy == CY_DAILY)
		return 0;
	cycle_part(ps, i, cy);
	n += m;
	/* The list: ", quý", "và năm", ", 6 tháng", ", hằng năm". */
	for (;;) {
		k = i + n;
		if (!punct(ps, k, ',') && !is(ps, k, "va") &&
		    !is(ps, k, "hoac"))
			break;
		k++;
		if (is(ps, k, "hang") || is(ps, k, "moi"))
			k++;
		/* "và ngày cuối tháng", "và tháng 12/2025" are no list. */
		if ((m = cycle_unit(ps, k, &cy)) == 0 || cy == CY_DAILY ||
		    num(ps, k + m) || tk(ps, k + m)->type == TK_GROUP ||
		    is(ps, k + m, "cuoi") || is(ps, k + m, "dau"))
			break;
		if (is(ps, i + n, "hoac"))
			part_add(ps, PT_ALT, i + n);
		cycle_part(ps, k, cy);
		n = k + m - i;
	}
	return n;
}

/* "3 tháng/lần", "6 tháng một lần", "1 năm/lần": a cycle by its length. */
int
c_every(struct parse *ps, int i)
{
	int n, v, cy;

	if (!num(ps, i) || !(is(ps, i + 1, "thang") || is(ps, i + 1, "nam") ||
	    is(ps, i + 1, "tuan")))
		return 0;
	if (punct(ps, i + 2, '/') && is(ps, i + 3, "lan"))
		n = 4;
	else if (seq(ps, i + 2, "mot lan"))
		n = 4;
	else
		return 0;
	v = tk(ps, i)->n[0];
	if (is(ps, i + 1, "tuan") && v == 1)
		cy = CY_WEEKLY;
	else if (is(ps, i + 1, "nam") && v == 1)
		cy = CY_YEARLY;
	else if (is(ps, i + 1, "thang") && (v == 1 || v == 3 || v == 6 ||
	    v == 12))
		cy = v == 1 ? CY_MONTHLY : v == 3 ? CY_QUARTERLY : v == 6 ?
		    CY_HALF : CY_YEARLY;
	else
		return 0;
	cycle_part(ps, i, cy);
	return n;
}

/* "ít nhất 01 lần", "02 chuyên mục", "01 lần/năm", "2 ngày trong". */
int
c_quota(struct parse *ps, int i)
{
	static const char *const what[] = { "lan", "chuyen muc", "bai",
	    "tin", "buoi", "so", "chuong trinh", "cuoc", "dot", "ngay trong",
	    "phong su", "tin bai" };
	struct part *p;
	size_t k;
	int n = 0, m, cy;

	if (seq(ps, i, "it nhat"))
		n = 2;
	else if (seq(ps, i, "toi thieu"))
		n = 2;
	if (!num(ps, i + n))
		return 0;
	for (k = 0; k < sizeof(what) / sizeof(what[0]); k++)
		if ((m = seq(ps, i + n + 1, what[k])) > 0)
			break;
	if (k == sizeof(what) / sizeof(what[0]))
		return 0;
	if ((p = part_add(ps, PT_QUOTA, i)) != NULL)
		p->a = tk(ps, i + n)->n[0];
	n += 1 + m;
	/* "ngày trong" keeps "trong 01 tháng" for the cycle. */
	if (strcmp(what[k], "ngay trong") == 0)
		n--;
	/* "01 lần/năm". */
	if (punct(ps, i + n, '/') && (m = cycle_unit(ps, i + n + 1, &cy)) > 0) {
		cycle_part(ps, i + n + 1, cy);
		n += 1 + m;
	}
	return n;
}

/* A duration that is not a deadline: "thời lượng ... 15 phút". */
int
c_minutes(struct parse *ps, int i)
{
	if (num(ps, i) && is(ps, i + 1, "phut")) {
		phrase_note(ps->ph, "%d phút: a duration, not a time of day",
		    tk(ps, i)->n[0]);
		return 2;
	}
	return 0;
}

static int
weekday_word(const struct parse *ps, int i)
{
	static const char *const names[] = { NULL, NULL, "hai", "ba", "tu",
	    "nam", "sau", "bay" };
	int k;

	if (num(ps, i) && tk(ps, i)->n[0] >= 2 && tk(ps, i)->n[0] <= 7 &&
	    tk(ps, i)->nd[0] == 1)
		return tk(ps, i)->n[0] - 1;
	for (k = 2; k <= 7; k++)
		if (is(ps, i, names[k]))
			return k - 1;
	return 0;
}

/* "thứ Năm", "thứ 6", "chủ nhật", "ngày thứ 4", "thứ sáu tuần trước". */
int
c_weekday(struct parse *ps, int i)
{
	static const char *const notday[] = { "hop", "lan", "vong", "khoa",
	    "ky", "nhiem", "tuan", "buoc", "dot", "giai", "hang" };
	struct part *p;
	size_t k;
	int n = 0, wd;

	/* "sáng/chiều thứ Sáu": the day counts, the part of it is noted. */
	if ((is(ps, i, "sang") || is(ps, i, "chieu")) && (is(ps, i + 1, "thu") ||
	    seq(ps, i + 1, "chu nhat") || is(ps, i + 1, "ngay"))) {
		phrase_note(ps->ph, "\"%s\": that day, by its end",
		    is(ps, i, "sang") ? "sáng" : "chiều");
		n = 1;
	}
	if (is(ps, i + n, "ngay") && (is(ps, i + n + 1, "thu") || seq(ps,
	    i + n + 1, "chu nhat")))
		n++;
	if (seq(ps, i + n, "chu nhat"))
		wd = 7;
	else if (is(ps, i + n, "thu") && (wd = weekday_word(ps, i + n + 1)) >
	    0) {
		for (k = 0; k < sizeof(notday) / sizeof(notday[0]); k++)
			if (is(ps, i - 1, notday[k]))
				return 0;
	} else
		return 0;
	if ((p = part_add(ps, PT_WEEKDAY, i)) != NULL)
		p->a = wd;
	n += 2;
	/* "thứ Hai đầu tiên của tháng", "thứ Sáu cuối cùng của tháng". */
	if ((seq(ps, i + n, "dau tien") || seq(ps, i + n, "cuoi cung")) &&
	    p != NULL) {
		p->b = is(ps, i + n, "dau") ? 1 : -1;
		n += 2;
		if (seq(ps, i + n, "cua thang") || seq(ps, i + n,
		    "cua moi thang") || seq(ps, i + n, "hang thang")) {
			n += seq(ps, i + n, "cua moi thang") ? 3 : 2;
			cycle_part(ps, i + n - 1, CY_MONTHLY);
		}
	}
	if (seq(ps, i + n, "tuan truoc")) {
		/* "thứ sáu tuần trước": every week, for the next one. */
		phrase_note(ps->ph, "\"tuần trước\": the week before the one "
		    "scheduled");
		cycle_part(ps, i + n, CY_WEEKLY);
		n += 2;
	}
	return n;
}

/* "tuần thứ ba", "tuần cuối tháng", "tuần đầu tiên". */
int
c_nthweek(struct parse *ps, int i)
{
	static const char *const ord[] = { NULL, "nhat", "hai", "ba", "tu",
	    "nam" };
	struct part *p;
	int k, nth = 0, n = 0;

	if (!is(ps, i, "tuan"))
		return 0;
	if (is(ps, i + 1, "thu")) {
		for (k = 1; k <= 5; k++)
			if (is(ps, i + 2, ord[k]) || (num(ps, i + 2) &&
			    tk(ps, i + 2)->n[0] == k))
				nth = k;
		n = 3;
	} else if (seq(ps, i + 1, "cuoi cung")) {
		nth = -1;
		n = 3;
	} else if (is(ps, i + 1, "cuoi")) {
		nth = -1;
		n = 2;
	} else if (seq(ps, i + 1, "dau tien")) {
		nth = 1;
		n = 3;
	}
	if (nth == 0)
		return 0;
	if ((p = part_add(ps, PT_WEEKDAY, i)) != NULL)
		p->b = nth;
	/* "tuần cuối (của) tháng": a week of each month. */
	if (seq(ps, i + n, "cua thang") || seq(ps, i + n, "cua moi thang") ||
	    is(ps, i + n, "thang")) {
		n += seq(ps, i + n, "cua moi thang") ? 3 :
		    is(ps, i + n, "thang") ? 1 : 2;
		cycle_part(ps, i + n - 1, CY_MONTHLY);
	}
	return n;
}

int
c_standing(struct parse *ps, int i)
{
	int n;

	if ((n = seq(ps, i, "thuong xuyen")) == 0 &&
	    (n = seq(ps, i, "lien tuc")) == 0)
		return 0;
	part_add(ps, PT_STANDING, i);
	if (seq(ps, i + n, "lien tuc"))
		n += 2;
	/* "Thường xuyên trong năm": the plan's year, its period. */
	if (seq(ps, i + n, "trong nam") && !num(ps, i + n + 2))
		n += 2;
	return n;
}

int
c_following(struct parse *ps, int i)
{
	static const char *const f[] = {
		"va cac nam tiep theo", "va nhung nam tiep theo",
		"cac nam tiep theo", "nhung nam tiep theo",
		"va cac nam sau", "cac nam sau",
	};
	size_t k;
	int n;

	for (k = 0; k < sizeof(f) / sizeof(f[0]); k++)
		if ((n = seq(ps, i, f[k])) > 0) {
			part_add(ps, PT_FOLLOWING, i);
			return n;
		}
	return 0;
}

int
c_nextyear(struct parse *ps, int i)
{
	static const char *const f[] = {
		"cua nam sau lien ke", "nam sau lien ke", "nam ke tiep sau",
		"cua nam ke tiep", "nam ke tiep", "cua nam sau", "nam sau",
		"nam lien ke", "nam tiep theo",
	};
	size_t k;
	int n;

	for (k = 0; k < sizeof(f) / sizeof(f[0]); k++)
		if ((n = seq(ps, i, f[k])) > 0) {
			part_add(ps, PT_NEXTYEAR, i);
			return n;
		}
	return 0;
}
