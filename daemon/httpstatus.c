/*
 * httpstatus.c: the listeners' own answers (httpstatus.h).  A refusal is
 * one non-blocking send: a client that does not read it loses it, and
 * nothing waits on such a client.
 */
#include <sys/socket.h>

#include <stdio.h>

#include "httpstatus.h"

const char *
http_reason(int code)
{
	switch (code) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 417: return "Expectation Failed";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

void
http_say_no(int fd, int code)
{
	char buf[160];
	int n;

	n = snprintf(buf, sizeof(buf), "HTTP/1.1 %d %s\r\nContent-Length: 0"
	    "\r\nConnection: close\r\nRetry-After: 5\r\n\r\n", code,
	    http_reason(code));
	(void)!send(fd, buf, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
}
