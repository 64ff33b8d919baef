/*
 * httpstatus.h: what the listeners' own answers share, those given
 * before a request reaches a handler (the public listener's child and
 * the control listeners): the reason phrase of a status, and a refusal
 * sent on a socket without waiting for the client.
 */
#ifndef NV_HTTPSTATUS_H
#define NV_HTTPSTATUS_H

/* The reason phrase of CODE ("Too Many Requests"). */
const char	*http_reason(int code);
/*
 * Tries once, without blocking, to send FD a bodiless CODE that closes
 * the connection; the caller closes FD.
 */
void		 http_say_no(int fd, int code);

#endif
