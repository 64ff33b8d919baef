/*
 * log.c: the logger.  Writes levelled lines to stderr, with journald
 * priority prefixes when stderr is the journal and timestamps otherwise,
 * and routes libevent's own messages through the same path, at most one
 * a second.
 *
 * A message is one line whatever it holds: control characters (a
 * newline, ESC, DEL, C1 controls) and backslashes are written as \n,
 * \xHH..., so that a task title cannot forge a second line with a
 * priority prefix of its own, nor drive the operator's terminal.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/event.h>

#include "log.h"
#include "safetext.h"

static const char *log_prog = "nhacviec";
static int log_level = LOG_LVL_INFO;
static int log_journal;

static const char *const level_names[] = { "error", "warn", "info", "debug" };
/* syslog priorities that journald understands as "<N>" prefixes. */
static const int level_prio[] = { 3, 4, 6, 7 };

static void	vlog(int, const char *, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));
static void	libevent_log_cb(int, const char *);

/*
 * Forwards libevent's messages, which would otherwise go to stderr raw,
 * at most one a second: a failing accept() must not fill the journal.
 */
static void
libevent_log_cb(int sev, const char *msg)
{
	static struct log_rate rate = { .interval = 1 };
	long held;

	if (sev != EVENT_LOG_DEBUG && !log_rate_ok(&rate, &held))
		return;
	if (sev != EVENT_LOG_DEBUG && held > 0)
		log_warnx("libevent: %ld message(s) held back in the last "
		    "second", held);
	switch (sev) {
	case EVENT_LOG_DEBUG:
		log_debug("libevent: %s", msg);
		break;
	case EVENT_LOG_MSG:
		log_info("libevent: %s", msg);
		break;
	default:
		log_warnx("libevent: %s", msg);
		break;
	}
}

/* Sets the program name and level; call once before anything logs. */
void
log_init(const char *progname, int level)
{
	log_prog = progname;
	log_level = level;
	/* systemd sets JOURNAL_STREAM when stderr is connected to journald. */
	log_journal = getenv("JOURNAL_STREAM") != NULL;
	event_set_log_callback(libevent_log_cb);
}

void
log_setlevel(int level)
{
	log_level = level;
}

int
log_getlevel(void)
{
	return log_level;
}

/* Maps "error", "warn", "info" or "debug" to a level, or -1. */
int
log_level_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcasecmp(name, level_names[i]) == 0)
			return (int)i;
	return -1;
}

int
log_rate_ok(struct log_rate *r, long *held)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	*held = 0;
	if (r->started && ts.tv_sec - r->last < r->interval) {
		r->held++;
		return 0;
	}
	*held = r->held;
	r->held = 0;
	r->last = ts.tv_sec;
	r->started = 1;
	return 1;
}

static void
vlog(int level, const char *errstr, const char *fmt, va_list ap)
{
	char raw[2048], msg[4096], ts[32];
	struct tm tm;
	time_t now;
	int saved = errno;

	if (level > log_level) {
		errno = saved;
		return;
	}
	vsnprintf(raw, sizeof(raw), fmt, ap);
	text_escape(msg, sizeof(msg), raw);
	if (log_journal) {
		fprintf(stderr, "<%d>%s%s%s\n", level_prio[level], msg,
		    errstr ? ": " : "", errstr ? errstr : "");
	} else {
		/* Wall-clock time is right here: it is for people reading. */
		now = time(NULL);
		localtime_r(&now, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(stderr, "%s %s[%s] %s%s%s\n", ts, log_prog,
		    level_names[level], msg, errstr ? ": " : "",
		    errstr ? errstr : "");
	}
	fflush(stderr);
	errno = saved;
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_ERROR, NULL, fmt, ap);
	va_end(ap);
}

/* Logs a warning with strerror(errno) appended. */
void
log_warn(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vlog(LOG_LVL_WARN, e, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_WARN, NULL, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_INFO, NULL, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_DEBUG, NULL, fmt, ap);
	va_end(ap);
}

/* Logs with strerror(errno) and exits: for errors nothing can recover. */
void
fatal(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vlog(LOG_LVL_ERROR, e, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LVL_ERROR, NULL, fmt, ap);
	va_end(ap);
	exit(1);
}
