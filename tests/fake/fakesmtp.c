/*
 * fakesmtp.c: a fake SMTP relay for the end-to-end tests.  It binds
 * 127.0.0.1 only, on the port the test asks for (0: any free one, written
 * to --port-file), speaks enough ESMTP for libcurl (EHLO, AUTH PLAIN,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT), checks --user and --pass, and
 * writes each accepted message to --dir as N.eml.  Every RCPT is logged
 * to --log as "time_ms  code  from  rcpt  file".
 *
 * Recipients whose mailbox starts with "nobody" get 550 (no such user);
 * --script "451x1,250" answers the first RCPT with 451 (try later), as a
 * greylisting relay does.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <openssl/evp.h>

struct session {
	struct bufferevent *bev;
	char		 from[256];
	char		 rcpt[256];
	int		 rcpt_ok;
	int		 authed;
	int		 in_data;
	int		 auth_wait;	/* "AUTH PLAIN" without the response */
	struct evbuffer	*data;
};

static FILE *logfp;
static const char *dir = ".", *user, *pass;
static int script[32], counts[32], nscript, cur, nmsg;

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
say(struct session *s, const char *line)
{
	bufferevent_write(s->bev, line, strlen(line));
}

/* The scripted RCPT answer, 250 once the script is used up. */
static int
next_code(void)
{
	while (cur < nscript && counts[cur] == 0)
		cur++;
	if (cur >= nscript)
		return 250;
	if (counts[cur] > 0)
		counts[cur]--;
	return script[cur];
}

static void
check_auth(struct session *s, const char *b64)
{
	unsigned char raw[512];
	char want[512];
	int n, wl;

	n = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)strlen(b64));
	wl = snprintf(want, sizeof(want), "%c%s%c%s", 0, user ? user : "", 0,
	    pass ? pass : "");
	/* DecodeBlock counts the padding as zero bytes: compare a prefix. */
	if (n >= wl && memcmp(raw, want, (size_t)wl) == 0) {
		s->authed = 1;
		say(s, "235 2.7.0 Authentication successful\r\n");
	} else
		say(s, "535 5.7.8 Authentication credentials invalid\r\n");
}

static void
end_data(struct session *s)
{
	char path[512];
	size_t len = evbuffer_get_length(s->data);
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%d.eml", dir, ++nmsg);
	if ((fp = fopen(path, "w")) != NULL) {
		fwrite(evbuffer_pullup(s->data, -1), 1, len, fp);
		fclose(fp);
	}
	evbuffer_drain(s->data, len);
	fprintf(logfp, "%lld\t250\t%s\t%s\t%s\n", now_ms(), s->from, s->rcpt,
	    path);
	fflush(logfp);
	s->in_data = 0;
	s->rcpt_ok = 0;
	say(s, "250 2.0.0 Ok: queued\r\n");
}

static void
command(struct session *s, char *line)
{
	char addr[256];
	int code;

	if (s->auth_wait) {
		s->auth_wait = 0;
		check_auth(s, line);
	} else if (strncasecmp(line, "EHLO", 4) == 0)
		say(s, "250-fakesmtp\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
	else if (strncasecmp(line, "HELO", 4) == 0)
		say(s, "250 fakesmtp\r\n");
	else if (strncasecmp(line, "AUTH PLAIN ", 11) == 0)
		check_auth(s, line + 11);
	else if (strcasecmp(line, "AUTH PLAIN") == 0) {
		s->auth_wait = 1;
		say(s, "334 \r\n");
	} else if (strncasecmp(line, "MAIL FROM:", 10) == 0) {
		if (user != NULL && !s->authed) {
			say(s, "530 5.7.0 Authentication required\r\n");
			return;
		}
		snprintf(s->from, sizeof(s->from), "%s", line + 10);
		say(s, "250 2.1.0 Ok\r\n");
	} else if (strncasecmp(line, "RCPT TO:", 8) == 0) {
		snprintf(s->rcpt, sizeof(s->rcpt), "%s", line + 8);
		snprintf(addr, sizeof(addr), "%s", line + 8);
		code = strncmp(addr, "<nobody", 7) == 0 ? 550 : next_code();
		if (code != 250) {
			fprintf(logfp, "%lld\t%d\t%s\t%s\t-\n", now_ms(), code,
			    s->from, s->rcpt);
			fflush(logfp);
		}
		s->rcpt_ok = code == 250;
		say(s, code == 250 ? "250 2.1.5 Ok\r\n" : code == 550 ?
		    "550 5.1.1 Mailbox unavailable\r\n" :
		    "451 4.7.1 Greylisted, try again later\r\n");
	} else if (strcasecmp(line, "DATA") == 0) {
		if (!s->rcpt_ok) {
			say(s, "554 5.5.1 No valid recipients\r\n");
			return;
		}
		s->in_data = 1;
		say(s, "354 End data with <CR><LF>.<CR><LF>\r\n");
	} else if (strcasecmp(line, "RSET") == 0) {
		s->rcpt_ok = 0;
		say(s, "250 2.0.0 Ok\r\n");
	} else if (strcasecmp(line, "NOOP") == 0)
		say(s, "250 2.0.0 Ok\r\n");
	else if (strcasecmp(line, "QUIT") == 0) {
		say(s, "221 2.0.0 Bye\r\n");
		bufferevent_flush(s->bev, EV_WRITE, BEV_FLUSH);
	} else
		say(s, "502 5.5.2 Command not recognized\r\n");
}

static void
free_session(struct session *s)
{
	bufferevent_free(s->bev);
	evbuffer_free(s->data);
	free(s);
}

static void
on_read(struct bufferevent *bev, void *arg)
{
	struct session *s = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	char *line;
	size_t n;

	while ((line = evbuffer_readln(in, &n, EVBUFFER_EOL_CRLF)) != NULL) {
		if (s->in_data) {
			if (strcmp(line, ".") == 0)
				end_data(s);
			else {
				/* Dot-stuffing: a leading ".." was one ".". */
				evbuffer_add(s->data, line[0] == '.' ?
				    line + 1 : line, line[0] == '.' ? n - 1 :
				    n);
				evbuffer_add(s->data, "\r\n", 2);
			}
		} else
			command(s, line);
		free(line);
	}
}

static void
on_event(struct bufferevent *bev, short what, void *arg)
{
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		free_session(arg);
}

static void
on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct session *s = calloc(1, sizeof(*s));

	s->bev = bufferevent_socket_new(evconnlistener_get_base(l), fd,
	    BEV_OPT_CLOSE_ON_FREE);
	s->data = evbuffer_new();
	bufferevent_setcb(s->bev, on_read, NULL, on_event, s);
	bufferevent_enable(s->bev, EV_READ | EV_WRITE);
	say(s, "220 fakesmtp ESMTP\r\n");
}

static void
on_term(evutil_socket_t sig, short what, void *arg)
{
	event_base_loopbreak(arg);
}

int
main(int argc, char **argv)
{
	static const struct option o[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "port-file", required_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "dir", required_argument, NULL, 'd' },
		{ "user", required_argument, NULL, 'u' },
		{ "pass", required_argument, NULL, 'w' },
		{ "script", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct event_base *base;
	struct evconnlistener *l;
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	struct event *ev;
	const char *portfile = NULL, *logpath = "/dev/stdout";
	char *sc = NULL, *w, *x;
	int ch, port = 0;
	FILE *fp;

	while ((ch = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (ch) {
		case 'p': port = atoi(optarg); break;
		case 'f': portfile = optarg; break;
		case 'l': logpath = optarg; break;
		case 'd': dir = optarg; break;
		case 'u': user = optarg; break;
		case 'w': pass = optarg; break;
		case 's': sc = strdup(optarg); break;
		default:
			fprintf(stderr, "usage: fakesmtp [--port N] [--port-file F]"
			    " [--log F] [--dir D] [--user U --pass P]"
			    " [--script 451x1,250]\n");
			return 2;
		}
	}
	while (sc != NULL && (w = strsep(&sc, ",")) != NULL && nscript < 32) {
		script[nscript] = atoi(w);
		counts[nscript++] = (x = strchr(w, 'x')) ? atoi(x + 1) : -1;
	}
	if ((logfp = fopen(logpath, "a")) == NULL)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	base = event_base_new();
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((l = evconnlistener_new_bind(base, on_accept, NULL,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 64,
	    (struct sockaddr *)&sin, sizeof(sin))) == NULL) {
		perror("fakesmtp: bind");
		return 1;
	}
	getsockname(evconnlistener_get_fd(l), (struct sockaddr *)&sin, &sl);
	if (portfile != NULL && (fp = fopen(portfile, "w")) != NULL) {
		fprintf(fp, "%d\n", ntohs(sin.sin_port));
		fclose(fp);
	}
	ev = evsignal_new(base, SIGTERM, on_term, base);
	evsignal_add(ev, NULL);
	event_base_dispatch(base);
	event_free(ev);
	evconnlistener_free(l);
	event_base_free(base);
	fclose(logfp);
	return 0;
}
