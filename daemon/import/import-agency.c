/*
 * import-agency.c: the agency directory from a spreadsheet.  Each row is
 * an agency (code, name, parent, groups) and optionally its head or focal
 * person with their phone, Zalo, e-mail and Telegram.  Columns are found
 * by their headers, Vietnamese or English, in any order.
 *
 * Every row is checked before anything is written, and every problem is
 * reported as FILE:ROW:COLUMN: reason: bad phones, unknown parents,
 * cycles in the parent chain (against the database too), duplicate
 * codes.  Nothing is written unless the whole file is good, or unless
 * --skip-bad asks for the good rows alone.  Importing again is an upsert
 * keyed by code (and a contact by agency and name), so it duplicates
 * nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "csvread.h"
#include "directory.h"
#include "import.h"
#include "phone.h"
#include "safetext.h"
#include "store.h"
#include "xmalloc.h"

enum col {
	C_CODE, C_NAME, C_PARENT, C_GROUPS, C_HEAD, C_ROLE, C_PHONE, C_ZALO,
	C_EMAIL, C_TELEGRAM, C_ALIASES, C_NCOLS
};

static const struct {
	enum col	 col;
	const char	*key;		/* as csv_header_key() folds it */
} headers[] = {
	{ C_CODE, "ma" }, { C_CODE, "ma co quan" }, { C_CODE, "ma don vi" },
	{ C_CODE, "code" },
	{ C_NAME, "ten" }, { C_NAME, "ten co quan" }, { C_NAME, "ten don vi" },
	{ C_NAME, "co quan" }, { C_NAME, "name" },
	{ C_PARENT, "cap tren" }, { C_PARENT, "co quan cap tren" },
	{ C_PARENT, "ma cap tren" }, { C_PARENT, "parent" },
	{ C_GROUPS, "nhom" }, { C_GROUPS, "groups" }, { C_GROUPS, "group" },
	{ C_HEAD, "nguoi dung dau" }, { C_HEAD, "lanh dao" },
	{ C_HEAD, "ho ten" }, { C_HEAD, "ho va ten" }, { C_HEAD, "head" },
	{ C_HEAD, "contact" },
	{ C_ROLE, "chuc vu" }, { C_ROLE, "vai tro" }, { C_ROLE, "role" },
	{ C_PHONE, "dien thoai" }, { C_PHONE, "so dien thoai" },
	{ C_PHONE, "sdt" }, { C_PHONE, "di dong" }, { C_PHONE, "phone" },
	{ C_ZALO, "zalo" },
	{ C_EMAIL, "email" }, { C_EMAIL, "e mail" },
	{ C_EMAIL, "thu dien tu" },
	{ C_TELEGRAM, "telegram" },
	{ C_ALIASES, "ten khac" }, { C_ALIASES, "ten goi khac" },
	{ C_ALIASES, "aliases" }, { C_ALIASES, "alias" },
};

static const char *const col_names[C_NCOLS] = {
	"mã", "tên", "cấp trên", "nhóm", "người đứng đầu", "chức vụ",
	"điện thoại", "zalo", "email", "telegram", "tên khác",
};

struct arow {
	int		 row;		/* in the file, header = 1 */
	const char	*v[C_NCOLS];	/* NULL or non-empty */
	char		 phone[32];
	const char	*role;
	int		 bad;
	int		 code_ok;	/* its code can be referred to */
};

struct dbagency {
	char		*code;
	char		*parent;
};

struct imp {
	const char	*path;
	struct store	*store;
	struct arow	*rows;
	int		 nrows;
	struct dbagency	*db;
	int		 ndb;
	FILE		*err;
	const struct import_progress *progress;
	int		 nbad;
};

static void
bad(struct imp *im, struct arow *r, enum col c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
bad(struct imp *im, struct arow *r, enum col c, const char *fmt, ...)
{
	va_list ap;

	fprintf(im->err, "%s:%d:%s: ", im->path, r->row, col_names[c]);
	va_start(ap, fmt);
	vfprintf(im->err, fmt, ap);
	va_end(ap);
	fputc('\n', im->err);
	if (!r->bad)
		im->nbad++;
	r->bad = 1;
}

/* "Phó Giám đốc" -> deputy; "Chuyên viên" -> focal; else head. */
static const char *
role_of(const char *s)
{
	char *k;
	const char *r = "head";

	if (s == NULL)
		return r;
	if (role_parse(s) != 0)
		return role_name(role_parse(s));
	k = csv_header_key(s);
	if (strncmp(k, "pho", 3) == 0 || strstr(k, " pho") != NULL ||
	    strcmp(k, "deputy") == 0)
		r = "deputy";
	else if (strstr(k, "chuyen vien") != NULL ||
	    strstr(k, "dau moi") != NULL || strstr(k, "can bo") != NULL ||
	    strstr(k, "van thu") != NULL)
		r = "focal";
	free(k);
	return r;
}

static void
db_cb(void *arg, const struct agency_row *a)
{
	struct imp *im = arg;

	im->db = xreallocarray(im->db, im->ndb + 1, sizeof(*im->db));
	im->db[im->ndb].code = xstrdup(a->code);
	im->db[im->ndb++].parent = a->parent_code ? xstrdup(a->parent_code) :
	    NULL;
}

/*
 * The parent of CODE as it will be: the file's, else the database's.
 * Rows that are bad for another reason still count here, so one mistake
 * is not reported again as "unknown" on every row below it.
 */
static const char *
parent_of(struct imp *im, const char *code, int *known)
{
	int i;

	*known = 1;
	for (i = 0; i < im->nrows; i++)
		if (im->rows[i].code_ok && strcmp(im->rows[i].v[C_CODE],
		    code) == 0)
			return im->rows[i].v[C_PARENT];
	for (i = 0; i < im->ndb; i++)
		if (strcmp(im->db[i].code, code) == 0)
			return im->db[i].parent;
	*known = 0;
	return NULL;
}

static void
check_rows(struct imp *im)
{
	struct arow *r;
	const char *p;
	int i, j, rc, known, steps, changed;

	for (i = 0; i < im->nrows; i++) {
		r = &im->rows[i];
		if (r->v[C_CODE] == NULL || !dir_valid_code(r->v[C_CODE])) {
			bad(im, r, C_CODE, "\"%s\": a code is needed, with no "
			    "spaces or commas", r->v[C_CODE] ? r->v[C_CODE] :
			    "");
			continue;
		}
		for (j = 0; j < i; j++)
			if (im->rows[j].v[C_CODE] != NULL &&
			    strcmp(im->rows[j].v[C_CODE], r->v[C_CODE]) == 0) {
				bad(im, r, C_CODE, "\"%s\" again (first on row "
				    "%d)", r->v[C_CODE], im->rows[j].row);
				break;
			}
		r->code_ok = j == i;
		if (r->v[C_NAME] == NULL)
			bad(im, r, C_NAME, "the agency needs a name");
		else if (text_has_control(r->v[C_NAME], 0))
			bad(im, r, C_NAME, "control characters (tab, line "
			    "break, escape sequences...) are not allowed");
		if (r->v[C_HEAD] != NULL && text_has_control(r->v[C_HEAD], 0))
			bad(im, r, C_HEAD, "control characters (tab, line "
			    "break, escape sequences...) are not allowed");
		if (r->v[C_PHONE] != NULL && (rc = phone_normalize(
		    r->v[C_PHONE], r->phone, sizeof(r->phone))) < 0)
			bad(im, r, C_PHONE, "\"%s\": %s", r->v[C_PHONE],
			    phone_error(rc));
		if (r->v[C_EMAIL] != NULL && strchr(r->v[C_EMAIL], '@') == NULL)
			bad(im, r, C_EMAIL, "\"%s\" is not an e-mail address",
			    r->v[C_EMAIL]);
		if ((r->v[C_PHONE] || r->v[C_ZALO] || r->v[C_EMAIL] ||
		    r->v[C_TELEGRAM]) && r->v[C_HEAD] == NULL)
			bad(im, r, C_HEAD, "a phone, Zalo, e-mail or Telegram "
			    "needs the person's name");
		r->role = role_of(r->v[C_ROLE]);
	}
	/* Parents: known here or in the database, and no loops. */
	for (i = 0; i < im->nrows; i++) {
		r = &im->rows[i];
		if (!r->code_ok || r->v[C_PARENT] == NULL)
			continue;
		(void)parent_of(im, r->v[C_PARENT], &known);
		if (!known) {
			bad(im, r, C_PARENT, "unknown agency \"%s\"",
			    r->v[C_PARENT]);
			continue;
		}
		for (p = r->v[C_PARENT], steps = 0; p != NULL && steps <= im->nrows +
		    im->ndb; steps++) {
			if (strcmp(p, r->v[C_CODE]) == 0) {
				bad(im, r, C_PARENT, "\"%s\" leads back to %s: "
				    "a cycle in the parent chain",
				    r->v[C_PARENT], r->v[C_CODE]);
				break;
			}
			p = parent_of(im, p, &known);
		}
	}
	/* With --skip-bad, a row under a skipped one cannot go in either. */
	for (changed = 1; changed; ) {
		changed = 0;
		for (i = 0; i < im->nrows; i++) {
			r = &im->rows[i];
			if (r->bad || r->v[C_PARENT] == NULL)
				continue;
			for (j = 0; j < im->nrows; j++)
				if (im->rows[j].bad && im->rows[j].code_ok &&
				    strcmp(im->rows[j].v[C_CODE],
				    r->v[C_PARENT]) == 0) {
					bad(im, r, C_PARENT, "\"%s\" is on a bad "
					    "row (%d)", r->v[C_PARENT],
					    im->rows[j].row);
					changed = 1;
					break;
				}
		}
	}
}

/* "a; b, c" -> up to DIR_MAX_GROUPS trimmed names, in BUF. */
static int
split_groups(const char *s, char *buf, size_t len, const char **out)
{
	char *p = buf, *w;
	int n = 0;

	snprintf(buf, len, "%s", s ? s : "");
	while ((w = strsep(&p, ",;")) != NULL && n < DIR_MAX_GROUPS) {
		while (*w == ' ')
			w++;
		while (*w != '\0' && w[strlen(w) - 1] == ' ')
			w[strlen(w) - 1] = '\0';
		if (*w != '\0')
			out[n++] = w;
	}
	return n;
}

static int
write_rows(struct imp *im, time_t now, struct import_stats *st)
{
	struct store *s = im->store;
	struct contact_row c;
	struct contact_patch cp;
	struct patch_str name, parent;
	const char *groups[DIR_MAX_GROUPS];
	char gbuf[1024];
	int64_t id, cid;
	int i, n, rc;

	if (store_begin(s) == -1)
		return -1;
	/* Agencies first, so a parent may come later in the file. */
	for (i = 0; i < im->nrows; i++) {
		struct arow *r = &im->rows[i];

		if (r->bad)
			continue;
		if ((rc = store_agency_get(s, r->v[C_CODE], &id, NULL)) == -1)
			goto fail;
		if (rc == 0 && store_agency_add(s, r->v[C_CODE], r->v[C_NAME],
		    NULL, NULL, 0, now, &id) == -1)
			goto fail;
		rc ? st->updated++ : st->added++;
		if (i % IMPORT_PROGRESS_STEP == 0)
			import_progress(im->progress, "agencies", i,
			    im->nrows);
	}
	for (i = 0; i < im->nrows; i++) {
		struct arow *r = &im->rows[i];

		if (r->bad)
			continue;
		name.set = 1;
		name.value = r->v[C_NAME];
		parent.set = 1;
		parent.value = r->v[C_PARENT];
		if (store_agency_update(s, r->v[C_CODE], &name, &parent) ==
		    -1 || store_agency_get(s, r->v[C_CODE], &id, NULL) != 1)
			goto fail;
		if (r->v[C_GROUPS] != NULL) {
			n = split_groups(r->v[C_GROUPS], gbuf, sizeof(gbuf),
			    groups);
			if (store_agency_set_groups(s, id, groups, n) == -1)
				goto fail;
		}
		/* Phrases that name it in plans: a province teaches them. */
		if (r->v[C_ALIASES] != NULL &&
		    store_agency_set_aliases(s, id, r->v[C_ALIASES]) == -1)
			goto fail;
		if (r->v[C_HEAD] == NULL)
			continue;
		if ((rc = store_contact_find(s, id, r->v[C_HEAD], &cid)) == -1)
			goto fail;
		if (rc == 1) {
			memset(&cp, 0, sizeof(cp));
			cp.active = 1;
			cp.role.set = 1;
			cp.role.value = r->role;
			cp.phone.set = r->v[C_PHONE] != NULL;
			cp.phone.value = r->phone;
			cp.zalo.set = r->v[C_ZALO] != NULL;
			cp.zalo.value = r->v[C_ZALO];
			cp.email.set = r->v[C_EMAIL] != NULL;
			cp.email.value = r->v[C_EMAIL];
			cp.telegram.set = r->v[C_TELEGRAM] != NULL;
			cp.telegram.value = r->v[C_TELEGRAM];
			if (store_contact_update(s, cid, &cp) == -1)
				goto fail;
		} else {
			memset(&c, 0, sizeof(c));
			c.agency_id = id;
			c.name = r->v[C_HEAD];
			c.role = r->role;
			c.phone = r->v[C_PHONE] ? r->phone : NULL;
			c.zalo = r->v[C_ZALO];
			c.email = r->v[C_EMAIL];
			c.telegram = r->v[C_TELEGRAM];
			c.active = 1;
			if (store_contact_add(s, &c, now, &cid) == -1)
				goto fail;
			st->contacts++;
		}
		if (i % IMPORT_PROGRESS_STEP == 0)
			import_progress(im->progress, "contacts", i,
			    im->nrows);
	}
	import_progress(im->progress, "contacts", im->nrows, im->nrows);
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

int
import_agencies(struct store *s, const char *path, int dry_run,
    int skip_bad, time_t now, FILE *out, FILE *err,
    const struct import_progress *progress, struct import_stats *st,
    char *msg, size_t msglen)
{
	struct csv_table t;
	struct imp im;
	int colof[C_NCOLS], i, c, k, rc = -1;
	char *key;

	memset(st, 0, sizeof(*st));
	memset(&im, 0, sizeof(im));
	if (csv_read_file(path, &t, msg, msglen) == -1)
		return -1;
	im.path = path;
	im.store = s;
	im.err = err;
	im.progress = progress;
	for (c = 0; c < C_NCOLS; c++)
		colof[c] = -1;
	for (c = 0; t.nrows > 0 && c < t.ncells[0]; c++) {
		key = csv_header_key(t.rows[0][c]);
		for (k = 0; k < (int)(sizeof(headers) / sizeof(headers[0]));
		    k++)
			if (strcmp(key, headers[k].key) == 0 &&
			    colof[headers[k].col] == -1) {
				colof[headers[k].col] = c;
				break;
			}
		if (k == (int)(sizeof(headers) / sizeof(headers[0])) &&
		    *key != '\0')
			fprintf(err, "%s:1: column \"%s\" is not one nhacviec "
			    "knows; it is ignored\n", path, t.rows[0][c]);
		free(key);
	}
	if (colof[C_CODE] == -1 || colof[C_NAME] == -1) {
		snprintf(msg, msglen, "%s:1: the header needs a code column "
		    "(mã, code) and a name column (tên, name)", path);
		goto out;
	}
	im.rows = xcalloc(t.nrows, sizeof(*im.rows));
	for (i = 1; i < t.nrows; i++) {
		struct arow *r = &im.rows[im.nrows];
		int empty = 1;

		r->row = i + 1;
		for (c = 0; c < C_NCOLS; c++) {
			char *v = colof[c] >= 0 && colof[c] < t.ncells[i] ?
			    t.rows[i][colof[c]] : NULL;

			if (v != NULL)
				csv_squeeze(v);
			r->v[c] = v != NULL && *v != '\0' ? v : NULL;
			empty &= r->v[c] == NULL;
		}
		if (!empty)	/* blank lines at the end of sheets */
			im.nrows++;
	}
	if (store_agency_list(s, db_cb, &im) == -1) {
		snprintf(msg, msglen, "%s", store_error(s));
		goto out;
	}
	check_rows(&im);
	st->rows = im.nrows;
	st->bad = im.nbad;
	if (im.nbad > 0 && !skip_bad) {
		snprintf(msg, msglen, "%s: %d bad row(s) of %d; nothing was "
		    "imported (--skip-bad imports the good ones)", path,
		    im.nbad, im.nrows);
		goto out;
	}
	if (dry_run) {
		for (i = 0; i < im.nrows; i++) {
			struct arow *r = &im.rows[i];

			if (r->bad)
				continue;
			fprintf(out, "%-14s %s%s%s%s%s%s%s\n", r->v[C_CODE],
			    r->v[C_NAME], r->v[C_PARENT] ? ", under " : "",
			    r->v[C_PARENT] ? r->v[C_PARENT] : "",
			    r->v[C_HEAD] ? "; " : "", r->v[C_HEAD] ?
			    r->v[C_HEAD] : "", r->v[C_HEAD] ? " as " : "",
			    r->v[C_HEAD] ? r->role : "");
		}
		rc = 0;
		goto out;
	}
	if (write_rows(&im, now, st) == -1) {
		snprintf(msg, msglen, "%s: %s; nothing was imported", path,
		    store_error(s));
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < im.ndb; i++) {
		free(im.db[i].code);
		free(im.db[i].parent);
	}
	free(im.db);
	free(im.rows);
	csv_table_free(&t);
	return rc;
}
