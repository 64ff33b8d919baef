/*
 * names.h: agency names as plans write them ("Sở TT&TT", "UBND cấp
 * huyện", "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh") matched to the
 * agency directory.
 */
#ifndef NV_NAMES_H
#define NV_NAMES_H

#include <stddef.h>

/* One agency of the directory, as the matcher sees it. */
struct name_entry {
	const char	*code;
	const char	*name;
	const char	*groups;	/* comma-separated, or NULL */
	const char	*aliases;	/* ";"-separated phrases, or NULL */
};

struct name_dir;

/* What one part of a cell resolved to. */
struct name_hit {
	int		 entry;		/* index, or -1: unresolved */
	char		 text[160];	/* the words of the cell it came from */
	char		 group[32];	/* set when a group phrase expanded */
};

struct name_dir	*names_new(const struct name_entry *, int n);
void		 names_free(struct name_dir *);
/* Folds, squeezes and expands abbreviations: "Sở TT&TT" -> "so thong tin
 * va truyen thong".  Malloc'd. */
char		*names_norm(const char *);
/*
 * Splits CELL into agencies, longest known name first, so commas inside
 * a name do not split it; group phrases expand to every agency carrying
 * the group.  Returns how many hits (up to MAX) were written.
 */
int		 names_resolve(const struct name_dir *, const char *cell,
		    struct name_hit *, int max);
/* Up to MAX entries closest to TEXT, for "did you mean". */
int		 names_closest(const struct name_dir *, const char *text,
		    int *entries, int max);

#endif
