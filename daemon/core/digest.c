/*
 * digest.c: one message instead of a flood.  Messages to the same contact
 * on the same channel that fall due within the policy's digest window are
 * gathered into one outbox message (store-digest.c keeps the links), so
 * a chairman whose province has 26 overdue tasks of one plan hears about
 * them once, not 26 times in a morning.
 *
 * The digest is written for its channel: an SMS gets the counts, the most
 * urgent tasks and a signed link to the full list (digestpage.c serves
 * it); Zalo, e-mail and the rest get the full list, each task with its
 * ack code and, when the config signs links, its own ack link.  It is
 * written again just before it leaves, so a task closed in between drops
 * out, and a digest left with nothing is cancelled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "ack.h"
#include "config.h"
#include "digest.h"
#include "log.h"
#include "provider.h"
#include "smstext.h"
#include "tell.h"
#include "store.h"
#include "tztime.h"
#include "xmalloc.h"

#define TOKEN_DIGEST	3	/* the first byte of a list link's payload */
#define TITLE_SMS	40	/* characters of a title an SMS digest keeps */
#define SMS_SEGMENTS	3	/* an SMS digest's length without max_segments */

/* A queued message, as grouping needs it. */
struct loose {
	int64_t		 id;
	int64_t		 job_id;
	int64_t		 contact;
	int		 channel;
	char		*provider;
	char		*address;
	time_t		 at;
	int		 is_digest;
	int64_t		 window;	/* the policy's digest; 0: never */
};

struct gather {
	const struct config *conf;
	struct loose	*v;
	size_t		 n, cap;
};

/* How far ahead of its time a job fires so a digest can gather it. */
time_t
digest_lookahead(const struct config *c)
{
	const struct policy *p;
	time_t w = 0;

	TAILQ_FOREACH(p, &c->policies, entry)
		if (p->digest > w)
			w = (time_t)p->digest;
	return w;
}

/* A channel that sends approved templates only cannot carry a list. */
static int
can_digest(const struct config *c, const char *provider)
{
	const struct provider_conf *pc = config_provider(c, provider);

	return pc != NULL && pc->ops != NULL &&
	    (pc->ops->flags & PROV_F_TEMPLATES) == 0;
}

static void
collect(void *arg, const struct msg_row *m)
{
	struct gather *g = arg;
	const struct policy *p;
	struct loose *l;

	/* A told text (core/tell.c) is not a reminder: it stands alone. */
	if (m->kind == JOB_ALERT && m->step == TELL_STEP)
		return;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->v = xreallocarray(g->v, g->cap, sizeof(*g->v));
	}
	l = &g->v[g->n++];
	memset(l, 0, sizeof(*l));
	l->id = m->id;
	l->job_id = m->job_id;
	l->contact = m->contact_id;
	l->channel = m->channel;
	l->provider = xstrdup(m->provider);
	l->address = xstrdup(m->address);
	l->at = m->next_attempt_at;
	l->is_digest = m->is_digest;
	if ((p = config_policy(g->conf, m->policy)) == NULL)
		p = config_policy(g->conf, g->conf->default_policy);
	if (p != NULL && can_digest(g->conf, m->provider))
		l->window = p->digest;
}

static int
same_box(const struct loose *a, const struct loose *b)
{
	return a->contact == b->contact && strcmp(a->provider, b->provider) ==
	    0;
}

static int
render(struct store *, const struct config *, int64_t id, time_t now);

/*
 * Gathers queued messages into digests: for each contact and channel, a
 * message and those after it within its policy's digest window become
 * one digest (or join the digest that opens the window).  *MADE counts
 * the digests written or grown.  Runs in the caller's transaction.
 */
int
digest_gather(struct store *s, const struct config *c, time_t now, int *made)
{
	struct gather g;
	struct loose *h;
	struct new_msg nm;
	char key[64];
	size_t i, j, k;
	int64_t did;
	int rc = -1;

	*made = 0;
	/*
	 * Only a policy's window groups messages: with none, reading every
	 * queued message (the whole backlog under load) would find nothing.
	 */
	if (digest_lookahead(c) == 0)
		return 0;
	memset(&g, 0, sizeof(g));
	g.conf = c;
	if (store_digest_loose(s, collect, &g) == -1)
		goto out;
	for (i = 0; i < g.n; i = j) {
		h = &g.v[i];
		for (j = i + 1; j < g.n && same_box(h, &g.v[j]) &&
		    !g.v[j].is_digest && h->window > 0 &&
		    g.v[j].at <= h->at + h->window; j++)
			;
		if (j - i < 2)
			continue;
		if (h->is_digest)
			did = h->id;
		else {
			memset(&nm, 0, sizeof(nm));
			snprintf(key, sizeof(key), "nv-d-%lld",
			    (long long)h->id);
			nm.job_id = h->job_id;
			nm.contact_id = h->contact;
			nm.channel = h->channel;
			nm.provider = h->provider;
			nm.address = h->address;
			nm.body = "";
			nm.idem_key = key;
			nm.now = now;
			nm.at = h->at;
			nm.is_digest = 1;
			if (store_msg_add(s, &nm, &did) == -1)
				goto out;
			if (did == 0)	/* written before: never twice */
				continue;
		}
		for (k = i; k < j; k++)
			if (!g.v[k].is_digest && store_digest_add_member(s,
			    g.v[k].id, did) == -1)
				goto out;
		if (render(s, c, did, now) == -1)
			goto out;
		(*made)++;
	}
	rc = 0;
out:
	for (i = 0; i < g.n; i++) {
		free(g.v[i].provider);
		free(g.v[i].address);
	}
	free(g.v);
	return rc;
}

/* "quá hạn hôm nay", "quá 3 ngày", "đến hạn hôm nay", "còn 2 ngày". */
const char *
digest_due_phrase(time_t due, time_t at, char *buf, size_t len)
{
	int d = local_days_between(at, due);

	if (due <= at && d == 0)
		snprintf(buf, len, "quá hạn hôm nay");
	else if (due <= at)
		snprintf(buf, len, "quá %d ngày", -d);
	else if (d == 0)
		snprintf(buf, len, "đến hạn hôm nay");
	else
		snprintf(buf, len, "còn %d ngày", d);
	return buf;
}

/*
 * The signed link to the full list of digest DIGEST_ID for CONTACT, or
 * NULL when the config signs no links.  Sealed like ack links, with its
 * own first byte so neither can pass for the other.
 */
const char *
digest_list_url(const struct config *c, int64_t digest_id, int64_t contact,
    time_t expires, char *buf, size_t len)
{
	unsigned char raw[32];
	char tok[ACK_TOKEN_MAX + 1];
	size_t n = 0;

	if (c->public_url == NULL || c->ack_key == NULL)
		return NULL;
	raw[n++] = TOKEN_DIGEST;
	n += token_put_varint(raw + n, (uint64_t)digest_id);
	n += token_put_varint(raw + n, (uint64_t)contact);
	n += token_put_varint(raw + n, (uint64_t)((expires + 3599) / 3600));
	if (token_seal(c->ack_key, raw, n, tok, sizeof(tok)) == -1)
		return NULL;
	snprintf(buf, len, "%s/l/%s", c->public_url, tok);
	return buf;
}

/* 0 valid, -1 malformed or forged, -2 expired. */
int
digest_list_token_parse(const char *key, const char *token, time_t now,
    int64_t *digest_id, int64_t *contact)
{
	unsigned char raw[ACK_TOKEN_MAX];
	uint64_t d, ct, hours;
	size_t len, off = 1;

	if (token_open(key, token, raw, sizeof(raw), &len) == -1 ||
	    len < 2 || raw[0] != TOKEN_DIGEST)
		return -1;
	if (token_get_varint(raw, len, &off, &d) == -1 ||
	    token_get_varint(raw, len, &off, &ct) == -1 ||
	    token_get_varint(raw, len, &off, &hours) == -1 || off != len)
		return -1;
	*digest_id = (int64_t)d;
	*contact = (int64_t)ct;
	return now > (time_t)(hours * 3600) ? -2 : 0;
}

/* The tasks of a digest, copied out of the store while it is written. */
struct item {
	char		*title;
	char		*plan;
	char		*lead;
	char		 ack[16];
	time_t		 due;
	int64_t		 lead_id;
};

struct members {
	struct item	*v;
	size_t		 n, cap;
	int64_t		 contact;
	time_t		 at;
	char		*provider;
	int64_t		 id;
	int		 found;
};

static void
member_cb(void *arg, const struct msg_row *m)
{
	struct members *ms = arg;
	struct item *it;
	size_t i;

	/* Several steps of one task in a window: the task is listed once. */
	for (i = 0; i < ms->n; i++)
		if (strcmp(ms->v[i].ack, m->ack_code) == 0)
			return;
	if (ms->n == ms->cap) {
		ms->cap = ms->cap ? ms->cap * 2 : 32;
		ms->v = xreallocarray(ms->v, ms->cap, sizeof(*ms->v));
	}
	it = &ms->v[ms->n++];
	memset(it, 0, sizeof(*it));
	it->title = xstrdup(m->task_title);
	it->plan = xstrdup(m->plan_code);
	snprintf(it->ack, sizeof(it->ack), "%s", m->ack_code);
	it->due = m->due_at;
	it->lead_id = m->lead_id;
}

static void
lead_cb(void *arg, const struct agency_row *a)
{
	struct item *it = arg;

	free(it->lead);
	it->lead = xstrdup(a->name);
}

static void
digest_cb(void *arg, const struct msg_row *m)
{
	struct members *ms = arg;

	ms->found = 1;
	ms->contact = m->contact_id;
	ms->at = m->next_attempt_at;
	free(ms->provider);
	ms->provider = xstrdup(m->provider);
}

static void
members_free(struct members *ms)
{
	size_t i;

	for (i = 0; i < ms->n; i++) {
		free(ms->v[i].title);
		free(ms->v[i].plan);
		free(ms->v[i].lead);
	}
	free(ms->v);
	free(ms->provider);
	memset(ms, 0, sizeof(*ms));
}

/*
 * At most MAXCH characters of S, with "..." when cut (GSM-7 has no "…",
 * which would make the whole SMS UCS-2); into BUF.
 */
static const char *
shorten(const char *s, size_t maxch, char *buf, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t uc;
	size_t nch = 0;
	int k;

	while (p < end && nch < maxch) {
		if ((k = u8_mbtouc(&uc, p, (size_t)(end - p))) <= 0)
			break;
		p += k;
		nch++;
	}
	if (p >= end)
		snprintf(buf, len, "%s", s);
	else
		snprintf(buf, len, "%.*s...", (int)((const char *)p - s), s);
	return buf;
}

/*
 * "Tổng hợp: 26 nhiệm vụ quá hạn của 285/KH-UBND": the counts, and the
 * plan when all the tasks are of one ("của 3 kế hoạch" when not).
 */
static void
headline(FILE *f, const struct members *ms, time_t at)
{
	size_t i, j, late = 0, plans = 0;

	for (i = 0; i < ms->n; i++) {
		if (ms->v[i].due <= at)
			late++;
		for (j = 0; j < i; j++)
			if (strcmp(ms->v[i].plan, ms->v[j].plan) == 0)
				break;
		plans += j == i;
	}
	fprintf(f, "Tổng hợp: ");
	if (late > 0)
		fprintf(f, "%zu nhiệm vụ quá hạn", late);
	if (late > 0 && late < ms->n)
		fprintf(f, ", %zu sắp đến hạn", ms->n - late);
	else if (late == 0)
		fprintf(f, "%zu nhiệm vụ sắp đến hạn", ms->n);
	if (plans == 1)
		fprintf(f, " của %s", ms->v[0].plan);
	else
		fprintf(f, " của %zu kế hoạch", plans);
}

/* Zalo, e-mail and the rest: every task, its code and its own link. */
static char *
full_text(const struct config *c, const struct members *ms, time_t at)
{
	char *out = NULL, due[32], phrase[48], url[512];
	size_t len = 0, i;
	FILE *f = open_memstream(&out, &len);

	if (f == NULL)
		fatalx("open_memstream");
	headline(f, ms, at);
	fprintf(f, "\n");
	for (i = 0; i < ms->n; i++) {
		fmt_local(ms->v[i].due, due, sizeof(due));
		fprintf(f, "%zu. %s (%s chủ trì) - hạn %s, %s. Mã: %s\n",
		    i + 1, ms->v[i].title, ms->v[i].lead ? ms->v[i].lead : "?",
		    due,
		    digest_due_phrase(ms->v[i].due, at, phrase,
		    sizeof(phrase)), ms->v[i].ack);
		if (ack_link(c->public_url, c->ack_key, (time_t)c->ack_ttl,
		    ms->v[i].ack, ms->contact, ms->v[i].due, at, url,
		    sizeof(url)) != NULL)
			fprintf(f, "   Xác nhận: %s\n", url);
	}
	fprintf(f, "Trả lời \"XONG <mã>\" cho từng nhiệm vụ đã hoàn thành.");
	fclose(f);
	return out;
}

/*
 * SMS: the counts, the most urgent tasks (oldest deadline first) and the
 * link to the full list, kept within the provider's max_segments (or a
 * few segments) by naming fewer tasks.
 */
static char *
sms_text(const struct config *c, const struct provider_conf *pc,
    const struct members *ms, int64_t id, time_t at)
{
	char *out = NULL, *folded, t[256], date[32], phrase[48], url[512];
	const char *link;
	struct sms_count sc;
	size_t len = 0, i, show;
	int limit = pc != NULL && pc->max_segments > 0 ? pc->max_segments :
	    SMS_SEGMENTS;
	FILE *f;

	link = digest_list_url(c, id, ms->contact, at + (time_t)c->ack_ttl,
	    url, sizeof(url));
	show = ms->n < DIGEST_SMS_ITEMS ? ms->n : DIGEST_SMS_ITEMS;
	for (;;) {
		free(out);
		out = NULL;
		if ((f = open_memstream(&out, &len)) == NULL)
			fatalx("open_memstream");
		headline(f, ms, at);
		fprintf(f, ".");
		for (i = 0; i < show; i++) {
			fmt_local_date(ms->v[i].due, date, sizeof(date));
			fprintf(f, " %s %s (hạn %s, %s)%s", ms->v[i].ack,
			    shorten(ms->v[i].title, TITLE_SMS, t, sizeof(t)),
			    date, digest_due_phrase(ms->v[i].due, at, phrase,
			    sizeof(phrase)), i + 1 < show ? ";" : ".");
		}
		if (show < ms->n)
			fprintf(f, " Và %zu nhiệm vụ khác.", ms->n - show);
		if (link != NULL)
			fprintf(f, " Danh sách: %s", link);
		fprintf(f, " Trả lời XONG <mã>.");
		fclose(f);
		folded = pc != NULL && pc->ascii ? sms_ascii(out) : NULL;
		if (show == 0 || (sms_count(folded ? folded : out, &sc) == 0 &&
		    sc.segments <= limit)) {
			free(folded);
			return out;
		}
		free(folded);
		show--;
	}
}

/* Is PROVIDER a text-message channel (an SMS gateway)? */
static int
is_sms(const struct provider_conf *pc)
{
	return pc != NULL && pc->address != NULL &&
	    strcmp(pc->address, "phone") == 0;
}

/*
 * Writes digest ID from the messages it still carries; one left with
 * none (every task closed meanwhile) is cancelled.
 */
static int
render(struct store *s, const struct config *c, int64_t id, time_t now)
{
	struct members ms;
	const struct provider_conf *pc;
	char *body;
	time_t at;
	size_t i;
	int rc;

	memset(&ms, 0, sizeof(ms));
	ms.id = id;
	if (store_msg_get(s, id, digest_cb, &ms) == -1)
		goto fail;
	if (!ms.found) {
		members_free(&ms);
		return 0;
	}
	if (store_digest_members(s, id, member_cb, &ms) == -1)
		goto fail;
	/* A superior reads which agency each task waits on. */
	for (i = 0; i < ms.n; i++)
		if (store_agency_by_id(s, ms.v[i].lead_id, lead_cb,
		    &ms.v[i]) == -1)
			goto fail;
	if (ms.n == 0) {
		members_free(&ms);
		return store_digest_drop(s, id, "every task in it was closed",
		    now);
	}
	at = ms.at > now ? ms.at : now;
	pc = config_provider(c, ms.provider);
	body = is_sms(pc) ? sms_text(c, pc, &ms, id, at) :
	    full_text(c, &ms, at);
	rc = store_digest_body(s, id, body, now);
	free(body);
	members_free(&ms);
	return rc;
fail:
	members_free(&ms);
	return -1;
}

struct due_ctx {
	int64_t		*ids;
	size_t		 n, cap;
};

static void
due_cb(void *arg, const struct msg_row *m)
{
	struct due_ctx *dc = arg;

	if (dc->n == dc->cap) {
		dc->cap = dc->cap ? dc->cap * 2 : 16;
		dc->ids = xreallocarray(dc->ids, dc->cap, sizeof(*dc->ids));
	}
	dc->ids[dc->n++] = m->id;
}

/*
 * Writes again every digest due by UNTIL that has not been tried yet, so
 * what leaves is what still stands at NOW.
 */
int
digest_render_due(struct store *s, const struct config *c, time_t until,
    time_t now)
{
	struct due_ctx dc;
	size_t i;
	int rc = 0;

	memset(&dc, 0, sizeof(dc));
	if (store_digests_due(s, until, due_cb, &dc) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < dc.n; i++)
		rc = render(s, c, dc.ids[i], now);
	free(dc.ids);
	return rc;
}
