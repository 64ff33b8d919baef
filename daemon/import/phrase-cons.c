/*
 * phrase-cons.c: the constructions of the timing-phrase grammar, one
 * small function each, tried in table order at every token not yet used.
 * A construction that matches marks its tokens used and adds parts (a
 * date, a period, a cycle, a bound, a relative period, ...); the builder
 * (phrase-build.c) turns the parts into the reading.  Words that no
 * construction wants are looked up in the filler table at the end of
 * this file; what is in neither stays unread and flags the reading.
 *
 * To extend the grammar: write a function that recognises the new
 * wording at position I and returns the number of tokens it consumed,
 * add it to the table "constructions" before any shorter construction
 * that would catch its first words, and add the phrase to the tests.
 * Words that carry timing (trước, sau, đầu, cuối, tuần, tháng, quý,
 * năm, ngày, khi, ...) must never be fillers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lunar.h"
#include "phrase-int.h"

typedef int (*cons_fn)(struct parse *, int);

static struct part *
part_add(struct parse *ps, enum part_type type, int tok)
{
	struct part *p;

	if (ps->np == PH_MAXPART)
		return NULL;
	p = &ps->p[ps->np++];
	memset(p, 0, sizeof(*p));
	p->type = type;
	p->tok = tok;
	return p;
}

static void
use(struct parse *ps, int i, int n)
{
	int k;

	for (k = i; k < i + n && k < ps->lx.n; k++)
		ps->lx.t[k].used = 1;
}

static const struct tok *
tk(const struct parse *ps, int i)
{
	static const struct tok none = { .type = TK_PUNCT };

	return i >= 0 && i < ps->lx.n ? &ps->lx.t[i] : &none;
}

static int
is(const struct parse *ps, int i, const char *w)
{
	return tok_is(&ps->lx, i, w);
}

static int
seq(const struct parse *ps, int i, const char *w)
{
	return tok_seq(&ps->lx, i, w);
}

static int
punct(const struct parse *ps, int i, char c)
{
	return tk(ps, i)->type == TK_PUNCT && tk(ps, i)->w[0] == c;
}

static int
num(const struct parse *ps, int i)
{
	return tk(ps, i)->type == TK_NUM && tk(ps, i)->val == tk(ps, i)->n[0];
}

static int
year_ok(int y, int nd)
{
	return nd == 4 && y >= 1900 && y <= 2199;
}

/* A four-digit year at I: "2019". */
static int
year_at(const struct parse *ps, int i, int *y)
{
	if (!num(ps, i) || !year_ok(tk(ps, i)->n[0], tk(ps, i)->nd[0]))
		return 0;
	*y = tk(ps, i)->n[0];
	return 1;
}

/*
 * The year after a period: "/2019", "-2025", ".2020", " năm 2026",
 * " 2025".  Returns the tokens taken (0: no year, *Y = 0).
 */
static int
period_year(const struct parse *ps, int i, int *y)
{
	*y = 0;
	if ((punct(ps, i, '/') || punct(ps, i, '-') || punct(ps, i, '.')) &&
	    year_at(ps, i + 1, y))
		return 2;
	if (is(ps, i, "nam") && year_at(ps, i + 1, y))
		return 2;
	if (year_at(ps, i, y))
		return 1;
	return 0;
}

static int
roman(const char *w)
{
	static const char *const r[] = { "i", "ii", "iii", "iv" };
	int k;

	for (k = 0; k < 4; k++)
		if (strcmp(w, r[k]) == 0)
			return k + 1;
	return 0;
}

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
static int
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

/* Statuses and delegations: no schedule at all. */
static int
c_status(struct parse *ps, int i)
{
	static const char *const st[] = {
		"da hoan thanh", "dang thuc hien", "dang trien khai",
		"theo ke hoach rieng", "theo ke hoach", "khong tinh thoi gian",
		"hoan doi ngay lam viec", "theo huong dan", "theo ket qua",
		"nghi tet nguyen dan", "nghi le",
		"theo chi dao", "theo quy dinh", "theo lo trinh",
		"theo tien do", "nghi tet",
	};
	struct part *p;
	size_t k;
	int n;

	for (k = 0; k < sizeof(st) / sizeof(st[0]); k++)
		if ((n = seq(ps, i, st[k])) > 0) {
			if ((p = part_add(ps, PT_STATUS, i)) != NULL) {
				snprintf(p->text, sizeof(p->text), "%s", st[k]);
				/* A calendar change is no task at all. */
				p->a = strncmp(st[k], "nghi", 4) == 0 ||
				    strncmp(st[k], "hoan doi", 8) == 0;
			}
			return n;
		}
	return 0;
}

static int
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

static int
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

static int
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

/* The unit of a cycle at I: "tuần", "tháng", "quý", "6 tháng", "năm". */
static int
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



static int
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
static int
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
static int
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
static int
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
static int
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
static int
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
static int
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

/* Clock times: "17h00", "16 giờ 30", "07 giờ 00 phút", "lúc 8:00". */
static int
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

/*
 * The trigger of a relative deadline: the words up to the end of the
 * clause.  "kể từ ngày", "sau khi", "từ khi" are taken by the caller.
 */
static int
trigger(struct parse *ps, int i, char *buf, size_t len)
{
	int k;
	size_t o = 0;

	buf[0] = '\0';
	for (k = i; k < ps->lx.n; k++) {
		const struct tok *t = tk(ps, k);

		if (t->type == TK_PUNCT && strchr(",;()[].:", t->w[0]) != NULL)
			break;
		if (t->type == TK_WORD && (strcmp(t->w, "nhung") == 0 ||
		    strcmp(t->w, "hoac") == 0))
			break;
		if (t->type != TK_WORD) {
			phrase_note(ps->ph, "the trigger names a number or "
			    "date: check it");
			ps->ph->ambiguous = 1;
		}
		if (o + t->len + 2 < len) {
			o += (size_t)snprintf(buf + o, len - o, "%s%.*s",
			    o ? " " : "", (int)t->len, ps->lx.text + t->off);
		}
	}
	return k - i;
}

/* "kể từ ngày", "tính từ ngày", "kể từ khi", "sau ngày", "từ ngày". */
static int
trigger_lead(const struct parse *ps, int i, int *sign)
{
	static const char *const lead[] = {
		"ke tu ngay", "ke tu khi", "ke tu thoi diem", "ke tu",
		"tinh tu ngay", "tinh tu khi", "tinh tu thoi diem", "tinh tu",
		"tu ngay", "tu khi", "sau ngay", "sau khi", "sau",
		"truoc ngay", "truoc khi", "truoc",
	};
	size_t k;
	int n;

	for (k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
		if ((n = seq(ps, i, lead[k])) > 0) {
			*sign = strncmp(lead[k], "truoc", 5) == 0 ? -1 : 1;
			return n;
		}
	return 0;
}

/*
 * Relative periods: "trong thời hạn 10 ngày làm việc, kể từ ngày nhận
 * được hồ sơ", "chậm nhất là 05 ngày kể từ ...", "không quá 06 tháng",
 * "90 ngày trước ngày bầu cử", "0,25 ngày làm việc".
 */
static int
c_relative(struct parse *ps, int i)
{
	static const char *const pre[] = { "khong duoc vuot qua",
	    "duoc khong vuot qua", "khong vuot qua", "trong vong",
	    "trong thoi han",
	    "trong thoi gian", "trong khoang", "thoi han", "trong" };
	struct part *p;
	size_t k;
	int n = 0, m, unit, sign = 1, lead;
	double v;

	for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++)
		if ((m = seq(ps, i, pre[k])) > 0) {
			n = m;
			break;
		}
	if (seq(ps, i + n, "khong qua"))
		n += 2;
	else if (seq(ps, i + n, "toi da"))
		n += 2;
	if (is(ps, i + n, "la"))
		n++;
	/* "trước 15 ngày", "sau 03 ngày": the sign before the number. */
	if (n == 0 && (is(ps, i, "truoc") || is(ps, i, "sau")) &&
	    tk(ps, i + 1)->type == TK_NUM) {
		sign = is(ps, i, "truoc") ? -1 : 1;
		n = 1;
	}
	if (tk(ps, i + n)->type != TK_NUM)
		return 0;
	v = tk(ps, i + n)->val;
	n++;
	if (seq(ps, i + n, "ngay lam viec")) {
		unit = REL_WORKDAYS;
		n += 3;
	} else if (is(ps, i + n, "ngay") && !num(ps, i + n + 1) &&
	    tk(ps, i + n + 1)->type != TK_GROUP && !is(ps, i + n + 1, "thu")) {
		unit = REL_DAYS;
		n++;
	} else if (is(ps, i + n, "thang") && !num(ps, i + n + 1) &&
	    tk(ps, i + n + 1)->type != TK_GROUP && !is(ps, i + n + 1, "dau") &&
	    !is(ps, i + n + 1, "cuoi") && !is(ps, i + n + 1, "mot")) {
		unit = REL_MONTHS;
		n++;
	} else if (is(ps, i + n, "gio") && !num(ps, i + n + 1) &&
	    (k < sizeof(pre) / sizeof(pre[0]) || trigger_lead(ps, i + n + 1,
	    &lead) > 0 || (punct(ps, i + n + 1, ',') && trigger_lead(ps,
	    i + n + 2, &lead) > 0))) {
		unit = REL_HOURS;
		n++;
	} else if (is(ps, i + n, "tuan") && !is(ps, i + n + 1, "thu")) {
		unit = REL_DAYS;
		v *= 7;
		n++;
	} else
		return 0;
	/* "trong 01 tháng" after a quota is a cycle, not a deadline. */
	if (unit == REL_MONTHS && v == 1 && n >= 1 && is(ps, i, "trong"))
		return 0;
	if ((p = part_add(ps, PT_REL, i)) == NULL)
		return n;
	p->f = v;
	p->a = unit;
	p->b = sign;
	/* "nhưng không vượt quá 90 ngày": a cap on the deadline before. */
	p->d = k < 3 || is(ps, i - 1, "nhung");
	/* The comma goes with the trigger, if one follows. */
	if (punct(ps, i + n, ',') && trigger_lead(ps, i + n + 1, &sign) > 0)
		n++;
	if ((lead = trigger_lead(ps, i + n, &sign)) > 0) {
		if (sign == -1)
			p->b = -1;
		n += lead;
		n += trigger(ps, i + n, p->text, sizeof(p->text));
	}
	return n;
}

/*
 * "Tết Nguyên đán", "Tết": the first day of the lunar year, of the plan's
 * year unless a year follows; which Tết is meant is flagged.
 */
static int
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

/* "sau khi được phê duyệt", "ngay sau khi", "khi có phát sinh". */
static int
c_event(struct parse *ps, int i)
{
	static const char *const lead[] = { "ngay sau khi", "sau khi",
	    "ngay khi", "khi co yeu cau", "theo yeu cau", "khi can thiet",
	    "khi", "cho den khi", "den khi", "trong va ngay sau khi" };
	struct part *p;
	size_t k;
	int n = 0;

	for (k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
		if ((n = seq(ps, i, lead[k])) > 0)
			break;
	if (n == 0)
		return 0;
	if (strstr(lead[k], "yeu cau") != NULL ||
	    strcmp(lead[k], "khi can thiet") == 0) {
		/* On request: vague, always flagged. */
		if ((p = part_add(ps, PT_VAGUE, i)) != NULL) {
			p->a = VG_WORD;
			snprintf(p->text, sizeof(p->text), "%s", lead[k]);
		}
		if ((p = part_add(ps, PT_EVENT, i)) != NULL)
			snprintf(p->text, sizeof(p->text), "%s", lead[k]);
		return n;
	}
	if ((p = part_add(ps, PT_EVENT, i)) == NULL)
		return n;
	p->b = strstr(lead[k], "den khi") != NULL;	/* an end, not a start */
	n += trigger(ps, i + n, p->text, sizeof(p->text));
	if (p->text[0] == '\0') {
		phrase_note(ps->ph, "\"%s\" names no event", lead[k]);
		ps->ph->ambiguous = 1;
	}
	return n;
}

/* Vague words: always flagged, with the Civil Code's day as default. */
static int
c_vague(struct parse *ps, int i)
{
	static const char *const words[] = { "du kien", "som", "kip thoi",
	    "dot xuat", "khoang", "tu nay", "ngay mai", "hom nay",
	    "sap toi", "truoc mat", "chu yeu", "tap trung", "neu co",
	    "tiep tuc", "giua ky", "cuoi ky", "dau ky" };
	struct part *p;
	size_t k;
	int n, v, cy = 0;

	if (is(ps, i, "dau"))
		v = VG_START;
	else if (is(ps, i, "giua"))
		v = VG_MIDDLE;
	else if (is(ps, i, "cuoi"))
		v = VG_END;
	else
		v = 0;
	if (v != 0 && (is(ps, i + 1, "thang") || is(ps, i + 1, "nam") ||
	    is(ps, i + 1, "quy") || is(ps, i + 1, "qui") ||
	    is(ps, i + 1, "tuan"))) {
		if ((p = part_add(ps, PT_VAGUE, i)) == NULL)
			return 1;
		p->a = v;
		cycle_unit(ps, i + 1, &cy);
		if (is(ps, i + 1, "thang"))
			cy = CY_MONTHLY;
		else if (is(ps, i + 1, "nam"))
			cy = CY_YEARLY;
		else if (is(ps, i + 1, "tuan"))
			cy = CY_WEEKLY;
		else
			cy = CY_QUARTERLY;
		p->b = cy;
		snprintf(p->text, sizeof(p->text), "%s %s", tk(ps, i)->w,
		    tk(ps, i + 1)->w);
		/*
		 * "cuối tháng 6/2025", "cuối năm 2025", "cuối quý II": the
		 * period itself is read by its own construction; alone
		 * ("cuối tháng"), the unit word goes with the vague word.
		 */
		if ((is(ps, i + 1, "thang") && (num(ps, i + 2) || tk(ps,
		    i + 2)->type == TK_GROUP)) || (is(ps, i + 1, "nam") &&
		    num(ps, i + 2)) || ((is(ps, i + 1, "quy") ||
		    is(ps, i + 1, "qui")) && (roman(tk(ps, i + 2)->w) ||
		    num(ps, i + 2) || tk(ps, i + 2)->type == TK_GROUP)))
			return 1;
		return 2;
	}
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if ((n = seq(ps, i, words[k])) > 0) {
			if ((p = part_add(ps, PT_VAGUE, i)) != NULL) {
				p->a = VG_WORD;
				snprintf(p->text, sizeof(p->text), "%s",
				    words[k]);
			}
			return n;
		}
	return 0;
}

static int
c_soft(struct parse *ps, int i)
{
	if (!seq(ps, i, "phan dau"))
		return 0;
	part_add(ps, PT_SOFT, i);
	return 2;
}

/* "hoặc": alternatives offered; the reader never picks one silently. */
static int
c_alt(struct parse *ps, int i)
{
	if (!is(ps, i, "hoac"))
		return 0;
	part_add(ps, PT_ALT, i);
	return 1;
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
static int
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
		if (seq(ps, i + n, "cua thang bao cao") ||
		    seq(ps, i + n, "cua thang ke tiep"))
			n += 4;
		else if (seq(ps, i + n, "thang bao cao"))
			n += 3;
		return n;
	}
	return 0;
}

/*
 * Months: "tháng 6/2026", "tháng 12 năm 2025", "tháng 10-12/2026",
 * "tháng 12" (of a year or a cycle given elsewhere), "tháng cuối quý",
 * "tháng đầu quý sau".
 */
static int
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
static int
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
static int
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
static int
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
static int
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

/* Bounds: what the next date or period means. */
static int
c_bound(struct parse *ps, int i)
{
	static const struct {
		const char	*w;
		enum bound	 b;
	} bounds[] = {
		{ "cham nhat la truoc", BD_BEFORE },
		{ "cham nhat truoc", BD_BEFORE },
		{ "cham nhat la vao", BD_LATEST },
		{ "cham nhat vao", BD_LATEST },
		{ "cham nhat la", BD_LATEST },
		{ "cham nhat", BD_LATEST },
		{ "han chot", BD_LATEST },
		{ "thoi han", BD_LATEST },
		{ "han", BD_LATEST },
		{ "truoc", BD_BEFORE },
		{ "cho den het", BD_UNTIL },
		{ "cho den", BD_UNTIL },
		{ "den het", BD_UNTIL },
		{ "den", BD_UNTIL },
		{ "toi", BD_UNTIL },
		{ "ket thuc vao luc", BD_UNTIL },
		{ "ket thuc vao", BD_UNTIL },
		{ "ket thuc truoc", BD_BEFORE },
		{ "ket thuc", BD_UNTIL },
		{ "bat dau tu", BD_FROM },
		{ "bat dau", BD_FROM },
		{ "ke tu", BD_FROM },
		{ "tinh tu", BD_FROM },
		{ "tu", BD_FROM },
		{ "trong", BD_WITHIN },
	};
	struct part *p;
	size_t k;
	int n;

	if (punct(ps, i, '-') && i > 0) {
		if ((p = part_add(ps, PT_BOUND, i)) != NULL)
			p->a = BD_TO;
		return 1;
	}
	for (k = 0; k < sizeof(bounds) / sizeof(bounds[0]); k++)
		if ((n = seq(ps, i, bounds[k].w)) > 0) {
			if ((p = part_add(ps, PT_BOUND, i)) != NULL) {
				p->a = bounds[k].b;
				snprintf(p->text, sizeof(p->text), "%s",
				    bounds[k].w);
			}
			if (strncmp(bounds[k].w, "cham nhat", 9) == 0 &&
			    bounds[k].b == BD_BEFORE) {
				phrase_note(ps->ph, "\"chậm nhất trước\": "
				    "\"trước\" wins, the date is excluded");
				ps->ph->ambiguous = 1;
			}
			return n;
		}
	return 0;
}

/* "(tức ngày 15/12/2025)": a date the text computed for us. */
static int
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
static int
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

/* Clause boundaries. */
static int
c_sep(struct parse *ps, int i)
{
	const struct tok *t = tk(ps, i);

	if ((t->type == TK_PUNCT && strchr(",;()[]:+*.\"'", t->w[0]) !=
	    NULL) || is(ps, i, "va") || is(ps, i, "con")) {
		struct part *p = part_add(ps, PT_SEP, i);

		if (p != NULL)
			p->a = is(ps, i, "va");	/* "và" shares the bound */
		return 1;
	}
	return 0;
}

static const cons_fn constructions[] = {
	c_spelled,
	c_status,
	c_standing,
	c_following,
	c_nextyear,
	c_every,
	c_relative,
	c_event,
	c_tet,
	c_half,
	c_span,
	c_quota,
	c_cycle,
	c_minutes,
	c_time,
	c_nthweek,
	c_weekday,
	c_prevperiod,
	c_month,
	c_quarter,
	c_date,
	c_year,
	c_vague,
	c_soft,
	c_alt,
	c_ie,
	c_bound,
	c_sep,
};

/*
 * The filler table: words that carry no timing, the verbs and nouns of
 * plans ("báo cáo", "gửi", "thực hiện", "hoàn thành", agency names).
 * One table, longest first where one is a prefix of another.  A word
 * that carries timing must never be here.
 */
static const char *const fillers[] = {
	"bao cao", "bao dam", "dam bao", "gui", "gui ve", "ve", "thuc hien",
	"hoan thanh", "hoan thanh xong", "xong", "trinh", "ban hanh",
	"to chuc", "trien khai", "xay dung", "cap nhat", "tong hop",
	"ket qua", "cong tac", "nhiem vu", "theo doi", "thoi gian",
	"thoi diem", "vao", "la", "cua", "cho", "tai", "o",
	"cac", "nhung", "mot", "duoc", "se", "phai", "can", "da",
	"doi voi", "voi", "de", "do", "nay", "tren", "qua", "tinh",
	"thanh pho", "huyen", "xa", "phuong", "ubnd", "hdnd", "uy ban",
	"nhan dan", "hoi dong", "so", "ban", "nganh", "bo", "chinh phu",
	"thu tuong", "quoc hoi", "trung uong", "tw", "van phong", "dang",
	"bo chinh tri", "ban bi thu", "cap", "co quan", "don vi", "dia phuong",
	"chuyen muc", "phat song", "thoi luong", "lan", "tin", "bai",
	"tuyen truyen", "cai cach", "hanh chinh", "cchc", "tthc",
	"noi vu", "tai chinh", "tu phap", "ke hoach", "chuong trinh",
	"de an", "du an", "van ban", "quyet dinh", "nghi quyet", "chi thi",
	"thong bao", "huong dan", "tien do", "tinh hinh", "noi dung",
	"cu the", "nhu sau", "tong the", "so ket", "tong ket", "danh gia",
	"kiem tra", "giam sat", "thong tin", "ho so", "tham dinh", "xem xet",
	"quyet", "dinh", "phe duyet", "kien toan", "sap xep", "toan bo",
	"toan tinh", "chung", "bo phan", "ky", "cong bo", "cong khai",
	"lap", "nop", "chi", "thuong", "le phi", "thue", "mon bai",
	"dua vao", "hoat dong", "van hanh", "su dung", "khoi cong",
	"nghiem thu", "ban giao", "trao", "dai hoi", "hoi nghi",
	"hoi thi", "cuoc thi", "vong", "vong thi", "thi", "danh sach",
	"lich", "truc", "cong dan", "tiep cong dan", "doanh nghiep",
	"giai ngan", "tung", "dong thoi", "ve viec",
	"de tong hop", "uy ban nhan dan", "so tai chinh", "so noi vu",
	"nhan", "tiep nhan", "giai quyet", "xu ly", "thong qua", "thong nhat",
	"ra soat", "de xuat", "kien nghi", "phoi hop", "chu tri",
	"chinh thuc", "dien ra", 
	"ky bao cao", "dot", "dot bao cao", "nam bao cao", "thang bao cao",
	"dat", "muc tieu", "trong tam", "lien quan", "thay the",
	"tuyen", "duong", "toan", "tat ca", "dung",
	/* The nouns of agencies, documents and procedures. */
	"cong viec", "viec", "phong", "ke khai", "khai", "phat dong",
	"phat trien", "phat hanh", "chi huy", "quan su", "huy dong",
	"co", "nha", "nha nuoc", "hop", "hanh", "doi", "dia ban", "dia",
	"quan", "quan ly", "thanh tra", "tra", "trach nhiem", "phap luat",
	"phap", "luat", "tien", "nuoc", "so lieu", "lieu", "cu tri", "bau",
	"tham muu", "tham gia", "thu nhap", "tai san", "chinh", "su",
	"khu vuc", "khu", "vuc", "ngan sach", "ngan hang", "sach", "phu",
	"dong", "ap dung", "ap", "bien", "binh", "hoa", "khoa", "ho",
	"cong", "nghe", "so hoa", "chuyen doi so", "dien tu", "ung dung",
	"ket noi", "he thong", "co so du lieu", "du lieu", "mang", "vien",
	"can bo", "cong chuc", "vien chuc", "nguoi", "dan", "xa hoi",
	"kinh te", "van hoa", "giao duc", "y te", "moi truong", "dat dai",
	"an ninh", "quoc phong", "thong ke", "bo sung", "dieu chinh",
	"hoan thien", "nang cao", "day manh", "tang cuong", "huong",
	"ke toan", "kiem toan", "quyet toan", "du toan", "von", "dau tu",
	"chi tieu", "tieu chi", "tu dong", "truc tuyen", "hoi", "doan",
};

/* How many tokens of a filler stand at I (the longest), or 0. */
int
phrase_filler_len(const struct lex *lx, int i)
{
	size_t k;
	int n, best = 0;

	for (k = 0; k < sizeof(fillers) / sizeof(fillers[0]); k++)
		if ((n = tok_seq(lx, i, fillers[k])) > best)
			best = n;
	return best;
}

void
phrase_scan(struct parse *ps)
{
	size_t k;
	int i, n;

	for (i = 0; i < ps->lx.n;) {
		if (ps->lx.t[i].used) {
			i++;
			continue;
		}
		for (k = 0; k < sizeof(constructions) /
		    sizeof(constructions[0]); k++)
			if ((n = constructions[k](ps, i)) > 0)
				break;
		if (k < sizeof(constructions) / sizeof(constructions[0])) {
			use(ps, i, n);
			i += n;
			continue;
		}
		if ((n = phrase_filler_len(&ps->lx, i)) > 0) {
			int j;

			for (j = i; j < i + n; j++)
				ps->lx.t[j].filler = 1;
			i += n;
			continue;
		}
		/* A lone punctuation mark carries nothing. */
		if (ps->lx.t[i].type == TK_PUNCT && ps->lx.t[i].w[0] != '~')
			ps->lx.t[i].filler = 1;
		i++;
	}
}
