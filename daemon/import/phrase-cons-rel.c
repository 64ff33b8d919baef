/*
 * phrase-cons-rel.c: the constructions of deadlines counted from an event:
 * "trong thời hạn 10 ngày làm việc, kể từ ngày nhận được hồ sơ", "chậm
 * nhất trước 90 ngày trước ngày bầu cử", "0,25 ngày làm việc", "sau khi
 * được phê duyệt", "khi có phát sinh"; and the statuses that are no
 * schedule at all ("Đã hoàn thành", "Theo Kế hoạch riêng").
 */
#include <stdio.h>
#include <string.h>

#include "phrase-cons.h"

/*
 * The trigger of a relative deadline: the words up to the end of the
 * clause.  "kể từ ngày", "sau khi", "từ khi" are taken by the caller.
 */
static int
trigger(struct parse *ps, int i, char *buf, size_t len)
{
	int k;

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
	}
	/* The event as the plan writes it: "nhận được văn bản". */
	if (k > i)
		phrase_orig(&ps->lx, i, k - 1, buf, len);
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
int
c_relative(struct parse *ps, int i)
{
	static const char *const pre[] = { "khong duoc vuot qua",
	    "duoc khong vuot qua", "khong vuot qua", "trong vong",
	    "trong thoi han",
	    "trong thoi gian", "trong khoang", "thoi han", "trong" };
	struct part *p;
	size_t k;
	int n = 0, m, unit, sign = 1, lead, pre_n, follows;
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
	pre_n = n;
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
	/*
	 * A bare "60 ngày" with no "trong", no sign and no event after it
	 * names a span ("Kế hoạch 60 ngày cao điểm"), not a deadline.
	 */
	follows = trigger_lead(ps, i + n, &lead) > 0 || (punct(ps, i + n, ',') &&
	    trigger_lead(ps, i + n + 1, &lead) > 0);
	if (pre_n == 0 && unit != REL_WORKDAYS && !follows)
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
		/* "kể từ ngày kết thúc quý": after each period, so a cycle. */
		if (seq(ps, i + n, "ket thuc quy"))
			p->c = CY_QUARTERLY;
		else if (seq(ps, i + n, "ket thuc thang"))
			p->c = CY_MONTHLY;
		else if (seq(ps, i + n, "ket thuc nam") && !seq(ps, i + n,
		    "ket thuc nam tai chinh"))
			p->c = CY_YEARLY;
		if (p->c != 0 && (roman(tk(ps, i + n + 3)->w) ||
		    tk(ps, i + n + 3)->type == TK_NUM ||
		    tk(ps, i + n + 3)->type == TK_GROUP))
			p->c = 0;	/* "kết thúc quý I/2025": a named one */
		n += trigger(ps, i + n, p->text, sizeof(p->text));
	}
	return n;
}

/*
 * "Ngay trong ngày làm việc", "chậm nhất là ngày làm việc tiếp theo": the
 * same or the next working day after the event (a procedure's step).
 */
int
c_sameday(struct parse *ps, int i)
{
	struct part *p;
	int n, next = 0;

	if ((n = seq(ps, i, "ngay trong ngay lam viec")) == 0 &&
	    (n = seq(ps, i, "trong ngay lam viec")) == 0 &&
	    (n = seq(ps, i, "ngay trong ngay")) == 0) {
		if ((n = seq(ps, i, "ngay lam viec tiep theo")) == 0)
			return 0;
		next = 1;
	}
	if ((p = part_add(ps, PT_REL, i)) != NULL) {
		p->f = next;
		p->a = REL_WORKDAYS;
		p->b = 1;
	}
	return n;
}

/* "sau khi được phê duyệt", "ngay sau khi", "khi có phát sinh". */
int
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

/* Statuses and delegations: no schedule at all. */
int
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
