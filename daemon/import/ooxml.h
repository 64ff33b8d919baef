/*
 * ooxml.h: the parts of an Office Open XML package (.docx, .xlsx), read
 * with libzip and streamed through libxml2's reader, with the limits of
 * tgrid.h: no part may unpack past TG_MAX_MEMBER, no DTD is accepted
 * (OOXML never has one: a DOCTYPE is an entity bomb or worse), the
 * network is never used and entities are never substituted.
 */
#ifndef NV_OOXML_H
#define NV_OOXML_H

#include <stddef.h>

#include <libxml/xmlreader.h>

struct ooxml;
struct ooxml_part;

/* Opens the ZIP archive in DATA (kept, not copied); NULL with ERR. */
struct ooxml	*ooxml_open(const char *data, size_t len, char *err,
		    size_t errlen);
void		 ooxml_close(struct ooxml *);
/* Whether the archive has member NAME. */
int		 ooxml_has(struct ooxml *, const char *name);
/* Member NAME streamed as XML; NULL with ERR (absent, corrupt). */
struct ooxml_part *ooxml_part_open(struct ooxml *, const char *name,
		    char *err, size_t errlen);
xmlTextReaderPtr ooxml_part_reader(struct ooxml_part *);
/*
 * The next node, as xmlTextReaderRead: 1, 0 at the end, -1 with ERR
 * naming the part (bad XML, a DTD, too large, corrupt compression).
 */
int		 ooxml_part_next(struct ooxml_part *, char *err,
		    size_t errlen);
void		 ooxml_part_close(struct ooxml_part *);
/* Attribute LOCAL of the current element, whatever its prefix; malloc'd. */
char		*ooxml_attr(xmlTextReaderPtr, const char *local);
/* Whether the current node is the start (or the end) of element LOCAL. */
int		 ooxml_is_start(xmlTextReaderPtr, const char *local);
int		 ooxml_is_end(xmlTextReaderPtr, const char *local);

#endif
