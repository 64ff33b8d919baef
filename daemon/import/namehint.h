/*
 * namehint.h: what to tell the user about an agency phrase nothing in
 * the directory matches: the phrase as the plan wrote it, and the line
 * of the directory CSV that would teach it.
 */
#ifndef NV_NAMEHINT_H
#define NV_NAMEHINT_H

#include <stddef.h>

struct name_entry;

/*
 * The piece of CELL (split at ";", line breaks, then commas) whose words
 * are TEXT, a normal form names_resolve reported; the whole cell, squeezed,
 * when no piece alone holds them.
 */
void	name_as_written(const char *cell, const char *text, char *out,
	    size_t len);
/*
 * A line for the directory CSV with the header "Mã,Tên,Cấp trên,Nhóm,Tên
 * khác": E (PARENT its parent's code) with PHRASE added to its other
 * names, or, with E NULL, a new agency named PHRASE.
 */
void	name_teach_line(const struct name_entry *e, const char *parent,
	    const char *aliases, const char *phrase, char *out, size_t len);

#endif
