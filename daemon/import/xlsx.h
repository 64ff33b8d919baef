/*
 * xlsx.h: the sheets of an Excel .xlsx workbook as cell grids.
 */
#ifndef NV_XLSX_H
#define NV_XLSX_H

#include <stddef.h>

struct ooxml;
struct tbook;

/* Every worksheet into B, merged ranges marked; -1 with ERR. */
int	xlsx_read(struct ooxml *, struct tbook *b, char *err, size_t errlen);
/* Excel's serial day number SERIAL as "dd/mm/yyyy" (the 1900 system,
 * with its 29/02/1900; DATE1904 for the Mac one); -1 out of range. */
int	xlsx_serial_date(double serial, int date1904, char *out, size_t len);

#endif
