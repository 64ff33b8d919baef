/*
 * provider-console.c: prints each message as it would be sent, with its
 * channel, recipient and body.  It needs no credentials, which makes it
 * the default and the provider of "make demo".
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "provider.h"
#include "tztime.h"

static void	console_deliver(const struct provider_conf *,
		    const struct prov_msg *, struct prov_result *);

const struct provider_ops provider_console = {
	.name = "console",
	.flags = PROV_F_IMPLICIT,
	.address = "any",
	.check = NULL,
	.build = NULL,
	.classify = NULL,
	.deliver = console_deliver,
};

/* Writes to stdout, flushed, so a terminal or journal shows it at once. */
static void
console_deliver(const struct provider_conf *pc, const struct prov_msg *m,
    struct prov_result *r)
{
	static const char *const kinds[] = { "NHẮC VIỆC", "ĐÔN ĐỐC",
	    "THÔNG BÁO" };
	char now[32];
	time_t t = clock_now();

	fmt_local(t, now, sizeof(now));
	printf("──── %s [%s] %s #%d · msg %lld ────\n"
	    "  to:   %s (%s, %s)%s%s\n"
	    "  task: %s%s%s · ack %s\n"
	    "  %s\n",
	    now, pc->name, (m->kind >= 0 && m->kind < 3) ? kinds[m->kind] :
	    "?", m->step, (long long)m->id,
	    m->contact_name ? m->contact_name : "?",
	    m->contact_role ? m->contact_role : "?",
	    m->agency_code ? m->agency_code : "?",
	    m->address && *m->address ? " · " : "",
	    m->address ? m->address : "",
	    m->task_ref ? m->task_ref : "", m->task_ref ? " " : "",
	    m->task_title ? m->task_title : "", m->ack_code ? m->ack_code : "",
	    m->body);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		clearerr(stdout);
		prov_result_set(r, PROV_RETRY, "cannot write to stdout");
		r->retry_after = -1;
		return;
	}
	snprintf(r->provider_id, sizeof(r->provider_id), "console-%lld",
	    (long long)m->id);
	prov_result_set(r, PROV_OK, NULL);
}
