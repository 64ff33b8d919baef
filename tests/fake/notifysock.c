/*
 * notifysock.c: stands in for systemd's notification socket in the
 * tests.  It binds a unix datagram socket at --path and appends every
 * datagram to --log, one line per assignment ("READY=1"), each prefixed
 * with the time in milliseconds, until SIGTERM.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	stop = 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	struct timespec ts;
	struct sigaction sa;
	char buf[4096], *line, *p;
	FILE *log;
	ssize_t n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: notifysock PATH LOG\n");
		return 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[1]);
	unlink(argv[1]);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror("notifysock");
		return 1;
	}
	if ((log = fopen(argv[2], "a")) == NULL)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);	/* no SA_RESTART: recv returns */
	while (!stop) {
		if ((n = recv(fd, buf, sizeof(buf) - 1, 0)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		buf[n] = '\0';
		clock_gettime(CLOCK_REALTIME, &ts);
		p = buf;
		while ((line = strsep(&p, "\n")) != NULL)
			if (*line != '\0')
				fprintf(log, "%lld %s\n", (long long)ts.tv_sec *
				    1000 + ts.tv_nsec / 1000000, line);
		fflush(log);
	}
	unlink(argv[1]);
	return 0;
}
