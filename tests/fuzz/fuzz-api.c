/*
 * fuzz-api.c: libFuzzer target for the admin API's request reading: the
 * body as JSON, then every route's reader over the same object (the
 * creates, done, an extension, the PATCHes), and the numeric path
 * segment.  A token holder can send anything; none of it may crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "apireq.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const plan_keys[] = { "title", "issuer", "date",
	    NULL };
	struct agency_req ar;
	struct contact_row cr;
	struct plan_row pr;
	struct task_spec ts;
	struct done_req dr;
	struct extend_req xr;
	struct contact_patch cp;
	struct patch_str f[3];
	const char *agency;
	char err[256];
	json_t *o;

	(void)apireq_id((const char *)data, size);
	if ((o = apireq_object((const char *)data, size, err,
	    sizeof(err))) == NULL)
		return 0;
	(void)apireq_agency(o, &ar, err, sizeof(err));
	(void)apireq_contact(o, &agency, &cr, err, sizeof(err));
	(void)apireq_plan(o, &pr, err, sizeof(err));
	(void)apireq_task(o, &ts, err, sizeof(err));
	(void)apireq_done(o, &dr, err, sizeof(err));
	(void)apireq_extend(o, &xr, err, sizeof(err));
	(void)apireq_contact_patch(o, &cp, err, sizeof(err));
	(void)apireq_patch(o, plan_keys, f, err, sizeof(err));
	json_decref(o);
	return 0;
}
