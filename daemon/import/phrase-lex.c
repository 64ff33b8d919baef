/*
 * phrase-lex.c: cuts a folded timing phrase into tokens.  Words are runs
 * of letters; numbers keep their digit count (a year has four) and a
 * decimal comma ("0,25 ngày làm việc"); numbers joined by "/", "." or "-"
 * make one group whose meaning the constructions decide ("15/4" is a day,
 * "6/2026" a month, "2025-2030" years); "17h00", "7h" and "08:00" are
 * clock times.  Everything else is a punctuation token.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "phrase-int.h"

static int
number_at(const char *p, int *v, int *nd)
{
	int n = 0;

	*v = 0;
	while (isdigit((unsigned char)p[n]) && n < 9) {
		*v = *v * 10 + (p[n] - '0');
		n++;
	}
	while (isdigit((unsigned char)p[n]))
		n++;	/* absurdly long: kept, but never a valid value */
	*nd = n;
	return n;
}

static struct tok *
add(struct lex *lx, enum tok_type type, size_t off, size_t len)
{
	struct tok *t;

	if (lx->n == PH_MAXTOK) {
		lx->overflow = 1;
		return NULL;
	}
	t = &lx->t[lx->n++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->off = off;
	t->len = len;
	t->tod = -1;
	return t;
}

/* "17h00", "7h", "08:00", "8:30:00" at P, after a number of N digits. */
static size_t
clock_at(const char *p, int h, int hd, int *tod)
{
	const char *q = p + hd;
	int m = 0, md = 0, s = 0, sd = 0;

	if (hd > 2 || h > 24)
		return 0;
	if (*q == 'h' && !isalpha((unsigned char)q[1])) {
		q++;
		if (isdigit((unsigned char)*q)) {
			q += number_at(q, &m, &md);
			if (md != 2 || m > 59)
				return 0;
		}
	} else if (*q == ':' && isdigit((unsigned char)q[1])) {
		q += 1 + number_at(q + 1, &m, &md);
		if (md != 2 || m > 59)
			return 0;
		if (*q == ':' && isdigit((unsigned char)q[1])) {
			q += 1 + number_at(q + 1, &s, &sd);
			if (sd != 2 || s > 59)
				return 0;
		}
	} else
		return 0;
	if (isalnum((unsigned char)*q) || (h == 24 && (m || s)))
		return 0;
	*tod = h * 3600 + m * 60 + s;
	return (size_t)(q - p);
}

void
phrase_lex(struct lex *lx, const char *f)
{
	const char *p = f;
	struct tok *t;
	size_t k;
	int v, nd, tod;

	lx->n = 0;
	lx->overflow = 0;
	while (*p != '\0') {
		if (*p == ' ') {
			p++;
			continue;
		}
		if (isalpha((unsigned char)*p)) {
			for (k = 0; isalpha((unsigned char)p[k]); k++)
				;
			if ((t = add(lx, TK_WORD, p - f, k)) == NULL)
				return;
			memcpy(t->w, p, k < sizeof(t->w) ? k : sizeof(t->w) -
			    1);
			p += k;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			number_at(p, &v, &nd);
			if ((k = clock_at(p, v, nd, &tod)) > 0) {
				if ((t = add(lx, TK_TIME, p - f, k)) == NULL)
					return;
				t->tod = tod;
				p += k;
				continue;
			}
			if ((t = add(lx, TK_NUM, p - f, 0)) == NULL)
				return;
			t->n[0] = v;
			t->nd[0] = nd;
			t->val = v;
			t->nn = 1;
			k = (size_t)nd;
			/* A decimal comma: "0,25", "10,5". */
			if (p[k] == ',' && isdigit((unsigned char)p[k + 1])) {
				int fv, fd;
				double div = 1;

				number_at(p + k + 1, &fv, &fd);
				if (fd <= 2) {
					while (fd-- > 0)
						div *= 10;
					t->val = v + fv / div;
					number_at(p + k + 1, &fv, &fd);
					k += 1 + (size_t)fd;
				}
			} else {
				/* A group: up to three numbers. */
				while (t->nn < 3 && (p[k] == '/' ||
				    p[k] == '.' || p[k] == '-') &&
				    isdigit((unsigned char)p[k + 1])) {
					t->sep[t->nn - 1] = p[k];
					k += 1 + number_at(p + k + 1,
					    &t->n[t->nn], &t->nd[t->nn]);
					t->nn++;
				}
				if (t->nn > 1)
					t->type = TK_GROUP;
			}
			t->len = k;
			p += k;
			continue;
		}
		if ((t = add(lx, TK_PUNCT, p - f, 1)) == NULL)
			return;
		t->w[0] = *p++;
	}
}

int
tok_is(const struct lex *lx, int i, const char *word)
{
	return i >= 0 && i < lx->n && lx->t[i].type == TK_WORD &&
	    strcmp(lx->t[i].w, word) == 0;
}

/*
 * Whether the words of WORDS ("ke tu ngay") stand at I, one token each;
 * returns how many tokens, or 0.
 */
int
tok_seq(const struct lex *lx, int i, const char *words)
{
	char w[24];
	const char *p = words, *e;
	int n = 0;

	while (*p != '\0') {
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) >= sizeof(w))
			return 0;
		memcpy(w, p, (size_t)(e - p));
		w[e - p] = '\0';
		if (!tok_is(lx, i + n, w))
			return 0;
		n++;
		p = *e ? e + 1 : e;
	}
	return n;
}
