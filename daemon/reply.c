/*
 * reply.c: a contact confirming a task by writing back, "XONG K7Q2M",
 * by SMS or to the Zalo OA.  Officials type this on a phone, so case,
 * diacritics ("Xong", "xông"), extra spaces and punctuation are all
 * taken; anything that is not "XONG <code>" is left alone, since people
 * also write to the OA for other reasons.
 *
 * Only someone the task concerns may close it: a contact of the lead
 * agency, or a contact who was sent a message about this occurrence (a
 * cooperating agency copied in, a superior an escalation reached).  The
 * right person gets a short confirmation.  Answers go back the way the
 * reply came, outside the outbox (answer_send), but within the
 * provider's rate limit, so that a flood of replies costs nothing: a
 * number that is no contact's gets no answer at all (only a count in
 * the log), and a contact with a wrong code one refusal a day, in one
 * text whatever was wrong, so that nobody learns whether a code exists.
 * That day is remembered in the event log, so a restart does not give a
 * number a second answer.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "config.h"
#include "dispatch.h"
#include "done.h"
#include "log.h"
#include "nvd.h"
#include "outmsg.h"
#include "phone.h"
#include "provider.h"
#include "reply.h"
#include "sched.h"
#include "smstext.h"
#include "store.h"
#include "xmalloc.h"

#define MAX_SENDERS	8
/* Numbers that got a refusal today; more are forgotten, oldest first. */
#define REFUSED_MAX	1024

static const char refusal_text[] = "Chưa ghi nhận hoàn thành: mã xác nhận "
    "không đúng, hoặc không thuộc đơn vị của số này. Xin kiểm tra lại mã "
    "trong tin nhắn nhắc việc.";

/* Who was answered a refusal, and on which day. */
static struct {
	char		 addr[64];
	long		 day;
} refused[REFUSED_MAX];
static int refused_next;

/* Refusals and dropped answers, for one summary line a minute. */
static struct log_rate refusal_rate = { .interval = 60 };
static long refusals_since, strangers_since, answers_dropped;

/*
 * Finds "XONG <code>" in TEXT: 1 with CODE set (upper case), 0 if the
 * text is something else.
 */
int
reply_parse(const char *text, char *code, size_t len)
{
	char *t = sms_ascii(text), *p, *q;
	size_t n;
	int ok = 0;

	if (t == NULL)
		return 0;
	for (p = t; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	p = t;
	while (*p != '\0' && !isalnum((unsigned char)*p))
		p++;
	if (strncmp(p, "XONG", 4) != 0 || isalnum((unsigned char)p[4]))
		goto out;
	p += 4;
	while (*p != '\0' && !isalnum((unsigned char)*p))
		p++;
	for (q = p; isalnum((unsigned char)*q); q++)
		;
	n = (size_t)(q - p);
	if (n >= 4 && n < len && n <= 12) {
		memcpy(code, p, n);
		code[n] = '\0';
		ok = 1;
	}
out:
	free(t);
	return ok;
}

struct senders {
	int64_t		 id[MAX_SENDERS];
	int64_t		 agency[MAX_SENDERS];
	char		*name[MAX_SENDERS];
	int		 n;
};

static void
sender_cb(void *arg, const struct contact_row *c)
{
	struct senders *s = arg;

	if (s->n == MAX_SENDERS)
		return;
	s->id[s->n] = c->id;
	s->agency[s->n] = c->agency_id;
	s->name[s->n++] = xstrdup(c->name);
}

static void
lead_cb(void *arg, const struct task_row *t)
{
	struct task_info { int64_t lead; char *title; } *ti = arg;

	ti->lead = t->lead_id;
	ti->title = xstrdup(t->title);
}

/*
 * Sends TEXT to ADDRESS through PC now, outside the outbox: the answer
 * to a contact's reply.  A provider with a rotating token sends only if
 * its token is usable; the answer is a courtesy, not worth a wait.
 */
static void
answer_send(struct nvd *d, const struct provider_conf *pc,
    const char *address, const char *text)
{
	struct outmsg *om;
	const char *token = NULL;
	int64_t wait;

	/* The bucket the outbox uses: a flood of replies shares it. */
	if (dispatch_capacity(d->disp, pc, clock_now_ms(), &wait) < 1) {
		answers_dropped++;
		log_debug("answer to %s via %s not sent: rate limit", address,
		    pc->name);
		return;
	}
	dispatch_take(d->disp, pc, 1);
	if (pc->auth != NULL &&
	    (token = auth_token(d, pc->auth)) == NULL) {
		log_info("answer to %s via %s not sent: no access token",
		    address, pc->name);
		return;
	}
	om = outmsg_direct(d->conf, pc, address, text);
	if (token != NULL)
		om->pm.access_token = om->strs[om->nstrs++] = xstrdup(token);
	dispatch_start(d->disp, om);
}

/* The provider that can answer: ZNS sends templates only, so its OA. */
static const struct provider_conf *
answerer(const struct config *conf, const struct provider_conf *pc)
{
	const struct provider_conf *q;

	if ((pc->ops->flags & PROV_F_TEMPLATES) == 0)
		return pc;
	TAILQ_FOREACH(q, &conf->providers, entry)
		if ((q->ops->flags & PROV_F_TEMPLATES) == 0 &&
		    q->ops->receipt == pc->ops->receipt && q->auth == pc->auth)
			return q;
	return NULL;
}

/*
 * Whether ADDR may get a refusal today: not if it had one, which the
 * numbers kept in memory tell at once and the event log (a
 * "refusal-answered" row) tells across a restart.  -1 if the log could
 * not be read: no answer then, since an answer must cost nothing more
 * than the rule allows.  A number found is kept in memory.
 */
static int
refusal_due(struct nvd *d, const char *addr)
{
	long day = (long)(clock_now() / 86400);
	int i, rc;

	for (i = 0; i < REFUSED_MAX; i++)
		if (refused[i].day == day && strcmp(refused[i].addr, addr) == 0)
			return 0;
	if ((rc = store_event_seen(d->store, EV_REFUSAL_ANSWERED, addr,
	    (time_t)day * 86400)) == -1)
		return -1;
	snprintf(refused[refused_next].addr, sizeof(refused[0].addr), "%s",
	    addr);
	refused[refused_next].day = day;
	refused_next = (refused_next + 1) % REFUSED_MAX;
	return rc == 0;
}

/* One line a minute at most, counting what was held back. */
static void
summary(const char *from, const char *why)
{
	long held;

	if (!log_rate_ok(&refusal_rate, &held))
		return;
	log_warnx("reply from %s refused: %s (since the last such line: %ld "
	    "refusal(s) to contacts, %ld text(s) from unknown numbers, %ld "
	    "answer(s) held back by the rate limit)", from, why,
	    refusals_since, strangers_since, answers_dropped);
	refusals_since = strangers_since = answers_dropped = 0;
}

/*
 * A contact's reply refused: an event row, and the one refusal text if
 * this number had none today.
 */
static void
refuse(struct nvd *d, const char *from, const char *why, char *answer,
    size_t len)
{
	char detail[300];
	time_t now = clock_now();
	int due;

	refusals_since++;
	summary(from, why);
	snprintf(detail, sizeof(detail), "reply from %s refused: %s", from,
	    why);
	/* The answer is noted with the refusal, or not given. */
	due = refusal_due(d, from);
	if (store_begin(d->store) == -1 ||
	    store_event(d->store, EV_REPLY_REFUSED, 0, 0, detail, now) == -1 ||
	    (due == 1 && store_event(d->store, EV_REFUSAL_ANSWERED, 0, 0, from,
	    now) == -1) || store_commit(d->store) == -1) {
		log_warnx("reply from %s: %s", from, store_error(d->store));
		store_rollback(d->store);
		return;
	}
	if (due == 1)
		snprintf(answer, len, "%s", refusal_text);
}

void
reply_handle(struct nvd *d, const struct provider_conf *pc,
    const struct receipt *r)
{
	struct { int64_t lead; char *title; } ti = { 0, NULL };
	struct senders who;
	struct occ_row occ;
	struct done_result dr;
	const struct provider_conf *ap;
	char code[16], ack[16], addr[64], answer[320];
	int i, rc, ok, match = -1, via_phone;

	memset(&who, 0, sizeof(who));
	if (!reply_parse(r->text, code, sizeof(code))) {
		log_debug("text from %s via %s is no reply", r->from,
		    pc->name);
		return;
	}
	/* Phones arrive as 84..., +84... or 0...; the store holds E.164. */
	via_phone = strcmp(pc->address, "phone") == 0;
	if (!via_phone || phone_normalize(r->from, addr, sizeof(addr)) < 0)
		snprintf(addr, sizeof(addr), "%s", r->from);
	answer[0] = '\0';
	if (store_contacts_by_address(d->store, addr, sender_cb, &who) == -1 ||
	    (rc = store_occ_find(d->store, 0, code, &occ, ack,
	    sizeof(ack))) == -1) {
		log_warnx("reply from %s: %s", addr, store_error(d->store));
		goto out;
	}
	/* A number that is no contact's: no answer, no row, a count. */
	if (who.n == 0) {
		strangers_since++;
		summary(addr, "not a contact's number");
		goto out;
	}
	if (rc == 0) {
		refuse(d, addr, "unknown code", answer, sizeof(answer));
		goto send;
	}
	if (store_task_get(d->store, occ.task_id, lead_cb, &ti) == -1)
		goto out;
	/* The first sender the task concerns answers for it. */
	for (i = 0; i < who.n; i++) {
		if (who.agency[i] == ti.lead)
			ok = 1;
		else if ((ok = store_contact_was_told(d->store, who.id[i],
		    occ.id)) == -1)
			goto out;
		if (ok == 1) {
			match = i;
			break;
		}
	}
	if (match == -1) {
		refuse(d, addr, "not of the agency the task concerns", answer,
		    sizeof(answer));
		goto send;
	}
	i = match;
	if (done_mark(d->store, d->conf, 0, code, who.name[i], via_phone ?
	    "sms" : "zalo", NULL, clock_now(), &dr) != 1) {
		log_warnx("reply from %s: %s", addr, store_error(d->store));
		goto out;
	}
	if (dr.changed) {
		sched_kick(d->sched);
		log_info("task %lld (ack %s) confirmed done by reply from %s",
		    (long long)dr.task_id, dr.ack_code, who.name[i]);
		snprintf(answer, sizeof(answer), "Đã ghi nhận hoàn thành: "
		    "\"%s\" (mã %s). Cảm ơn.", ti.title, dr.ack_code);
	} else
		snprintf(answer, sizeof(answer), "Nhiệm vụ \"%s\" (mã %s) đã "
		    "được xác nhận trước đó.", ti.title, dr.ack_code);
send:
	if (answer[0] != '\0' && (ap = answerer(d->conf, pc)) != NULL)
		answer_send(d, ap, addr, answer);
out:
	free(ti.title);
	for (i = 0; i < who.n; i++)
		free(who.name[i]);
}
