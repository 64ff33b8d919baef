/*
 * receipts.c: what providers call back with: delivery receipts, which
 * settle a message as delivered or move it to the next channel, and
 * replies from contacts, which reply.c reads.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "fallback.h"
#include "log.h"
#include "nvd.h"
#include "provider.h"
#include "receipts.h"
#include "reply.h"
#include "sched.h"
#include "store.h"

/*
 * Records delivery receipts from PC's callback.  Outcomes still waiting
 * are recorded first, so a receipt that overtakes its own MSG_SENT finds
 * the provider's id.  A failed delivery ends that message and queues the
 * next channel, as a refusal at send time does.  Returns how many
 * receipts matched a message, or -1 on store errors.
 */
int
receipts_record(struct nvd *d, const struct provider_conf *pc,
    const struct receipt *rc, int n)
{
	const struct provider_conf *q;
	time_t now = clock_now();
	int64_t id;
	enum msg_state state;
	int i, found, matched = 0, changed;

	sched_flush(d->sched);
	if (store_begin(d->store) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (rc[i].is_reply || rc[i].delivered == -1)
			continue;	/* a reply, or an interim status */
		/* Zalo sends one webhook for every provider of the OA. */
		found = store_msg_by_pid(d->store, pc->name, rc[i].provider_id,
		    &id, &state);
		TAILQ_FOREACH(q, &d->conf->providers, entry) {
			if (found != 0)
				break;
			if (q != pc && pc->auth != NULL && q->auth == pc->auth)
				found = store_msg_by_pid(d->store, q->name,
				    rc[i].provider_id, &id, &state);
		}
		if (found == -1)
			goto fail;
		if (found == 0) {
			log_info("receipt via %s for unknown message %s",
			    pc->name, rc[i].provider_id);
			continue;
		}
		matched++;
		if ((changed = store_msg_receipt(d->store, id,
		    rc[i].delivered, rc[i].delivered ? NULL : rc[i].reason,
		    now)) == -1)
			goto fail;
		if (changed == 0)
			continue;	/* repeated, or already settled */
		if (rc[i].delivered) {
			d->stats.msgs_delivered++;
			log_debug("message %lld delivered (receipt via %s)",
			    (long long)id, pc->name);
			continue;
		}
		d->stats.msgs_failed++;
		log_warnx("message %lld was not delivered: %s", (long long)id,
		    rc[i].reason);
		if (store_event(d->store, EV_UNDELIVERED, 0, id, rc[i].reason,
		    now) == -1 || fallback_queue(d, id, rc[i].reason, now) == -1)
			goto fail;
	}
	if (store_commit(d->store) == -1)
		goto fail;
	/* Replies run their own transactions, one each. */
	for (i = 0; i < n; i++)
		if (rc[i].is_reply) {
			reply_handle(d, pc, &rc[i]);
			matched++;
		}
	sched_kick(d->sched);
	return matched;
fail:
	log_warnx("receipts via %s: %s", pc->name, store_error(d->store));
	store_rollback(d->store);
	return -1;
}
