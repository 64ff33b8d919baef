/*
 * docx.h: the tables of a Word .docx document as cell grids.
 */
#ifndef NV_DOCX_H
#define NV_DOCX_H

#include <stddef.h>

struct ooxml;
struct tbook;

/* Every top-level w:tbl of word/document.xml into B; -1 with ERR. */
int	docx_read(struct ooxml *, struct tbook *b, char *err, size_t errlen);

#endif
