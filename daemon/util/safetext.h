/*
 * safetext.h: text from outside (task titles, agency names, callbacks)
 * made safe for where it goes: a log line or a terminal, a spreadsheet
 * cell, or the database in the first place.
 */
#ifndef NV_SAFETEXT_H
#define NV_SAFETEXT_H

#include <stddef.h>

/* Escapes controls and backslash (see safetext.c); the length written. */
size_t	 text_escape(char *dst, size_t dstlen, const char *src);
/* TEXT escaped into one of a few rotating buffers: for printf arguments. */
const char *text_tty(const char *text);
/* Copies at most LEN - 1 bytes of SRC, never half a UTF-8 character. */
void	 text_fit(char *dst, size_t len, const char *src);
/* Whether a spreadsheet would read CELL as a formula (= + - @ tab CR). */
int	 text_csv_formula(const char *cell);
/* CELL as a CSV report writes it: an apostrophe before a formula. */
char	*text_csv_cell(const char *cell);
/*
 * Whether TEXT holds a control character (C0, DEL or C1); a line feed
 * is let through with ALLOW_LF (a plan's cell may run over lines).
 */
int	 text_has_control(const char *text, int allow_lf);

#endif
