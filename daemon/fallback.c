/*
 * fallback.c: moving a message that did not reach its contact to the
 * policy's next channel.  A refusal at send time, a failed delivery
 * receipt and a message out of time all end the same way: a linked
 * message on the next channel that can reach the contact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fallback.h"
#include "fire.h"
#include "log.h"
#include "nvd.h"
#include "store.h"
#include "xmalloc.h"

struct next_ctx {
	struct recipient r;
	int		 channel;
	char		*provider;
	char		*contact;
};

static void
next_channel_cb(void *arg, const struct msg_row *m)
{
	struct next_ctx *nc = arg;

	nc->channel = m->channel;
	nc->provider = xstrdup(m->provider);
	nc->contact = fire_dup(m->contact_name);
	nc->r.id = m->channel;
	nc->r.name = xstrdup(m->policy);
	nc->r.fields[0] = fire_dup(m->phone);
	nc->r.fields[1] = fire_dup(m->zalo);
	nc->r.fields[2] = fire_dup(m->email);
	nc->r.fields[3] = fire_dup(m->telegram);
}

/*
 * Queues a linked message after message ID (which did not reach its
 * contact, for REASON) on the policy's next channel that can reach the
 * contact: 1 queued, 0 no channel left, -1 store error.  The caller holds
 * the transaction.
 */
int
fallback_queue(struct nvd *d, int64_t id, const char *reason, time_t now)
{
	int64_t nid;
	struct next_ctx nc;
	const struct policy *p;
	const char *addr;
	int ch, rc = 0, i;

	memset(&nc, 0, sizeof(nc));
	if ((rc = store_msg_get(d->store, id, next_channel_cb, &nc)) != 1)
		return rc == -1 ? -1 : 0;
	rc = 0;
	if ((p = config_policy(d->conf, nc.r.name)) != NULL &&
	    (ch = fire_pick_channel(d->conf, p, &nc.r, nc.channel + 1,
	    &addr)) != -1) {
		if (store_msg_fallback(d->store, id, ch, p->channels[ch],
		    addr, now, &nid) == -1)
			rc = -1;
		else {
			rc = 1;
			log_info("message %lld via %s to %s did not go out "
			    "(%s); message %lld tries %s", (long long)id,
			    nc.provider, nc.contact ? nc.contact : "?", reason,
			    (long long)nid, p->channels[ch]);
		}
	}
	free(nc.r.name);
	free(nc.provider);
	free(nc.contact);
	for (i = 0; i < 4; i++)
		free(nc.r.fields[i]);
	return rc;
}
