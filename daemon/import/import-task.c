/*
 * import-task.c: a plan's task table from a spreadsheet.  The columns of
 * real plans are found by their headers in any order (TT, Nội dung,
 * Hình thức, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện…);
 * a row with an empty TT continues the numbered row above it, as merged
 * cells come out of a spreadsheet; rows that are only section headings
 * ("I. TUYÊN TRUYỀN…") are passed over.
 *
 * Each task's agencies go through names.c (lists, abbreviations, group
 * phrases) and its timing through phrase.c.  A lead agency or a timing
 * that cannot be read is reported with the row, never guessed; a task
 * with several lead agencies becomes one task per lead, since each is
 * reminded and judged on its own.  --dry-run prints every reading and
 * writes nothing.  The import itself is one transaction and can be run
 * again: a row already imported (same plan, TT and lead) is left alone,
 * or has its title updated or its deadline moved, and the change is
 * reported.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "csvread.h"
#include "importjson.h"
#include "shorttitle.h"
#include "tabfile.h"
#include "tgrid.h"
#include "tstruct.h"
#include "extend.h"
#include "import.h"
#include "import-pipe.h"
#include "memo.h"
#include "namehint.h"
#include "names.h"
#include "phrase.h"
#include "plan.h"
#include "policysel.h"
#include "recur.h"
#include "store.h"
#include "safetext.h"
#include "taskadd.h"
#include "tztime.h"
#include "sendwin.h"
#include "workday.h"
#include "xmalloc.h"
#include "nls.h"

#define MAX_HITS	64
#define MEMO_MAX	8192	/* distinct cell texts remembered */
#define MEMO_BYTES	(8 << 20)	/* and the bytes of their readings */

struct dirent_ctx {
	struct name_entry *e;
	int64_t		*ids;		/* the agencies' ids, as e */
	char		**parent;	/* their parents' codes, as e */
	int		 n;
};

static void
dir_cb(void *arg, const struct agency_row *a)
{
	struct dirent_ctx *d = arg;

	d->e = xreallocarray(d->e, d->n + 1, sizeof(*d->e));
	d->ids = xreallocarray(d->ids, d->n + 1, sizeof(*d->ids));
	d->ids[d->n] = a->id;
	d->parent = xreallocarray(d->parent, d->n + 1, sizeof(*d->parent));
	d->parent[d->n] = a->parent_code ? xstrdup(a->parent_code) : NULL;
	d->e[d->n].aliases = a->aliases ? xstrdup(a->aliases) : NULL;
	d->e[d->n].code = xstrdup(a->code);
	d->e[d->n].name = xstrdup(a->name);
	d->e[d->n++].groups = a->groups ? xstrdup(a->groups) : NULL;
}

static void
report(FILE *err, json_t *probs, const char *path, const struct tab_row *r,
    enum tcol c, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * FILE:ROW:COLUMN, or FILE:TABLE:ROW:COLUMN for a document; with PROBS
 * (the --json dry run) the problem goes to the row's object as well.
 */
static void
report(FILE *err, json_t *probs, const char *path, const struct tab_row *r,
    enum tcol c, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) == -1)
		m = NULL;
	va_end(ap);
	fprintf(err, "%s:%s%s%d:%s: %s\n", path, r->table ? r->table : "",
	    r->table ? ":" : "", r->line, tcol_name(c), m ? m : "?");
	if (probs != NULL && m != NULL)
		json_array_append_new(probs, json_pack("{s:s, s:s}", "column",
		    tcol_name(c), "problem", m));
	free(m);
}

/*
 * Whether the table's deadline DUE_S for one-off TASK differs from its
 * open occurrence's, compared as the deadline rule would store it: 1
 * yes, 0 no (or nothing open), -1 store error.
 */
static int
due_moved(struct store *s, const struct config *conf,
    const struct task_found *f, const char *due_s, time_t now)
{
	const struct policy *p;
	struct occ_row occ;
	char ack[16], why[200], e[200];
	time_t due;
	int rc;

	if ((rc = store_occ_find(s, f->id, NULL, &occ, ack, sizeof(ack))) != 1)
		return rc == -1 ? -1 : 0;
	if (occ.state != OCC_OPEN)
		return 0;
	if ((p = config_policy(conf, f->policy)) == NULL)
		p = config_policy(conf, conf->default_policy);
	if (parse_when(due_s, now, p->deadline_time, &due, e, sizeof(e)) == -1)
		return 0;
	return wd_deadline(conf->calendar, p, due, why, sizeof(why)) !=
	    occ.due_at;
}

/* What store_task_find compares and store_task_notes rewrites. */
static const struct task_text *
text_of(const struct task_spec *spec, struct task_text *tx)
{
	tx->form = spec->form;
	tx->note = spec->note;
	tx->content = spec->content;
	tx->section = spec->section;
	return tx;
}

#define DIFF_TITLE	0x1
#define DIFF_QUOTA	0x2
#define DIFF_SCHED	0x4	/* another rule or kind of schedule */
#define DIFF_DUE	0x8	/* a one-off deadline moved */
#define DIFF_NOTES	0x10	/* Hình thức or the other columns */

/* What row SPEC changes in task F, imported before: DIFF_* bits, or -1. */
static int
task_diff(struct store *s, const struct config *conf,
    const struct task_found *f, const struct task_spec *spec, time_t now)
{
	enum sched_kind sched = task_spec_sched(spec);
	int d = 0, rc;

	if (strcmp(f->title, spec->title) != 0)
		d |= DIFF_TITLE;
	if (strcmp(f->quota, spec->quota ? spec->quota : "") != 0)
		d |= DIFF_QUOTA;
	if (!f->same_notes)
		d |= DIFF_NOTES;
	/* A relative deadline already started keeps the deadline it got. */
	if (f->started && spec->wait_unit != NULL)
		return d;
	if (f->sched != sched || strcmp(f->rrule, spec->rrule ?
	    spec->rrule : "") != 0)
		return d | DIFF_SCHED;
	if (spec->due != NULL) {
		if ((rc = due_moved(s, conf, f, spec->due, now)) == -1)
			return -1;
		if (rc)
			d |= DIFF_DUE;
	}
	return d;
}

/* "title, schedule": the names of the DIFF_* bits in D. */
static void
diff_names(int d, char *out, size_t len)
{
	snprintf(out, len, "%s%s%s%s%s", d & DIFF_TITLE ? ", title" : "",
	    d & DIFF_QUOTA ? ", quota" : "", d & DIFF_NOTES ? ", notes" : "",
	    d & DIFF_SCHED ? ", schedule" : "", d & DIFF_DUE ? ", deadline" :
	    "");
	if (out[0] != '\0')
		memmove(out, out + 2, strlen(out + 2) + 1);
}

/*
 * A row imported before, read again: what its table now says differently
 * (task_diff) is applied and reported.  The title and quota are
 * rewritten; another kind of schedule or another rule replans the task
 * (task_resched); a moved one-off deadline moves its occurrence as "task
 * extend" would.  1 changed, 0 unchanged, -1 store error, -2 refused
 * (MSG says why).
 */
static int
update_task(struct store *s, const struct config *conf,
    const struct task_found *f, const struct task_spec *spec, time_t now,
    FILE *out, int row, char *msg, size_t msglen)
{
	const char *ref = spec->ref ? spec->ref : "-";
	struct patch_str pt, pq, none = { 0, NULL };
	struct task_added added;
	struct extend_result er;
	struct task_text tx;
	char from[32], to[32];
	int d, n, rc;

	if ((d = task_diff(s, conf, f, spec, now)) <= 0)
		return d;
	pt.set = (d & DIFF_TITLE) != 0;
	pt.value = spec->title;
	pq.set = (d & DIFF_QUOTA) != 0;
	pq.value = spec->quota;
	if ((pt.set || pq.set) && store_task_update(s, f->id, &pt, &none,
	    &pq) == -1)
		return -1;
	if (d & DIFF_TITLE)
		fprintf(out, _("row %d: task %lld (%s, %s): title changed\n"),
		    row, (long long)f->id, ref, spec->lead);
	if (d & DIFF_QUOTA)
		fprintf(out, _("row %d: task %lld (%s, %s): quota \"%s\" -> "
		    "\"%s\"\n"), row, (long long)f->id, ref, spec->lead,
		    f->quota, spec->quota ? spec->quota : "");
	if (d & DIFF_NOTES) {
		if (store_task_notes(s, f->id, text_of(spec, &tx)) == -1)
			return -1;
		fprintf(out, _("row %d: task %lld (%s, %s): form and notes "
		    "rewritten\n"), row, (long long)f->id, ref, spec->lead);
	}
	if (d & DIFF_SCHED) {
		if ((rc = task_resched(s, conf, f->id, spec, now, &added, &n,
		    msg, msglen)) != 0)
			return rc == -1 ? -2 : -1;
		fprintf(out, _("row %d: task %lld (%s, %s): schedule %s%s%s -> "
		    "%s%s%s; %d occurrence(s) ahead replaced, %d planned\n"),
		    row, (long long)f->id, ref, spec->lead,
		    sched_kind_name(f->sched), f->rrule[0] ? " " : "",
		    f->rrule, sched_kind_name(added.sched),
		    added.rrule[0] ? " " : "", added.rrule, n,
		    added.sched == SCHED_ONCE ? 1 : added.occurrences);
	}
	if (d & DIFF_DUE) {
		if ((rc = occ_extend_in(s, conf, f->id, NULL, spec->due,
		    "the plan's table gives another deadline", "import", now,
		    &er, msg, msglen)) == -2)
			return -1;
		if (rc == 0) {
			fmt_local(er.from, from, sizeof(from));
			fmt_local(er.to, to, sizeof(to));
			fprintf(out, _("row %d: task %lld: deadline %s -> "
			    "%s\n"), row, (long long)f->id, from, to);
		}
	}
	return 1;
}

/*
 * Dry run: for each lead's task, whether the plan has it already and what
 * importing would change in it; *KNOWN counts those it has.
 */
static int
dry_known(struct store *s, const struct config *conf,
    const struct dirent_ctx *dir, int64_t plan_id, const struct name_hit *h,
    int n, const struct task_spec *spec, time_t now, FILE *out,
    struct import_stats *st, int *known)
{
	struct task_found f;
	struct task_text tx;
	char what[64];
	int k, rc, d;

	for (k = 0; k < n; k++) {
		if ((rc = store_task_find(s, plan_id, spec->ref,
		    dir->ids[h[k].entry], text_of(spec, &tx), &f)) == -1)
			return -1;
		if (rc == 0) {
			st->added++;
			continue;
		}
		if ((d = task_diff(s, conf, &f, spec, now)) == -1)
			return -1;
		diff_names(d, what, sizeof(what));
		if (out != NULL)
			fprintf(out, "    đã có: task %lld (%s)%s%s\n", (long long)f.id,
		    dir->e[h[k].entry].code, d ? "; would change: " :
		    ", unchanged", what);
		st->updated += d != 0;
		(*known)++;
	}
	return 0;
}

/*
 * Room for the whole import in memory until it commits, about 1 KiB a
 * row (a million rows write some 330 MB): a cache smaller than the
 * transaction spills pages to the WAL before the commit and writes the
 * pages of the random indexes again and again.  At least 256 MiB, at
 * most a quarter of the machine's memory; SQLite takes it only as used.
 */
static int
import_cache_kib(int rows)
{
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
	long long want = rows, most;

	most = pages > 0 && psize > 0 ? (long long)pages * (psize / 1024) / 4 :
	    256 * 1024;
	if (want < 256 * 1024)
		want = 256 * 1024;
	if (want > most)
		want = most;
	if (want > 0x7fffffff / 2)
		want = 0x7fffffff / 2;
	return (int)want;
}

/*
 * A phrase of a lead or cooperating cell that no agency, group or taught
 * phrase matches: reported in the plan's own words, with the closest
 * agencies and the directory line that would teach it.
 */
static void
unknown_agency(FILE *err, json_t *probs, const char *path,
    const struct tab_row *r, enum tcol c, const struct name_dir *nd,
    const struct dirent_ctx *dir, const char *text)
{
	char written[400], line[1400];
	int close[3], ncl, e;

	name_as_written(r->v[c], text, written, sizeof(written));
	ncl = names_closest(nd, text, close, 3);
	e = ncl > 0 ? close[0] : -1;
	name_teach_line(e >= 0 ? &dir->e[e] : NULL, e >= 0 ? dir->parent[e] :
	    NULL, e >= 0 ? dir->e[e].aliases : NULL, written, line,
	    sizeof(line));
	report(err, probs, path, r, c, _("\"%s\" is no agency of the "
	    "directory%s%s%s%s%s%s; if it means %s, add this line to the "
	    "directory (Mã,Tên,Cấp trên,Nhóm,Tên khác) and import it again: "
	    "%s"), written, ncl ? _("; closest: ") : "", ncl ?
	    dir->e[close[0]].name : "", ncl > 1 ? ", " : "",
	    ncl > 1 ? dir->e[close[1]].name : "", ncl > 2 ? ", " : "",
	    ncl > 2 ? dir->e[close[2]].name : "", e >= 0 ? dir->e[e].name :
	    _("a new agency"), line);
}

/* names_resolve, once per distinct cell text of the table. */
static int
resolve(struct memo *m, const struct name_dir *nd, const char *cell,
    struct name_hit *hits, int max)
{
	const void *p;
	size_t len;
	int n;

	if ((p = memo_get(m, cell, &len)) != NULL) {
		memcpy(hits, p, len);
		return (int)(len / sizeof(*hits));
	}
	n = names_resolve(nd, cell, hits, max);
	memo_put(m, cell, hits, (size_t)n * sizeof(*hits));
	return n;
}

/* phrase_parse, once per distinct timing text of the table. */
static void
read_when(struct memo *m, const char *text, int year, struct phrase *ph)
{
	const void *p;
	size_t len;

	if ((p = memo_get(m, text ? text : "", &len)) != NULL &&
	    len == sizeof(*ph)) {
		memcpy(ph, p, len);
		return;
	}
	phrase_parse(text, year, ph);
	memo_put(m, text ? text : "", ph, sizeof(*ph));
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Whether no row of T can find another's task: each row to import has a
 * reference, none twice, and none with a "/" that a second schedule's
 * "N/2" could repeat.  Into a plan with no task yet, such an import never
 * finds a task again, and a large one leaves task_plan_ref to the end.
 */
static int
refs_unique(const struct tab_table *t)
{
	char **refs = xcalloc((size_t)t->n + 1, sizeof(*refs));
	int i, n = 0, ok = 1;

	for (i = 0; i < t->n && ok; i++) {
		if (t->rows[i].heading || t->rows[i].v[T_TITLE] == NULL)
			continue;
		if (t->rows[i].v[T_REF] == NULL ||
		    strchr(t->rows[i].v[T_REF], '/') != NULL)
			ok = 0;
		else
			refs[n++] = t->rows[i].v[T_REF];
	}
	/* The table's build has looked for a reference twice already. */
	if (ok && !t->refs_once) {
		qsort(refs, (size_t)n, sizeof(*refs), by_str);
		for (i = 1; i < n && ok; i++)
			ok = strcmp(refs[i - 1], refs[i]) != 0;
	}
	free(refs);
	return ok;
}

/* Drops repeated agencies from HITS, keeping the first; returns how many. */
static int
dedupe(struct name_hit *h, int n)
{
	int i, j, m = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < m; j++)
			if (h[j].entry == h[i].entry)
				break;
		if (j == m)
			h[m++] = h[i];
	}
	return m;
}

/* "A,B,C": the codes of HITS, leaving out entry SKIP. */
static void
codes_of(const struct dirent_ctx *dir, const struct name_hit *h, int n,
    int skip, char *out, size_t len)
{
	size_t o = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (h[i].entry >= 0 && h[i].entry != skip && o < len)
			o += (size_t)snprintf(out + o, len - o, "%s%s",
			    o ? "," : "", dir->e[h[i].entry].code);
}

/* The codes of HITS as a JSON array, leaving out entry SKIP. */
static json_t *
dir_codes(const struct dirent_ctx *dir, const struct name_hit *h, int n,
    int skip)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++)
		if (h[i].entry >= 0 && h[i].entry != skip)
			json_array_append_new(a,
			    json_string(dir->e[h[i].entry].code));
	return a;
}

/* The ids of HITS, leaving out entry SKIP; returns how many. */
static int
ids_of(const struct dirent_ctx *dir, const struct name_hit *h, int n,
    int skip, int64_t *out)
{
	int i, m = 0;

	for (i = 0; i < n; i++)
		if (h[i].entry >= 0 && h[i].entry != skip)
			out[m++] = dir->ids[h[i].entry];
	return m;
}

/*
 * The first three due days of reading PH (a single schedule) from the
 * plan's start START (YYYY-MM-DD), each with the move a day off makes:
 * "30/01/2026 → 02/02/2026 (Tết Nguyên đán)".
 */
static void
dry_dues(const struct config *conf, const char *policy,
    const struct phrase *ph, const char *start, char *out, size_t len)
{
	struct ymd from, d[3], to;
	char mv[256];
	size_t o = 0;
	int i, n;

	out[0] = '\0';
	if (sscanf(start, "%d-%d-%d", &from.y, &from.m, &from.d) != 3 ||
	    ph->nsched == 0 || (n = phrase_dues(&ph->sched[0], from, d,
	    3)) == 0) {
		snprintf(out, len, "-");
		return;
	}
	for (i = 0; i < n && o < len; i++) {
		if (phrase_move(conf, policy, &ph->sched[0], d[i], &to, mv,
		    sizeof(mv)))
			o += (size_t)snprintf(out + o, len - o, "%s%s",
			    i ? ", " : "", mv);
		else
			o += (size_t)snprintf(out + o, len - o,
			    "%s%02d/%02d/%04d", i ? ", " : "", d[i].d, d[i].m,
			    d[i].y);
	}
}

/* Texts, each with the id (an occurrence, a row) it is about. */
struct notes {
	int64_t		*id;
	char		**text;
	size_t		 n, cap;
};

static void
notes_add(struct notes *l, int64_t id, const char *text)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->id = xreallocarray(l->id, l->cap, sizeof(*l->id));
		l->text = xreallocarray(l->text, l->cap, sizeof(*l->text));
	}
	l->id[l->n] = id;
	l->text[l->n++] = xstrdup(text);
}

static void
notes_free(struct notes *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->text[i]);
	free(l->id);
	free(l->text);
}

/*
 * What a fresh import's stores gave back, from the storing thread
 * (import-pipe.c) or this one: the tasks added; the one-offs whose
 * deadline a day off moved, whose "extended" events are logged after the
 * "created" ones (store_bulk_created) so each occurrence's events read
 * in the order task_add gives them; and the rows task_add refused,
 * reported when it is done.
 */
struct stored {
	int		 added;
	struct notes	 moves;		/* by occurrence */
	struct notes	 refused;	/* by row */
};

static void
stored_added(void *arg, int row, const struct task_added *a)
{
	struct stored *so = arg;

	so->added++;
	if (a->sched == SCHED_ONCE && a->why[0] != '\0')
		notes_add(&so->moves, a->occ_id, a->why);
}

static void
stored_refused(void *arg, int row, const char *why)
{
	struct stored *so = arg;

	notes_add(&so->refused, row, why);
}

static int
moves_log(struct store *s, const struct notes *m, time_t now)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (store_event(s, EV_EXTENDED, m->id[i], 0, m->text[i],
		    now) == -1)
			return -1;
	return 0;
}

/* Schedule SI of reading W as a reading of its own, in *ONE. */
static void
one_sched(const struct phrase *w, int si, struct phrase *one)
{
	*one = *w;
	if (w->nsched == 0)
		return;
	one->kind = w->sched[si].kind;
	one->nsched = 1;
	one->sched[0] = w->sched[si];
	one->due = one->sched[0].due;
	one->from = one->sched[0].from;
	one->until = one->sched[0].until;
	one->tod = one->sched[0].tod;
	one->quota = one->sched[0].quota;
	snprintf(one->rrule, sizeof(one->rrule), "%s", one->sched[0].rrule);
}

int
import_tasks(struct store *s, const struct config *conf, const char *path,
    const char *plan, int year, const char *policy, int dry_run,
    int skip_bad, int table_no, int json, time_t now, FILE *out, FILE *err,
    const struct import_progress *progress, struct import_stats *st,
    char *msg, size_t msglen)
{
	struct tbook book;
	struct tab_table tt;
	struct dirent_ctx dir = { NULL, NULL, NULL, 0 };
	int64_t coopids[MAX_HITS];
	struct name_dir *nd = NULL;
	struct memo *names_memo = NULL, *when_memo = NULL;
	struct name_hit leads[MAX_HITS], coops[MAX_HITS];
	struct phrase ph;
	struct task_spec spec;
	struct task_added added;
	struct task_text tx;
	int nrows = 0, i, k, rc = -1, nl, nc, bad;
	int ambiguous = 0, started = 0, known = 0;
	char vi[256], en[256], dues[512], coopcodes[1024], due[32];
	char rrule[160], start[16], title[512], quota[160], *content = NULL;
	char pfrom[16], puntil[16], until[16], wait[320], refbuf[96];
	char notebuf[1024];
	const char *refp;
	struct phrase whole;
	int past = 0, si;
	struct task_found found;
	struct store_bulk bulk;
	struct occ_batch batch = { NULL, 0, 0, NULL };
	struct stored stored;
	struct import_pipe_cb pcb = { stored_added, stored_refused, &stored };
	struct import_pipe *pipe = NULL;
	struct task_prep prep;
	size_t ri;
	char created[96];
	const char *rowpolicy, *kind;
	json_t *jrows = NULL, *jrow = NULL, *probs = NULL;
	int64_t plan_id;

	memset(st, 0, sizeof(*st));
	memset(&bulk, 0, sizeof(bulk));
	memset(&stored, 0, sizeof(stored));
	if ((rc = store_plan_get(s, plan, &plan_id)) != 1) {
		if (rc == -1)
			snprintf(msg, msglen, "%s", store_error(s));
		else
			snprintf(msg, msglen, _("--plan: unknown plan \"%s\" "
			    "(add it first: nhacviec plan add %s --title ...)"),
			    plan, plan);
		return -1;
	}
	if (store_plan_period(s, plan_id, pfrom, puntil, sizeof(pfrom)) ==
	    -1) {
		snprintf(msg, msglen, "%s", store_error(s));
		return -1;
	}
	rc = -1;
	memset(&tt, 0, sizeof(tt));
	if (tabfile_read(path, &book, msg, msglen) == -1)
		return -1;
	if (tab_table_build(&book, table_no, &tt, msg, msglen) == -1) {
		/* The reasons name no file. */
		char *m = xstrdup(msg);

		snprintf(msg, msglen, "%s: %s", path, m);
		free(m);
		goto out;
	}
	tbook_free_cells(&book);
	nrows = tt.n;
	if (json)
		jrows = json_array();
	if (dry_run && !json) {
		if (book.format != TG_TEXT)
			fprintf(out, _("read as %s: %d table(s)\n"),
			    tg_format_name(book.format), book.n);
		for (i = 0; i < tt.nnotes; i++)
			fprintf(out, "%s\n", text_tty(tt.notes[i]));
	}
	/* The directory as names.c sees it. */
	if (store_agency_list(s, dir_cb, &dir) == -1) {
		snprintf(msg, msglen, "%s", store_error(s));
		rc = -1;
		goto out;
	}
	nd = names_new(dir.e, dir.n);
	names_memo = memo_new(MEMO_MAX, MEMO_BYTES);
	when_memo = memo_new(MEMO_MAX, MEMO_BYTES);
	if (!dry_run) {
		(void)store_cache_kib(s, import_cache_kib(nrows));
		/*
		 * A table larger than the database: indexes built at the end.
		 * Its references are sorted only when it is large enough.
		 */
		rc = store_bulk_open(s, nrows, plan_id, nrows >=
		    STORE_BULK_MIN_ROWS && refs_unique(&tt), dir.ids, dir.n,
		    &bulk);
		if (rc == -2)
			snprintf(msg, msglen, _("%s: the plan or an agency was "
			    "removed while the file was read; nothing was "
			    "imported (run the import again)"), path);
		else if (rc == -1)
			snprintf(msg, msglen, "%s", store_error(s));
		if (rc != 0) {
			rc = -1;
			goto out;
		}
		started = 1;
		/*
		 * Nothing to look up: the rows are stored on a second thread
		 * while the next are read (or here, when it cannot start).
		 */
		if (bulk.fresh && !json)
			pipe = import_pipe_start(s, conf, now, &pcb);
	}
	for (i = 0; i < nrows; i++) {
		struct tab_row *r = &tt.rows[i];

		if (i % IMPORT_PROGRESS_STEP == 0)
			import_progress(progress, "tasks", i, nrows);
		if (json) {
			jrow = tab_row_json(r);
			json_array_append_new(jrows, jrow);
			probs = json_object_get(jrow, "problems");
		}
		if (r->heading || r->v[T_TITLE] == NULL) {
			if (dry_run && !json && r->heading)
				fprintf(out, "\n%s\n", text_tty(r->section));
			else if (dry_run && !json)
				fprintf(out, _("row %d: no content: passed "
				    "over\n"), r->line);
			continue;
		}
		st->rows++;
		bad = 0;
		/* The content stays whole; messages name the short title. */
		free(content);
		content = xstrdup(r->v[T_TITLE]);
		csv_squeeze(content);
		if (r->v[T_SHORT] != NULL) {
			snprintf(title, sizeof(title), "%s", r->v[T_SHORT]);
			csv_squeeze(title);
		} else
			short_title(content, title, sizeof(title));
		if (json)
			tab_row_json_title(jrow, title, content);
		nl = r->v[T_LEAD] ? resolve(names_memo, nd, r->v[T_LEAD],
		    leads, MAX_HITS) : 0;
		nc = r->v[T_COOP] ? resolve(names_memo, nd, r->v[T_COOP],
		    coops, MAX_HITS) : 0;
		if (nl == 0) {
			report(err, probs, path, r, T_LEAD, _("no lead "
			    "agency"));
			bad = 1;
		}
		if (r->problem != NULL) {
			report(err, probs, path, r, T_REF, "%s", r->problem);
			bad = 1;
		}
		for (k = 0; k < nl + nc; k++) {
			struct name_hit *h = k < nl ? &leads[k] :
			    &coops[k - nl];

			if (h->entry != -1)
				continue;
			unknown_agency(err, probs, path, r, k < nl ? T_LEAD :
			    T_COOP, nd, &dir, h->text);
			bad = 1;
		}
		if (r->v[T_WHEN] != NULL)
			csv_squeeze(r->v[T_WHEN]);
		read_when(when_memo, r->v[T_WHEN], year, &ph);
		if (ph.kind == PH_UNKNOWN) {
			report(err, probs, path, r, T_WHEN, "\"%s\": %s",
			    r->v[T_WHEN] ? r->v[T_WHEN] : "", ph.note);
			bad = 1;
		}
		if (bad) {
			/* What was read of it, beside its problems. */
			if (json)
				tab_row_json_reading(jrow, r->v[T_WHEN], &ph,
				    year, dir_codes(&dir, leads, nl, -1),
				    dir_codes(&dir, coops, nc, -1), NULL);
			st->bad++;
			continue;
		}
		ambiguous += ph.ambiguous;
		/* The same agency named twice (and by a group) counts once. */
		nl = dedupe(leads, nl);
		nc = dedupe(coops, nc);
		/* A lead is never its own cooperating agency (a group phrase
		 * in the other column may name it).  Shown by the dry run. */
		if (dry_run)
			codes_of(&dir, coops, nc, nl == 1 ? leads[0].entry :
			    -1, coopcodes, sizeof(coopcodes));
		/*
		 * One task per schedule: "Thường xuyên, hằng năm" is two duties,
		 * each tracked on its own; the second and later take the row's
		 * number with "/2", "/3" so a new import finds them again.
		 */
		whole = ph;
		for (si = 0; si < (whole.nsched > 0 ? whole.nsched : 1); si++) {
			one_sched(&whole, si, &ph);
			refp = r->v[T_REF];
			if (si > 0) {
				snprintf(refbuf, sizeof(refbuf), "%s/%d",
				    r->v[T_REF] ? r->v[T_REF] : "", si + 1);
				refp = refbuf;
			}
			/* The schedule as task_add takes it. */
			memset(&spec, 0, sizeof(spec));
			if (r->v[T_FORM] != NULL)
				csv_squeeze(r->v[T_FORM]);
			if (r->v[T_NOTE] != NULL)
				csv_squeeze(r->v[T_NOTE]);
			spec.form = r->v[T_FORM];
			spec.note = r->v[T_NOTE];
			spec.content = strcmp(content, title) != 0 ? content : NULL;
			spec.section = r->section;
			due[0] = rrule[0] = quota[0] = until[0] = wait[0] = '\0';
			snprintf(start, sizeof(start), "%s", pfrom[0] ? pfrom : "");
			if (start[0] == '\0')
				snprintf(start, sizeof(start), "%04d-01-01", year);
			/* Recurrences end with the plan, unless the phrase says not. */
			if ((ph.kind == PH_RECUR || ph.kind == PH_ONGOING) &&
			    !ph.sched[0].open_end) {
				if (ph.sched[0].until.y != 0)
					snprintf(until, sizeof(until), "%04d-%02d-%02d",
					    ph.sched[0].until.y, ph.sched[0].until.m,
					    ph.sched[0].until.d);
				else if (puntil[0] != '\0')
					snprintf(until, sizeof(until), "%s", puntil);
			}
			if (ph.kind == PH_RECUR && ph.sched[0].from.y != 0)
				snprintf(start, sizeof(start), "%04d-%02d-%02d",
				    ph.sched[0].from.y, ph.sched[0].from.m,
				    ph.sched[0].from.d);
			/*
			 * No deadline to plan: a relative period waits for its
			 * trigger, an event or a status has none.  Imported as a duty
			 * without a deadline; the reading goes in the note.
			 */
			if (ph.kind == PH_RELATIVE || ph.kind == PH_NONE ||
			    (ph.kind == PH_WINDOW && ph.due.y == 0)) {
				phrase_describe(&ph, vi, sizeof(vi), en, sizeof(en));
				snprintf(wait, sizeof(wait), "chờ: %s", vi);
				if (ph.kind == PH_RELATIVE && ph.sched[0].rel_n >= 0) {
					static const char *const units[] = { "days",
					    "workdays", "months", "hours" };

					spec.wait_unit = units[ph.sched[0].rel_unit];
					spec.wait_n = ph.sched[0].rel_n;
					spec.wait_trigger = ph.sched[0].trigger;
				}
				ph.kind = PH_ONGOING;
				ph.rrule[0] = '\0';
				until[0] = '\0';
			}
			if ((ph.kind == PH_ONCE || ph.kind == PH_WINDOW) &&
			    local_make(ph.due.y, ph.due.m, ph.due.d, 86399) < now)
				past++;
			/* A deadline past before the import is never sent. */
			spec.past_recorded = 1;
			if (wait[0] != '\0') {
				snprintf(notebuf, sizeof(notebuf), "%s%s%s",
				    r->v[T_NOTE] ? r->v[T_NOTE] : "",
				    r->v[T_NOTE] ? "; " : "", wait);
				spec.note = notebuf;
			}
			/* A --policy for all, else the one whose for_* fits. */
			kind = ph.kind == PH_RECUR ? policy_kind_of("rrule", ph.rrule) :
			    ph.kind == PH_ONCE ? "once" : ph.kind == PH_WINDOW ?
			    "window" : "ongoing";
			rowpolicy = policy ? policy : policy_select(conf,
			    dir.e[leads[0].entry].groups, kind);
			if (ph.kind == PH_ONCE || ph.kind == PH_WINDOW) {
				if (ph.tod >= 0)
					snprintf(due, sizeof(due), "%04d-%02d-%02d "
					    "%02d:%02d:%02d", ph.due.y, ph.due.m,
					    ph.due.d, ph.tod / 3600, ph.tod / 60 % 60,
					    ph.tod % 60);
				else
					snprintf(due, sizeof(due), "%04d-%02d-%02d",
					    ph.due.y, ph.due.m, ph.due.d);
				spec.due = due;
			} else {
				/*
				 * The end written into the rule, so a table imported
				 * again compares equal.
				 */
				if (until[0] != '\0' && ph.rrule[0] != '\0')
					snprintf(rrule, sizeof(rrule),
					    "%s;UNTIL=%.4s%.2s%.2sT235959", ph.rrule,
					    until, until + 5, until + 8);
				else
					snprintf(rrule, sizeof(rrule), "%s", ph.rrule);
				spec.rrule = rrule[0] ? rrule : NULL;
				spec.start = start;
				spec.ongoing = ph.kind == PH_ONGOING;
				if (ph.quota > 0) {
					snprintf(quota, sizeof(quota), "ít nhất %d lần",
					    ph.quota);
					spec.quota = quota;
				}
			}
			/* A quota column says it in the plan's own words. */
			if (r->v[T_QUOTA] != NULL) {
				snprintf(quota, sizeof(quota), "%s", r->v[T_QUOTA]);
				csv_squeeze(quota);
				spec.quota = quota;
			}
			/* The reading in words, for the dry run's lines only. */
			if (dry_run && !json)
				phrase_describe(&ph, vi, sizeof(vi), en,
				    sizeof(en));
			if (json) {
				tab_row_json_reading(jrow, r->v[T_WHEN], &ph, year,
				    dir_codes(&dir, leads, nl, -1),
				    dir_codes(&dir, coops, nc, nl == 1 ? leads[0].entry :
				    -1), rowpolicy);
				spec.title = title;
				spec.ref = refp;
				if (dry_known(s, conf, &dir, plan_id, leads, nl, &spec,
				    now, NULL, st, &known) == -1)
					goto storefail;
				continue;
			}
			if (dry_run) {
				char leadcodes[1024] = "";
				size_t o;

				for (k = 0; k < nl; k++) {
					o = strlen(leadcodes);
					snprintf(leadcodes + o, sizeof(leadcodes) - o,
					    "%s%s", k ? ", " : "",
					    dir.e[leads[k].entry].code);
				}
				dry_dues(conf, rowpolicy, &ph, start, dues,
				    sizeof(dues));
				fprintf(out, "%s  %s\n", refp ? text_tty(refp) : "-",
				    text_tty(title));
				for (k = 0; k < r->nwhy; k++)
					fprintf(out, "    %s\n", text_tty(r->why[k]));
				if (r->section != NULL)
					fprintf(out, "    mục: %s\n",
					    text_tty(r->section));
				if (spec.content != NULL)
					fprintf(out, "    nội dung: %s\n",
					    text_tty(content));
				if (rowpolicy != NULL)
					fprintf(out, "    policy: %s%s\n", rowpolicy,
					    policy ? "" : _(" (chosen by its "
					    "for_groups, for_kinds)"));
				fprintf(out, "    chủ trì: %s%s%s%s\n"
				    "    thời gian: \"%s\"\n      -> %s\n      -> %s "
				    "[%s]%s%s\n    hạn đầu: %s\n", leadcodes, nl > 1 ?
				    _(" (one task each)") : "", coopcodes[0] ?
				    "\n    phối hợp: " : "", coopcodes,
				    text_tty(r->v[T_WHEN]), text_tty(vi),
				    text_tty(en), ph.rule,
				    ph.note[0] ? "\n      note: " : "", text_tty(ph.note),
				    dues);
				if (spec.form != NULL)
					fprintf(out, "    hình thức: %s\n",
					    text_tty(spec.form));
				if (spec.note != NULL)
					fprintf(out, "    ghi chú: %s\n",
					    text_tty(spec.note));
				spec.title = title;
				spec.ref = refp;
				if (dry_known(s, conf, &dir, plan_id, leads, nl, &spec,
				    now, out, st, &known) == -1)
					goto storefail;
				continue;
			}
			for (k = 0; k < nl; k++) {
				const char *lead = dir.e[leads[k].entry].code;

				/* Nothing to find: the plan was empty, refs unique. */
				rc = bulk.fresh ? 0 : store_task_find(s, plan_id,
				    refp, dir.ids[leads[k].entry],
				    text_of(&spec, &tx), &found);
				if (rc == -1)
					goto storefail;
				spec.plan = plan;
				spec.title = title;
				spec.lead = lead;
				spec.ref = refp;
				spec.policy = policy ? policy : policy_select(conf,
				    dir.e[leads[k].entry].groups, kind);
				spec.via = "import";
				spec.in_txn = 1;
				spec.events_later = bulk.fresh;
				spec.batch = bulk.dropped ? &batch : NULL;
				if (rc == 1) {
					rc = update_task(s, conf, &found, &spec, now, out,
					    r->line, msg, msglen);
					if (rc == -1)
						goto storefail;
					if (rc == -2) {
						report(err, probs, path, r, T_WHEN, "%s",
						    msg);
						st->bad++;
						continue;
					}
					st->updated += rc;
					continue;
				}
				/*
				 * Resolved once, with the directory: the ids stand
				 * for the codes.  A lead does not cooperate with
				 * itself.
				 */
				spec.cooperate = NULL;
				spec.plan_id = plan_id;
				spec.lead_id = dir.ids[leads[k].entry];
				spec.ncoop = ids_of(&dir, coops, nc, leads[k].entry,
				    coopids);
				spec.coop_ids = coopids;
				/* Read here, stored by the other thread. */
				if (pipe != NULL) {
					if (task_prepare(conf, &spec, now, &prep, msg,
					    msglen) == -1) {
						report(err, probs, path, r, T_WHEN, "%s",
						    msg);
						st->bad++;
					} else if (import_pipe_add(pipe, &spec, &prep,
					    i) == -1)
						goto storefail;
					continue;
				}
				if ((rc = task_add(s, conf, &spec, now, &added, msg,
				    msglen)) == -2)
					goto storefail;
				if (rc == -1) {
					report(err, probs, path, r, T_WHEN, "%s", msg);
					st->bad++;
					continue;
				}
				if (spec.events_later)
					stored_added(&stored, i, &added);
				else
					st->added++;
			}
		}
	}
	import_progress(progress, "tasks", nrows, nrows);
	if (pipe != NULL) {
		rc = import_pipe_end(pipe);
		pipe = NULL;
		if (rc == -1)
			goto storefail;
	}
	/* Refused while stored: after the rows read, in their order. */
	for (ri = 0; ri < stored.refused.n; ri++) {
		report(err, NULL, path, &tt.rows[stored.refused.id[ri]], T_WHEN,
		    "%s", stored.refused.text[ri]);
		st->bad++;
	}
	st->added += stored.added;
	if (st->bad > 0 && !skip_bad) {
		rc = -1;
		if (started)
			store_rollback(s);
		if (dry_run)
			snprintf(msg, msglen, _("%s: %d row(s) of %d not "
			    "understood (reported above)"), path, st->bad,
			    st->rows);
		else
			snprintf(msg, msglen, _("%s: %d row(s) of %d not "
			    "understood; nothing was imported (--skip-bad "
			    "imports the others)"), path, st->bad, st->rows);
		goto out;
	}
	if (past > 0 && !json)
		fprintf(out, dry_run ? _("\n%d deadline(s) already past: they "
		    "would be recorded as before the import, no reminder sent "
		    "for them\n") : _("\n%d deadline(s) already past: they are "
		    "recorded as before the import, no reminder sent for "
		    "them\n"), past);
	if (dry_run && !json)
		fprintf(out, _("\n%d task row(s), %d task(s) to add, %d "
		    "already imported (%d to change), %d agencies in the "
		    "directory, %d ambiguous, %d not understood; nothing "
		    "written\n"), st->rows,
		    st->added, known, st->updated, dir.n, ambiguous, st->bad);
	task_created_detail("import", created, sizeof(created));
	if (started && (store_bulk_created(s, &bulk, created, now) == -1 ||
	    moves_log(s, &stored.moves, now) == -1 ||
	    store_bulk_end(s, &bulk) == -1 || store_commit(s) == -1))
		goto storefail;
	st->ambiguous = ambiguous;
	rc = 0;
	goto out;
storefail:
	/* The store is the storing thread's until it is joined. */
	if (pipe != NULL)
		(void)import_pipe_end(pipe);
	pipe = NULL;
	snprintf(msg, msglen, _("%s; nothing was imported"), store_error(s));
	rc = -1;
	if (started)
		store_rollback(s);
out:
	store_bulk_finish(s, &bulk);
	notes_free(&stored.moves);
	notes_free(&stored.refused);
	occ_batch_free(&batch);
	if (jrows != NULL && (rc == 0 || st->bad > 0))
		tab_rows_json_print(out, jrows, st, known, ambiguous);
	json_decref(jrows);
	free(content);
	tab_table_free(&tt);
	tbook_free(&book);
	names_free(nd);
	memo_free(names_memo);
	memo_free(when_memo);
	for (i = 0; i < dir.n; i++) {
		free((char *)dir.e[i].code);
		free((char *)dir.e[i].name);
		free((char *)dir.e[i].groups);
		free((char *)dir.e[i].aliases);
		free(dir.parent[i]);
	}
	free(dir.parent);
	free(dir.e);
	free(dir.ids);
	return rc;
}
