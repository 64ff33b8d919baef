/*
 * names.c: matching the agency names of plan tables to the directory.
 *
 * Names are compared in a normal form: diacritics and case folded,
 * punctuation turned to spaces, and the abbreviations plans use expanded
 * (UBND, HĐND, MTTQ, ĐBQH, TT&TT, PT-TH, LĐ-TB&XH, …), so "Sở TT&TT" and
 * "Sở Thông tin và Truyền thông" are the same words.
 *
 * A cell may list several agencies.  Commas and "và" also occur inside
 * names ("Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh"), so the cell is not cut
 * at them blindly: at each point the longest run of words that names a
 * known agency (or a group phrase such as "Các sở, ban, ngành") is taken,
 * and only then are the separators between names skipped.  Words that
 * match nothing become an unresolved part, reported with the closest
 * names; nothing is dropped and nothing guessed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "smstext.h"
#include "xmalloc.h"

#define MAX_WORDS	256

/* Abbreviations as they stand after folding, one word each. */
static const struct {
	const char	*abbr;
	const char	*full;
} abbrevs[] = {
	{ "ubnd", "uy ban nhan dan" },
	{ "hdnd", "hoi dong nhan dan" },
	{ "mttq", "mat tran to quoc" },
	{ "dbqh", "dai bieu quoc hoi" },
	{ "vp", "van phong" },
	{ "tt&tt", "thong tin truyen thong" },
	{ "tttt", "thong tin truyen thong" },
	{ "pt-th", "phat thanh truyen hinh" },
	{ "ptth", "phat thanh truyen hinh" },
	{ "ld-tb&xh", "lao dong thuong binh xa hoi" },
	{ "ldtbxh", "lao dong thuong binh xa hoi" },
	{ "gd&dt", "giao duc dao tao" },
	{ "gddt", "giao duc dao tao" },
	{ "kh&dt", "ke hoach dau tu" },
	{ "khdt", "ke hoach dau tu" },
	{ "tn&mt", "tai nguyen moi truong" },
	{ "tnmt", "tai nguyen moi truong" },
	{ "nn&ptnt", "nong nghiep phat trien nong thon" },
	{ "khcn", "khoa hoc cong nghe" },
	{ "kh&cn", "khoa hoc cong nghe" },
	{ "vh,tt&dl", "van hoa the thao du lich" },
	{ "vhttdl", "van hoa the thao du lich" },
	{ "gtvt", "giao thong van tai" },
	{ "cchc", "cai cach hanh chinh" },
	{ "tp", "thanh pho" },
	{ "tx", "thi xa" },
};

/* Group phrases (normal form) and the group they stand for. */
static const struct {
	const char	*phrase;
	const char	*group;
} group_phrases[] = {
	{ "cac so ban nganh", "so-nganh" },
	{ "cac so nganh", "so-nganh" },
	{ "cac so ban nganh tinh", "so-nganh" },
	{ "cac so ban nganh doan the", "so-nganh" },
	{ "uy ban nhan dan cap huyen", "huyen" },
	{ "uy ban nhan dan cac huyen thanh pho", "huyen" },
	{ "uy ban nhan dan cac huyen thi xa thanh pho", "huyen" },
	{ "uy ban nhan dan cap xa", "xa" },
	{ "uy ban nhan dan cac xa phuong thi tran", "xa" },
	{ "uy ban nhan dan cap huyen cap xa", "huyen,xa" },
	{ "uy ban nhan dan cac cap", "huyen,xa" },
	{ "dai truyen thanh cap huyen cap xa", "dai-truyen-thanh" },
	{ "dai phat thanh truyen thanh cap huyen cap xa", "dai-truyen-thanh" },
	{ "dai truyen thanh truyen hinh uy ban nhan dan cap huyen",
	  "dai-truyen-thanh" },
	{ "dai truyen thanh truyen hinh cap huyen", "dai-truyen-thanh" },
	/* Inside a department: its offices and units. */
	{ "cac phong don vi thuoc so", "phong" },
	{ "cac phong don vi", "phong" },
	{ "cac phong chuyen mon", "phong" },
	{ "cac co quan hanh chinh cac cap", "*" },
	{ "cac co quan hanh chinh cac cap trong tinh", "*" },
	/* "Whoever is concerned" names nobody in particular. */
	{ "cac co quan don vi co lien quan", "" },
	{ "cac co quan don vi lien quan", "" },
	{ "cac co quan lien quan", "" },
	{ "cac don vi lien quan", "" },
};

struct name_dir {
	const struct name_entry *e;
	int		 n;
	char		**norm;		/* names_norm of each name */
	char		**code;		/* names_norm of each code */
	char		***alias;	/* each one's aliases, NULL-ended */
};

/* Folds S to lower-case ASCII words; '&' and '-' kept inside words. */
static char *
fold_words(const char *s)
{
	char *f = sms_ascii(s ? s : ""), *o, *p;

	if (f == NULL)
		return xstrdup("");
	for (p = o = f; *p != '\0'; p++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*p);
		int word = isalnum(c) || ((c == '&' || c == '-' || c == ',') &&
		    o > f && o[-1] != ' ' && isalnum((unsigned char)p[1]));

		if (word)
			*o++ = (char)c;
		else if (o > f && o[-1] != ' ')
			*o++ = ' ';
	}
	while (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

char *
names_norm(const char *s)
{
	char *f = fold_words(s), *w, *p = f, *out;
	size_t cap = strlen(f) * 4 + 64, len = 0, i, n;
	const char *rep;

	out = xmalloc(cap);
	out[0] = '\0';
	while ((w = strsep(&p, " ")) != NULL) {
		/*
		 * "và" is dropped: plans write "Phát thanh và Truyền hình",
		 * "Phát thanh - Truyền hình" and "PT-TH" for one name.
		 */
		if (*w == '\0' || strcmp(w, "va") == 0)
			continue;
		rep = w;
		for (i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++)
			if (strcmp(w, abbrevs[i].abbr) == 0) {
				rep = abbrevs[i].full;
				break;
			}
		/* "thong-tin" and "a&b" that are not abbreviations: split. */
		n = strlen(rep);
		if (len + n + 2 >= cap)
			break;
		if (len > 0)
			out[len++] = ' ';
		for (i = 0; i < n; i++)
			out[len++] = rep[i] == '-' || rep[i] == ',' ? ' ' :
			    rep[i];
		out[len] = '\0';
	}
	free(f);
	/* "&" left inside words is an "and": a space, like "và". */
	for (w = out; (w = strchr(w, '&')) != NULL; )
		*w = ' ';
	return out;
}

/* "Phòng chuyên môn; Các phòng CM" -> their normal forms, NULL-ended. */
static char **
split_aliases(const char *s)
{
	char *copy, *p, *one, **out;
	int n = 0;

	if (s == NULL || *s == '\0')
		return NULL;
	out = xcalloc(strlen(s) / 2 + 2, sizeof(char *));
	p = copy = xstrdup(s);
	while ((one = strsep(&p, ";\n")) != NULL) {
		out[n] = names_norm(one);
		if (out[n][0] == '\0')
			free(out[n]);
		else
			n++;
	}
	out[n] = NULL;
	free(copy);
	return out;
}

struct name_dir *
names_new(const struct name_entry *e, int n)
{
	struct name_dir *d = xcalloc(1, sizeof(*d));
	int i;

	d->e = e;
	d->n = n;
	d->norm = xcalloc(n > 0 ? n : 1, sizeof(char *));
	d->code = xcalloc(n > 0 ? n : 1, sizeof(char *));
	d->alias = xcalloc(n > 0 ? n : 1, sizeof(char **));
	for (i = 0; i < n; i++) {
		d->norm[i] = names_norm(e[i].name);
		d->code[i] = names_norm(e[i].code);
		d->alias[i] = split_aliases(e[i].aliases);
	}
	return d;
}

void
names_free(struct name_dir *d)
{
	int i, k;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->norm[i]);
		free(d->code[i]);
		for (k = 0; d->alias[i] != NULL && d->alias[i][k] != NULL;
		    k++)
			free(d->alias[i][k]);
		free(d->alias[i]);
	}
	free(d->alias);
	free(d->norm);
	free(d->code);
	free(d);
}

/* Splits a normal form into words (pointers into BUF). */
static int
words_of(char *buf, char **w, int max)
{
	char *p = buf, *t;
	int n = 0;

	while ((t = strsep(&p, " ")) != NULL && n < max)
		if (*t != '\0')
			w[n++] = t;
	return n;
}

/* Whether words W[0..K) spell exactly the normal form S. */
static int
words_are(char **w, int k, const char *s)
{
	size_t l;
	int i;

	for (i = 0; i < k; i++) {
		l = strlen(w[i]);
		if (strncmp(s, w[i], l) != 0 || (s[l] != ' ' && s[l] != '\0'))
			return 0;
		s += l;
		if (*s == ' ')
			s++;
	}
	return *s == '\0';
}

/* Whether GROUPS (comma-separated) has G, or one of G's if G lists some. */
static int
in_groups(const char *groups, const char *g)
{
	const char *p = groups, *comma;
	char one[32];
	size_t n = strlen(g);

	if (groups == NULL || *g == '\0')
		return 0;
	if (strcmp(g, "*") == 0)
		return 1;
	if ((comma = strchr(g, ',')) != NULL) {
		snprintf(one, sizeof(one), "%.*s", (int)(comma - g), g);
		return in_groups(groups, one) || in_groups(groups, comma + 1);
	}
	while ((p = strstr(p, g)) != NULL) {
		if ((p == groups || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		p++;
	}
	return 0;
}

static int
is_sep(const char *w)
{
	return strcmp(w, "va") == 0 || strcmp(w, "voi") == 0 ||
	    strcmp(w, "cung") == 0 || strcmp(w, "phoi") == 0 ||
	    strcmp(w, "hop") == 0;
}

static void
join(char **w, int from, int to, char *out, size_t len)
{
	size_t o = 0;
	int i;

	out[0] = '\0';
	for (i = from; i < to && o + 1 < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", i > from ?
		    " " : "", w[i]);
}

int
names_resolve(const struct name_dir *d, const char *cell,
    struct name_hit *hits, int max)
{
	char *norm, *w[MAX_WORDS];
	int nw, i, k, best, bestk, e, n = 0, gi, bad_from = -1, a, na;
	size_t g;

	/* Separators that only part names become word breaks: ";" "\n". */
	norm = names_norm(cell);
	nw = words_of(norm, w, MAX_WORDS);
	for (i = 0; i < nw && n < max; ) {
		best = -1;
		bestk = 0;
		gi = -1;
		na = 0;
		for (k = nw - i; k > 0 && best == -1 && gi == -1 && na == 0;
		    k--) {
			for (e = 0; e < d->n; e++)
				if (words_are(w + i, k, d->norm[e]) ||
				    words_are(w + i, k, d->code[e])) {
					best = e;
					bestk = k;
					break;
				}
			/* A phrase the directory teaches ("Tên khác"): it
			 * names every agency that lists it. */
			for (e = 0; best == -1 && e < d->n; e++)
				for (a = 0; d->alias[e] != NULL &&
				    d->alias[e][a] != NULL; a++)
					if (words_are(w + i, k, d->alias[e][a])) {
						na++;
						bestk = k;
						break;
					}
			if (na > 0)
				break;
			for (g = 0; best == -1 && g < sizeof(group_phrases) /
			    sizeof(group_phrases[0]); g++)
				if (words_are(w + i, k, group_phrases[g].phrase)) {
					gi = (int)g;
					bestk = k;
				}
		}
		if (best == -1 && gi == -1 && na == 0) {
			if (bad_from == -1 && !is_sep(w[i]))
				bad_from = i;
			i++;
			continue;
		}
		if (bad_from != -1) {	/* words before this match: unknown */
			hits[n].entry = -1;
			hits[n].group[0] = '\0';
			join(w, bad_from, i, hits[n].text, sizeof(hits[n].text));
			n++;
			bad_from = -1;
			if (n == max)
				break;
		}
		if (na > 0) {
			for (e = 0; e < d->n && n < max; e++)
				for (a = 0; d->alias[e] != NULL &&
				    d->alias[e][a] != NULL; a++)
					if (words_are(w + i, bestk,
					    d->alias[e][a])) {
						hits[n].entry = e;
						snprintf(hits[n].group,
						    sizeof(hits[n].group), "%s",
						    na > 1 ? "tên khác" : "");
						join(w, i, i + bestk, hits[n].text,
						    sizeof(hits[n].text));
						n++;
						break;
					}
		} else if (best != -1) {
			hits[n].entry = best;
			hits[n].group[0] = '\0';
			join(w, i, i + bestk, hits[n].text,
			    sizeof(hits[n].text));
			n++;
		} else {
			for (e = 0; e < d->n && n < max; e++)
				if (in_groups(d->e[e].groups,
				    group_phrases[gi].group)) {
					hits[n].entry = e;
					snprintf(hits[n].group,
					    sizeof(hits[n].group), "%s",
					    group_phrases[gi].group);
					join(w, i, i + bestk, hits[n].text,
					    sizeof(hits[n].text));
					n++;
				}
		}
		i += bestk;
	}
	if (bad_from != -1 && n < max) {
		hits[n].entry = -1;
		hits[n].group[0] = '\0';
		join(w, bad_from, nw, hits[n].text, sizeof(hits[n].text));
		n++;
	}
	free(norm);
	return n;
}

/* Shared words, weighted by length: crude, but names are short. */
static int
likeness(const char *a, const char *b)
{
	char *ca = xstrdup(a), *cb = xstrdup(b), *wa[64], *wb[64];
	int na = words_of(ca, wa, 64), nb = words_of(cb, wb, 64), i, j, s = 0;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (strcmp(wa[i], wb[j]) == 0) {
				s += (int)strlen(wa[i]);
				break;
			}
	s = s * 2 - (int)(strlen(b) / 4);
	free(ca);
	free(cb);
	return s;
}

int
names_closest(const struct name_dir *d, const char *text, int *out,
    int max)
{
	char *t = names_norm(text);
	int *score = xcalloc(d->n > 0 ? d->n : 1, sizeof(int));
	int i, k, n = 0, best;

	for (i = 0; i < d->n; i++)
		score[i] = likeness(t, d->norm[i]);
	for (k = 0; k < max; k++) {
		best = -1;
		for (i = 0; i < d->n; i++)
			if (score[i] > 0 && (best == -1 || score[i] >
			    score[best]))
				best = i;
		if (best == -1)
			break;
		out[n++] = best;
		score[best] = 0;
	}
	free(score);
	free(t);
	return n;
}
