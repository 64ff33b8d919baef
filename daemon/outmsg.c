/*
 * outmsg.c: copying a claimed message out of the store's memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "outmsg.h"
#include "store.h"
#include "xmalloc.h"

static const char *
keep(struct outmsg *om, const char *s)
{
	if (s == NULL)
		return NULL;
	om->strs[om->nstrs] = xstrdup(s);
	return om->strs[om->nstrs++];
}

/*
 * A digest stands for several tasks: where a provider names "the task"
 * (an e-mail subject, a webhook's task title) it names the digest's
 * headline, "Tổng hợp: 26 nhiệm vụ quá hạn của 285/KH-UBND".
 */
static const char *
digest_title(struct outmsg *om, const char *body)
{
	size_t n = strcspn(body, "\n");
	const char *dot = strstr(body, ". ");

	if (dot != NULL && (size_t)(dot - body) < n)
		n = (size_t)(dot - body);
	om->strs[om->nstrs] = xstrndup(body, n);
	return om->strs[om->nstrs++];
}

struct outmsg *
outmsg_new(const struct msg_row *m, struct config *conf,
    const struct provider_conf *pc)
{
	struct outmsg *om = xcalloc(1, sizeof(*om));
	struct prov_msg *p = &om->pm;

	config_ref(conf);
	om->conf = conf;
	om->pc = pc;
	om->channel = m->channel;
	om->created_at = m->created_at;
	p->id = m->id;
	p->kind = m->kind;
	p->step = m->step;
	p->attempts = m->attempts;
	p->task_id = m->task_id;
	p->occurrence_id = m->occ_id;
	p->due_at = m->due_at;
	p->idem_key = keep(om, m->idem_key);
	p->mail_id = keep(om, m->mail_id);
	p->address = keep(om, m->address);
	p->body = keep(om, m->body);
	p->task_ref = keep(om, m->task_ref);
	p->task_title = m->is_digest ? digest_title(om, m->body) :
	    keep(om, m->task_title);
	p->plan_code = keep(om, m->plan_code);
	p->ack_code = keep(om, m->ack_code);
	p->agency_code = keep(om, m->agency_code);
	p->agency_name = keep(om, m->agency_name);
	p->contact_name = keep(om, m->contact_name);
	p->contact_role = keep(om, m->contact_role);
	p->phone = keep(om, m->phone);
	p->zalo = keep(om, m->zalo);
	p->email = keep(om, m->email);
	p->telegram = keep(om, m->telegram);
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
