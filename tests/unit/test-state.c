/*
 * test-state.c: the name tables of store/state.h: every value has its own
 * word, each word parses back to its value, and anything else is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "state.h"

/* Checks one table through its name and parse functions, as ints. */
#define CHECK_TABLE(prefix, type, n) do {				\
	enum type v_;							\
	int i_, j_;							\
									\
	for (i_ = 0; i_ < (n); i_++) {					\
		const char *w_ = prefix##_name((enum type)i_);		\
									\
		assert_string_not_equal(w_, "?");			\
		assert_int_equal(prefix##_parse(w_, &v_), 0);		\
		assert_int_equal((int)v_, i_);				\
		for (j_ = 0; j_ < i_; j_++)				\
			assert_string_not_equal(w_,			\
			    prefix##_name((enum type)j_));		\
	}								\
	assert_string_equal(prefix##_name((enum type)(n)), "?");	\
	assert_int_equal(prefix##_parse("?", &v_), -1);			\
	assert_int_equal(prefix##_parse("", &v_), -1);			\
	assert_int_equal(prefix##_parse(NULL, &v_), -1);		\
} while (0)

static void
test_tables_round_trip(void **state)
{
	CHECK_TABLE(msg_state, msg_state, MSG_NSTATES);
	CHECK_TABLE(occ_state, occ_state, OCC_NSTATES);
	CHECK_TABLE(job_state, job_state, JOB_NSTATES);
	CHECK_TABLE(sched_kind, sched_kind, SCHED_NKINDS);
	CHECK_TABLE(job_kind, job_kind, JOB_NKINDS);
	CHECK_TABLE(event_kind, event_kind, EV_NKINDS);
}

/* The words are the schema's and the audit log's: they must not drift. */
static void
test_words_are_the_schemas(void **state)
{
	enum msg_state m;
	enum occ_state o;
	enum event_kind e;

	assert_string_equal(msg_state_name(MSG_QUEUED), "queued");
	assert_string_equal(msg_state_name(MSG_CANCELLED), "cancelled");
	assert_string_equal(occ_state_name(OCC_OPEN), "open");
	assert_string_equal(job_state_name(JOB_PENDING), "pending");
	assert_string_equal(sched_kind_name(SCHED_ONGOING), "ongoing");
	assert_string_equal(job_kind_name(JOB_ESCALATION), "escalation");
	assert_string_equal(event_kind_name(EV_IN_DOUBT), "in-doubt");
	assert_string_equal(event_kind_name(EV_REPLY_REFUSED),
	    "reply-refused");
	/* No case folding and no prefixes: a word is one of the table's. */
	assert_int_equal(msg_state_parse("Queued", &m), -1);
	assert_int_equal(occ_state_parse("ope", &o), -1);
	assert_int_equal(event_kind_parse("done ", &e), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_round_trip),
		cmocka_unit_test(test_words_are_the_schemas),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
