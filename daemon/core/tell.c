/*
 * tell.c: a text for an agency's contacts, through the outbox.  The
 * outbox keeps every message under a job of an occurrence (for its
 * history, its retries and its idempotency key), so a told text gets a
 * job of its own, an alert finished as fired in the same transaction
 * that adds it: the scheduler never expands it, the dispatcher sends its messages like any other, and the
 * task page shows it among the occurrence's messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fire.h"
#include "log.h"
#include "provider.h"
#include "store.h"
#include "store-tell.h"
#include "tell.h"
#include "xmalloc.h"

struct tell_ctx {
	struct store	*store;
	const struct config *conf;
	const struct policy *pol;
	const char	*text;
	time_t		 now;
	struct tell_result *r;
	int		 failed;
};

/* A channel that carries a free text: one that is not templates only. */
static int
free_text(const struct config *c, const char *provider)
{
	const struct provider_conf *pc = config_provider(c, provider);

	return pc != NULL && pc->ops != NULL &&
	    (pc->ops->flags & PROV_F_TEMPLATES) == 0;
}

static void
one_contact(void *arg, const struct contact_row *c)
{
	struct tell_ctx *tc = arg;
	struct recipient rcp;
	struct new_msg nm;
	const char *addr = NULL, *inst;
	char key[96];
	int64_t id;
	int ch;

	if (tc->failed || !c->active)
		return;
	memset(&rcp, 0, sizeof(rcp));
	rcp.id = c->id;
	rcp.fields[0] = (char *)c->phone;
	rcp.fields[1] = (char *)c->zalo;
	rcp.fields[2] = (char *)c->email;
	rcp.fields[3] = (char *)c->telegram;
	for (ch = 0; (ch = fire_pick_channel(tc->conf, tc->pol, &rcp, ch,
	    &addr)) != -1; ch++)
		if (free_text(tc->conf, tc->pol->channels[ch]))
			break;
	if (ch == -1) {
		tc->r->unreachable++;
		log_warnx("job %lld: contact %lld (%s) has no address for a "
		    "channel of policy %s that carries a text",
		    (long long)tc->r->job_id, (long long)c->id, c->name,
		    tc->pol->name);
		return;
	}
	inst = store_install_id(tc->store);
	snprintf(key, sizeof(key), "nv-%s%s%lld-%lld", inst, inst[0] ? "-" :
	    "", (long long)tc->r->job_id, (long long)c->id);
	memset(&nm, 0, sizeof(nm));
	nm.job_id = tc->r->job_id;
	nm.contact_id = c->id;
	nm.channel = ch;
	nm.provider = tc->pol->channels[ch];
	nm.address = addr;
	nm.body = tc->text;
	nm.idem_key = key;
	nm.now = tc->now;
	nm.at = tc->now;
	if (store_msg_add(tc->store, &nm, &id) == -1)
		tc->failed = 1;
	else
		tc->r->queued++;
}

int
tell_agency(struct store *s, const struct config *conf, int64_t occ_id,
    int64_t agency_id, int64_t contact_id, const char *what,
    const char *text, time_t now, struct tell_result *r)
{
	struct tell_ctx tc;
	char policy[64], target[40], note[160];
	int64_t task_id, lead_id;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = store_tell_occ(s, occ_id, &task_id, &lead_id, policy,
	    sizeof(policy))) != 1)
		return rc == 0 ? 1 : -1;
	if (agency_id == 0)
		agency_id = lead_id;
	memset(&tc, 0, sizeof(tc));
	tc.store = s;
	tc.conf = conf;
	tc.text = text;
	tc.now = now;
	tc.r = r;
	if ((tc.pol = config_policy(conf, policy)) == NULL)
		tc.pol = config_policy(conf, conf->default_policy);
	if (tc.pol == NULL)
		return -1;
	if (contact_id != 0)
		snprintf(target, sizeof(target), "contact:%lld",
		    (long long)contact_id);
	else
		snprintf(target, sizeof(target), "agency:%lld",
		    (long long)agency_id);
	if (store_tell_job(s, occ_id, JOB_ALERT, TELL_STEP, target, now,
	    &r->job_id) == -1)
		return -1;
	if (contact_id != 0)
		rc = store_contact_get(s, contact_id, one_contact, &tc);
	else
		rc = store_contacts_for(s, agency_id, tc.pol->remind_roles,
		    one_contact, &tc);
	if (rc == -1 || tc.failed)
		return -1;
	snprintf(note, sizeof(note), "%s: %d message(s)%s", what, r->queued,
	    r->unreachable ? ", some contacts unreachable" : "");
	if (store_job_finish(s, r->job_id, JOB_FIRED, note, now) == -1)
		return -1;
	log_info("task %lld: %s queued for %d contact(s)", (long long)task_id,
	    what, r->queued);
	return 0;
}

int
tell_anchor(struct store *s, int64_t agency_id, int64_t *occ_id)
{
	return store_tell_anchor(s, agency_id, occ_id);
}
