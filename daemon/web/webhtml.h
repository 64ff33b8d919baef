/*
 * webhtml.h: how every web page is drawn: the frame (head, the strict
 * Content-Security-Policy, the stylesheet, the menu for who is signed
 * in), escaping, forms with their CSRF token, error pages and redirects.
 * Pages build their body in an evbuffer with these and hand it to
 * web_page_end.
 */
#ifndef NV_WEBHTML_H
#define NV_WEBHTML_H

#include <stddef.h>
#include <time.h>

#include "web.h"

struct evbuffer;

/* Opens a page titled TITLE; the menu is WHO's (NULL: none). */
void	web_page_begin(struct evbuffer *, const char *title,
	    const struct web_who *);
/* Closes the page in B and makes it RESP's answer with CODE. */
void	web_page_end(struct web_resp *, struct evbuffer *, int code);
/* A whole page that only says TEXT, with CODE. */
void	web_message(struct web_resp *, const struct web_who *, int code,
	    const char *title, const char *text);
/* 303 to LOCATION (a path under /w/). */
void	web_redirect(struct web_resp *, const char *location);

/* S escaped for HTML text or a quoted attribute. */
void	web_esc(struct evbuffer *, const char *s);
/* printf whose %s arguments are NOT escaped: use for trusted text only. */
void	web_printf(struct evbuffer *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A local date and time as the pages show it, "31/01/2023 17:00". */
void	web_time(struct evbuffer *, time_t);
/* A date alone, "31/01/2023". */
void	web_date(struct evbuffer *, time_t);
/* <form method="post" action="ACTION"> with the session's CSRF field. */
void	web_form_open(struct evbuffer *, const struct web_who *,
	    const char *action, int multipart);

/* The stylesheet, served at /w/s.css. */
extern const char web_css[];

#endif
