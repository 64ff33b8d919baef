/*
 * phrase-cons-word.c: the small words that qualify the others: bounds
 * ("trước", "chậm nhất", "đến hết", "từ", "trong", "-"), vague words that
 * always flag ("đầu/giữa/cuối tháng", "dự kiến", "sớm"), targets ("phấn
 * đấu"), alternatives ("hoặc") and clause boundaries.
 */
#include <stdio.h>
#include <string.h>

#include "phrase-cons.h"

/* Vague words: always flagged, with the Civil Code's day as default. */
int
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

int
c_soft(struct parse *ps, int i)
{
	if (!seq(ps, i, "phan dau"))
		return 0;
	part_add(ps, PT_SOFT, i);
	return 2;
}

/* "hoặc": alternatives offered; the reader never picks one silently. */
int
c_alt(struct parse *ps, int i)
{
	if (!is(ps, i, "hoac"))
		return 0;
	part_add(ps, PT_ALT, i);
	return 1;
}

/* Bounds: what the next date or period means. */
int
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

/* Clause boundaries. */
int
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
