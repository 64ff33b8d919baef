/*
 * store.c: opening the database, transactions, and the prepared-statement
 * cache that every store-*.c file goes through.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "store-private.h"
#include "xmalloc.h"
#include "nls.h"

/* Opens (creating if needed) and migrates the database at PATH. */
/*
 * Why PATH would not open, in words an operator can act on: SQLite's
 * "unable to open database file" does not say that the directory is
 * missing or not writable, which outside systemd (no StateDirectory=)
 * is the usual cause.
 */
static void
open_error(const char *path, sqlite3 *db, char *err, size_t errlen)
{
	char dir[512], *slash;
	struct stat sb;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &sb) == -1)
		snprintf(err, errlen, _("%s: the directory %s does not exist; "
		    "create it, owned by the user nhacviecd runs as (see "
		    "\"Running without systemd\" in the README)"), path, dir);
	else if (access(dir, W_OK | X_OK) == -1 && access(path, F_OK) == -1)
		snprintf(err, errlen, _("%s: the directory %s is not writable "
		    "by uid %u (it belongs to uid %u); nhacviecd creates the "
		    "database there"), path, dir, (unsigned)getuid(),
		    (unsigned)sb.st_uid);
	else
		snprintf(err, errlen, "%s: %s", path,
		    db ? sqlite3_errmsg(db) : "cannot open");
}

struct store *
store_open(const char *path, int readonly, char *err, size_t errlen)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int flags = readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	static int configured;

	/*
	 * Nothing reads SQLite's memory statistics, and keeping them costs a
	 * global mutex on every allocation: a quarter of a bulk import's time.
	 * It must be set before the library initialises, hence here, once.
	 */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		open_error(path, s->db, err, errlen);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	/*
	 * SQLite quietly opens a file it may not write read-only; say so now
	 * rather than fail at the first write with a vaguer message.
	 */
	if (!readonly && sqlite3_db_readonly(s->db, "main") == 1) {
		snprintf(err, errlen, _("%s: read-only for this user (uid %u): "
		    "the database file and its directory must be writable"),
		    path, (unsigned)getuid());
		goto fail;
	}
	/* Another process (the CLI) may hold the write lock briefly. */
	sqlite3_busy_timeout(s->db, 5000);
	/*
	 * WAL lets the CLI read while the daemon writes; synchronous=FULL
	 * makes a COMMIT durable, which is what "accepted" means here.
	 */
	if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;", NULL, NULL, NULL) != SQLITE_OK ||
	    (!readonly && sqlite3_exec(s->db, "PRAGMA journal_mode = WAL;",
	    NULL, NULL, NULL) != SQLITE_OK)) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (!readonly && store_migrate(s) == -1) {
		snprintf(err, errlen, "%s: %s", path, s->err);
		goto fail;
	}
	if (!readonly && store_tokens_attach(s, path, err, errlen) == -1)
		goto fail;
	/*
	 * The write-ahead log and its index stay when the last writer
	 * closes: members of the group nhacviec read the database with
	 * read-only rights, which cannot create them.
	 */
	if (!readonly)
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &(int){ 1 });
	return s;
fail:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < ST_NSTMTS; i++)
		sqlite3_finalize(s->stmts[i]);
	sqlite3_close(s->db);
	free(s);
}

/*
 * The random id this installation's schema made once (v8), which makes
 * Message-IDs, feed UIDs and idempotency keys unique across installations;
 * "" for a database too old to have one (opened read-only).
 */
const char *
store_install_id(struct store *s)
{
	sqlite3_stmt *st;

	if (s->install_id[0] != '\0' || store_schema_version(s) < 8)
		return s->install_id;
	st = store_prep(s, ST_INSTALL_ID, "SELECT value FROM meta"
	    " WHERE key = 'install_id'");
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(s->install_id, sizeof(s->install_id), "%s",
		    col_text(st, 0));
	sqlite3_reset(st);
	return s->install_id;
}

const char *
store_error(struct store *s)
{
	return s->err;
}

/* Records SQLite's error for WHAT; always returns -1. */
int
store_fail(struct store *s, const char *what)
{
	snprintf(s->err, sizeof(s->err), "%s: %s", what,
	    sqlite3_errmsg(s->db));
	return -1;
}

/*
 * Records that the database holds WORD where a WHAT of state.h belongs.
 * The schema's CHECKs allow none, so the file was changed by something
 * else: refused, not read as some other state.  Always returns -1.
 */
int
store_bad_word(struct store *s, const char *what, const char *word)
{
	snprintf(s->err, sizeof(s->err), "unknown %s \"%s\" in the database",
	    what, word != NULL ? word : "(null)");
	return -1;
}

/*
 * Returns the cached statement for ID, compiling SQL on first use, reset
 * and with its bindings cleared.  A statement that does not compile is a
 * bug in this file set, so it is fatal.
 */
sqlite3_stmt *
store_prep(struct store *s, enum stmt_id id, const char *sql)
{
	sqlite3_stmt *st = s->stmts[id];

	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
			fatalx("store: cannot prepare \"%s\": %s", sql,
			    sqlite3_errmsg(s->db));
		s->stmts[id] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Steps a statement that returns no rows; 0 or -1. */
int
store_step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, what);
	return 0;
}

void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* BEGIN IMMEDIATE: take the write lock up front, so no upgrade deadlock. */
int
store_begin(struct store *s)
{
	return store_step_done(s, store_prep(s, ST_BEGIN, "BEGIN IMMEDIATE"),
	    "begin");
}

int
store_commit(struct store *s)
{
	return store_step_done(s, store_prep(s, ST_COMMIT, "COMMIT"),
	    "commit");
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		(void)store_step_done(s, store_prep(s, ST_ROLLBACK,
		    "ROLLBACK"), "rollback");
}

/* True when the database answers and can take a write lock. */
int
store_healthy(struct store *s)
{
	sqlite3_stmt *st;
	int ok;

	if (!sqlite3_get_autocommit(s->db))
		return 1;	/* inside our own transaction: writable */
	if (store_begin(s) == -1)
		return 0;
	st = store_prep(s, ST_HEALTH, "SELECT count(*) FROM sqlite_schema");
	ok = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	store_rollback(s);
	return ok;
}

/*
 * Steps a statement whose answer is one integer: 1 with *V set, 0 when it
 * returns no row, -1 on error (recorded for WHAT).
 */
int
store_int64(struct store *s, sqlite3_stmt *st, int64_t *v, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, what);
}

/*
 * Steps a "SELECT min(...)" statement: 1 with *AT set, 0 when the
 * minimum is NULL (no rows), -1 on error.
 */
int
store_min_time(struct store *s, sqlite3_stmt *st, time_t *at,
    const char *what)
{
	int rc, found = 0;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*at = sqlite3_column_int64(st, 0);
		found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, what);
	return found;
}

/* Binds a patch field: ?N the "given" flag, ?N+1 the value. */
void
bind_patch(sqlite3_stmt *st, int n, const struct patch_str *f)
{
	sqlite3_bind_int(st, n, f->set);
	bind_text(st, n + 1, f->set ? f->value : NULL);
}

/*
 * A page cache of KIB kibibytes for a bulk job (an import), so a large
 * transaction is not spilled to disk page by page before its commit.
 */
int
store_cache_kib(struct store *s, int kib)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d;", kib);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, "setting the cache size");
	return 0;
}
