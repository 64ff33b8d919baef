/*
 * log.h: the one logger of nhacviec, in the OpenBSD shape.
 *
 * Everything goes to stderr: under systemd that is the journal, and the
 * lines then carry sd-daemon "<N>" priority prefixes so journald keeps the
 * levels.  Secrets must never be passed to these functions.
 */
#ifndef NV_LOG_H
#define NV_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LVL_ERROR = 0,
	LOG_LVL_WARN,
	LOG_LVL_INFO,
	LOG_LVL_DEBUG,
};

/*
 * A line that may come often (a refusal, a library's warning) is logged
 * at most once per INTERVAL seconds; the next one says how many were
 * held back in between.  Zero-initialise, then set interval.
 */
struct log_rate {
	int		 interval;
	long long	 last;		/* monotonic seconds of the last line */
	long		 held;		/* lines held back since */
	int		 started;
};

void	log_init(const char *progname, int level);
/* 1 when a line may go out now, with *HELD the count held back before. */
int	log_rate_ok(struct log_rate *, long *held);

void	log_setlevel(int level);
int	log_getlevel(void);
int	log_level_parse(const char *name);
void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
