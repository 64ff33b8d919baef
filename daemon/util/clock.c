/*
 * clock.c: "now" for the scheduler, in UTC seconds and milliseconds.
 *
 * Built twice: as clock.o for the programs that ship, and as clock-fake.o
 * for the test copies of the same programs.  The fake clock is wall time
 * plus an offset kept in a file, re-read when the file changes, so a test
 * moves time forward by rewriting the file and waking the daemon.
 *
 * The test copies can also hang: a file named by NHACVIEC_FAKE_STALL,
 * holding milliseconds, makes the next clock read block that long (and
 * is removed), as a handler stuck in the event loop would.  The fault
 * suite uses it to show that the watchdog pings stop when the loop does.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#ifdef NHACVIEC_FAKE_CLOCK
#include <pthread.h>

/* The daemon reads the clock from its I/O thread too. */
static pthread_mutex_t fake_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_t fake_main;
static const char *fake_path;
static int64_t fake_offset_ms;
static struct timespec fake_mtime;

/* Re-reads the offset (seconds, may be fractional) if the file changed. */
static void
fake_refresh(void)
{
	struct stat st;
	FILE *f;
	double secs;

	if (fake_path == NULL || stat(fake_path, &st) == -1)
		return;
	if (st.st_mtim.tv_sec == fake_mtime.tv_sec &&
	    st.st_mtim.tv_nsec == fake_mtime.tv_nsec)
		return;
	if ((f = fopen(fake_path, "r")) == NULL)
		return;
	if (fscanf(f, "%lf", &secs) == 1) {
		fake_offset_ms = (int64_t)(secs * 1000.0);
		fake_mtime = st.st_mtim;
	}
	fclose(f);
}

static void
fake_stall(void)
{
	const char *p = getenv("NHACVIEC_FAKE_STALL");
	struct timespec ts;
	FILE *f;
	long ms = 0;

	/* A stuck loop is the loop's thread: others never take the stall. */
	if (p == NULL || !pthread_equal(pthread_self(), fake_main) ||
	    (f = fopen(p, "r")) == NULL)
		return;
	if (fscanf(f, "%ld", &ms) != 1)
		ms = 0;
	fclose(f);
	unlink(p);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = ms % 1000 * 1000000;
	while (nanosleep(&ts, &ts) == -1)
		;
}
#endif

/* Checks the environment; fails if a fake clock is asked of a real build. */
int
clock_init(char *err, size_t errlen)
{
	const char *p = getenv("NHACVIEC_FAKE_CLOCK");

#ifdef NHACVIEC_FAKE_CLOCK
	fake_path = p;
	fake_main = pthread_self();
	fake_refresh();
	(void)err;
	(void)errlen;
	return 0;
#else
	if (p != NULL && *p != '\0') {
		snprintf(err, errlen, "NHACVIEC_FAKE_CLOCK is set, but this is "
		    "a production build that only keeps real time");
		return -1;
	}
	return 0;
#endif
}

int
clock_is_fake(void)
{
#ifdef NHACVIEC_FAKE_CLOCK
	return fake_path != NULL;
#else
	return 0;
#endif
}

int64_t
clock_now_ms(void)
{
	struct timespec ts;
	int64_t ms;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#ifdef NHACVIEC_FAKE_CLOCK
	fake_stall();
	pthread_mutex_lock(&fake_mu);
	fake_refresh();
	ms += fake_offset_ms;
	pthread_mutex_unlock(&fake_mu);
#endif
	return ms;
}

time_t
clock_now(void)
{
	return (time_t)(clock_now_ms() / 1000);
}
