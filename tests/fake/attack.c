/*
 * attack.c: the attacks of the public face's fault scenario, as a
 * client that misbehaves on purpose (tests/faults/fault-public.sh).
 *
 *   attack slow PORT N SECONDS ADDRS
 *	N connections to 127.0.0.1:PORT from ADDRS source addresses
 *	(127.0.0.2 and up), each sending a request line and then one
 *	header line a second, never finishing, for SECONDS.
 *   attack noread PORT N SECONDS PATH
 *	N connections that send "GET PATH" and never read the answer.
 *   attack get PORT N PATH
 *	N requests for PATH one after another, each answer read.
 *   attack body PORT TOKEN SIZE
 *	A POST to the admin API with "Authorization: Bearer TOKEN" and a
 *	body of SIZE bytes, twice: first the headers alone (Content-Length:
 *	SIZE), waiting 2 s for an answer before any of the body; then
 *	the headers and the body chunked, sent as fast as the server takes
 *	them (tests/faults/fault-admin.sh).
 *
 * PORT may be the path of a unix socket instead (slow only).
 * It prints what it saw on one line: connections opened, closed by the
 * server before the end (or in the 3 s after it, for an answer already
 * under way), and the HTTP status codes counted.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A unix socket to dial instead of 127.0.0.1:PORT. */
static const char *unix_path;

static int
dial_unix(int nonblock)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", unix_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		close(fd);
		return -1;
	}
	if (nonblock)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

static int
dial(int port, int src, int nonblock)
{
	struct sockaddr_in sin;
	int fd;

	if (unix_path != NULL)
		return dial_unix(nonblock);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	if (src > 0) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(0x7f000000 | (unsigned)src);
		if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
			close(fd);
			return -1;
		}
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		close(fd);
		return -1;
	}
	if (nonblock)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

/*
 * Reads what is left on the N connections for up to 3 s without sending,
 * counting the statuses and the closes; stops early once all are closed.
 */
static void
drain(int *fd, int n, int *closed, int *c503, int *c429, int *c408)
{
	struct pollfd *pfd = calloc((size_t)n, sizeof(*pfd));
	long long until = now_ms() + 3000;
	char buf[512];
	ssize_t r;
	int i, left;

	if (pfd == NULL)
		return;
	for (;;) {
		for (i = 0, left = 0; i < n; i++) {
			pfd[i].fd = fd[i];	/* poll skips a negative fd */
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
			left += fd[i] != -1;
		}
		if (left == 0 || now_ms() >= until ||
		    poll(pfd, (nfds_t)n, 100) == -1)
			break;
		for (i = 0; i < n; i++) {
			if (fd[i] == -1 || pfd[i].revents == 0)
				continue;
			r = read(fd[i], buf, sizeof(buf) - 1);
			if (r > 0) {
				buf[r] = '\0';
				*c503 += strstr(buf, " 503 ") != NULL;
				*c429 += strstr(buf, " 429 ") != NULL;
				*c408 += strstr(buf, " 408 ") != NULL;
			} else if (r == 0 || errno != EAGAIN) {
				close(fd[i]);
				fd[i] = -1;
				(*closed)++;
			}
		}
	}
	free(pfd);
}

/* Holds N connections open, feeding each a header line a second. */
static int
hold(int port, int n, int secs, int addrs, const char *first)
{
	int *fd = calloc((size_t)n, sizeof(int)), i, open = 0, closed = 0;
	int c503 = 0, c429 = 0, c408 = 0;
	long long start = now_ms(), end;
	char buf[512];
	ssize_t r;

	if (fd == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		fd[i] = dial(port, addrs > 0 ? 2 + i % addrs : 0, 1);
		if (fd[i] == -1)
			continue;
		open++;
		(void)!write(fd[i], first, strlen(first));
	}
	/* SECONDS of trickling once all are open, however long that took. */
	end = now_ms() + secs * 1000LL;
	while (now_ms() < end) {
		for (i = 0; i < n; i++) {
			if (fd[i] == -1 || addrs < 0)
				continue;
			r = read(fd[i], buf, sizeof(buf) - 1);
			if (r == 0 || (r == -1 && errno != EAGAIN)) {
				close(fd[i]);
				fd[i] = -1;
				closed++;
				continue;
			}
			if (r > 0) {
				buf[r] = '\0';
				c503 += strstr(buf, " 503 ") != NULL;
				c429 += strstr(buf, " 429 ") != NULL;
				c408 += strstr(buf, " 408 ") != NULL;
			}
			if (addrs >= 0)
				(void)!send(fd[i], "X-a: b\r\n", 8, MSG_NOSIGNAL);
		}
		usleep(1000 * 1000);
	}
	/*
	 * An answer read in the last pass comes with its close, which only
	 * the next read would see: wait up to 3 s more, sending nothing,
	 * for the closes of answers already given.
	 */
	if (addrs >= 0)
		drain(fd, n, &closed, &c503, &c429, &c408);
	printf("opened %d closed %d 503 %d 429 %d 408 %d in %lld ms\n", open,
	    closed, c503, c429, c408, end - start);
	for (i = 0; i < n; i++)
		if (fd[i] != -1)
			close(fd[i]);
	free(fd);
	return 0;
}

static int
get(int port, int n, const char *path)
{
	char req[1024], buf[4096];
	int i, fd, codes[600] = { 0 }, c;

	snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", path);
	for (i = 0; i < n; i++) {
		if ((fd = dial(port, 0, 0)) == -1)
			continue;
		(void)!write(fd, req, strlen(req));
		if (read(fd, buf, sizeof(buf) - 1) > 12 &&
		    sscanf(buf, "HTTP/1.1 %d", &c) == 1 && c > 0 && c < 600)
			codes[c]++;
		close(fd);
	}
	printf("requests %d", n);
	for (c = 0; c < 600; c++)
		if (codes[c] > 0)
			printf(" %d %d", c, codes[c]);
	printf("\n");
	return 0;
}

/* The status of an answer waiting on FD within MS, or 0. */
static int
answer_code(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[512];
	ssize_t r;
	int c;

	if (poll(&p, 1, ms) != 1 ||
	    (r = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT)) <= 12)
		return 0;
	buf[r] = '\0';
	return sscanf(buf, "HTTP/1.1 %d", &c) == 1 ? c : 0;
}

static int
body(int port, const char *token, long size)
{
	char head[512], chunk[16384 + 16];
	long sent = 0, n, off = 0;
	long long end;
	ssize_t w;
	int fd, early, late = 0, len;

	/* The headers alone: is the answer there before any of the body? */
	len = snprintf(head, sizeof(head), "POST /v1/plans HTTP/1.1\r\n"
	    "Host: x\r\nAuthorization: Bearer %s\r\nContent-Type: "
	    "application/json\r\nContent-Length: %ld\r\n\r\n", token, size);
	if ((fd = dial(port, 0, 0)) == -1)
		return 1;
	(void)!send(fd, head, (size_t)len, MSG_NOSIGNAL);
	early = answer_code(fd, 2000);
	close(fd);
	/* Then all of it, chunked, as fast as the server takes it. */
	len = snprintf(head, sizeof(head), "POST /v1/plans HTTP/1.1\r\n"
	    "Host: x\r\nAuthorization: Bearer %s\r\nContent-Type: "
	    "application/json\r\nTransfer-Encoding: chunked\r\n\r\n", token);
	if ((fd = dial(port, 0, 0)) == -1)
		return 1;
	(void)!send(fd, head, (size_t)len, MSG_NOSIGNAL);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	n = snprintf(chunk, sizeof(chunk), "4000\r\n");
	memset(chunk + n, 'x', 16384);
	memcpy(chunk + n + 16384, "\r\n", 2);
	end = now_ms() + 3000;
	while (sent < size && now_ms() < end && late == 0) {
		/* Whole chunks, however the kernel splits the writes. */
		w = send(fd, chunk + off, (size_t)(n + 16386 - off),
		    MSG_NOSIGNAL);
		if (w > 0) {
			sent += w;
			off = (off + w) % (n + 16386);
			continue;
		}
		if (w == -1 && errno != EAGAIN)
			break;
		late = answer_code(fd, 50);
	}
	if (late == 0)
		late = answer_code(fd, 2000);
	close(fd);
	printf("early %d sent %ld answer %d\n", early, sent, late);
	return 0;
}

int
main(int argc, char **argv)
{
	struct rlimit rl;
	char first[1100];

	/* A server that refuses closes at once: a write then is no crash. */
	signal(SIGPIPE, SIG_IGN);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	if (argc > 2 && argv[2][0] == '/')
		unix_path = argv[2];
	if (argc == 5 && strcmp(argv[1], "body") == 0)
		return body(atoi(argv[2]), argv[3], atol(argv[4]));
	if (argc == 6 && strcmp(argv[1], "slow") == 0)
		return hold(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]),
		    atoi(argv[5]), "GET / HTTP/1.1\r\n");
	if (argc == 6 && strcmp(argv[1], "noread") == 0) {
		snprintf(first, sizeof(first), "GET %s HTTP/1.1\r\nHost: x\r\n"
		    "\r\n", argv[5]);
		/* Nothing read: a negative ADDRS sends nothing more either. */
		return hold(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), -1,
		    first);
	}
	if (argc == 5 && strcmp(argv[1], "get") == 0)
		return get(atoi(argv[2]), atoi(argv[3]), argv[4]);
	fprintf(stderr, "usage: attack slow PORT N SECONDS ADDRS | "
	    "noread PORT N SECONDS PATH | get PORT N PATH | "
	    "body PORT TOKEN SIZE\n");
	return 64;
}
