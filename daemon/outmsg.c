/*
 * outmsg.c: copying a claimed message out of the store's memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "outmsg.h"
#include "store.h"
#include "xmalloc.h"

/*
 * The strings of a claimed message are copied into one block, strs[0]:
 * one allocation and one free a message rather than one a field, on the
 * path every message takes.
 */
struct pack {
	char	*p;
	char	*end;
};

static const char *
keep(struct pack *k, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if ((size_t)(k->end - k->p) < n)
		fatalx("outmsg: strings outgrew their block");
	memcpy(k->p, s, n);
	k->p += n;
	return k->p - n;
}

static size_t
len0(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

/*
 * A digest stands for several tasks: where a provider names "the task"
 * (an e-mail subject, a webhook's task title) it names the digest's
 * headline, "Tổng hợp: 26 nhiệm vụ quá hạn của 285/KH-UBND".
 */
static const char *
digest_title(struct pack *k, const char *body)
{
	size_t n = strcspn(body, "\n");
	const char *dot = strstr(body, ". ");
	char *t = k->p;

	if (dot != NULL && (size_t)(dot - body) < n)
		n = (size_t)(dot - body);
	if ((size_t)(k->end - k->p) < n + 1)
		fatalx("outmsg: strings outgrew their block");
	memcpy(t, body, n);
	t[n] = '\0';
	k->p += n + 1;
	return t;
}

struct outmsg *
outmsg_new(const struct msg_row *m, struct config *conf,
    const struct provider_conf *pc)
{
	struct outmsg *om = xcalloc(1, sizeof(*om));
	struct prov_msg *p = &om->pm;
	struct pack k;
	size_t size;

	config_ref(conf);
	om->conf = conf;
	om->pc = pc;
	om->channel = m->channel;
	om->created_at = m->created_at;
	om->is_digest = m->is_digest;
	p->id = m->id;
	p->kind = m->kind;
	p->step = m->step;
	p->attempts = m->attempts;
	p->task_id = m->task_id;
	p->occurrence_id = m->occ_id;
	p->due_at = m->due_at;
	size = len0(m->idem_key) + len0(m->mail_id) + len0(m->address) +
	    len0(m->body) + len0(m->task_ref) + (m->is_digest ?
	    len0(m->body) : len0(m->task_title)) + len0(m->plan_code) +
	    len0(m->ack_code) + len0(m->agency_code) + len0(m->agency_name) +
	    len0(m->contact_name) + len0(m->contact_role) + len0(m->phone) +
	    len0(m->zalo) + len0(m->email) + len0(m->telegram);
	k.p = om->strs[om->nstrs++] = xmalloc(size > 0 ? size : 1);
	k.end = k.p + size;
	p->idem_key = keep(&k, m->idem_key);
	p->mail_id = keep(&k, m->mail_id);
	p->address = keep(&k, m->address);
	p->body = keep(&k, m->body);
	p->task_ref = keep(&k, m->task_ref);
	p->task_title = m->is_digest ? digest_title(&k, m->body) :
	    keep(&k, m->task_title);
	p->plan_code = keep(&k, m->plan_code);
	p->ack_code = keep(&k, m->ack_code);
	p->agency_code = keep(&k, m->agency_code);
	p->agency_name = keep(&k, m->agency_name);
	p->contact_name = keep(&k, m->contact_name);
	p->contact_role = keep(&k, m->contact_role);
	p->phone = keep(&k, m->phone);
	p->zalo = keep(&k, m->zalo);
	p->email = keep(&k, m->email);
	p->telegram = keep(&k, m->telegram);
	return om;
}

/* A token refresh for an OAuth provider, carried like a message. */
struct outmsg *
outmsg_refresh(struct config *conf, const struct provider_conf *pc,
    const char *refresh_token)
{
	struct outmsg *om = xcalloc(1, sizeof(*om));

	config_ref(conf);
	om->conf = conf;
	om->pc = pc;
	om->is_refresh = 1;
	om->refresh_token = xstrdup(refresh_token);
	om->refresh_rc = -1;
	return om;
}

/*
 * A message that is not in the outbox: the short answer to a contact's
 * reply.  It is sent once, best effort; what it confirms is already
 * committed, so losing it in a crash loses only the courtesy.
 */
struct outmsg *
outmsg_direct(struct config *conf, const struct provider_conf *pc,
    const char *address, const char *text)
{
	struct outmsg *om = xcalloc(1, sizeof(*om));
	char key[64];

	config_ref(conf);
	om->conf = conf;
	om->pc = pc;
	om->is_direct = 1;
	om->created_at = clock_now();
	snprintf(key, sizeof(key), "nv-answer-%lld",
	    (long long)clock_now_ms());
	om->pm.idem_key = om->strs[om->nstrs++] = xstrdup(key);
	om->pm.address = om->strs[om->nstrs++] = xstrdup(address);
	om->pm.body = om->strs[om->nstrs++] = xstrdup(text);
	om->pm.phone = om->pm.address;
	om->pm.attempts = 1;
	return om;
}

void
outmsg_free(struct outmsg *om)
{
	int i;

	if (om == NULL)
		return;
	for (i = 0; i < om->nstrs; i++)
		free(om->strs[i]);
	if (om->refresh_token != NULL)	/* a secret: not left in memory */
		explicit_bzero(om->refresh_token, strlen(om->refresh_token));
	free(om->refresh_token);
	explicit_bzero(&om->tokens, sizeof(om->tokens));
	config_unref(om->conf);
	free(om);
}
