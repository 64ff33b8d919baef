/*
 * store-tokens.c: the providers' OAuth tokens (Zalo's rotating refresh
 * token and its access token) and the web accounts' password hashes,
 * kept apart from the database.
 *
 * The database is readable by the group nhacviec, so that operators can
 * use the CLI; the tokens are not for them, nor the hashes, which anyone
 * holding them could attack offline.  They live in a database of
 * their own next to it, DATABASE.tokens, mode 0600 and owned by the
 * service user, attached to the daemon's connection as "tokens": a
 * refresh is still written in the scheduler's transaction, which
 * commits before any request uses the new pair.  A database from before
 * this split has its tokens moved there at the first open, erased from
 * the main file's pages (secure_delete) and its write-ahead log emptied.
 * No schema version is involved: the main database keeps its (now empty)
 * provider_state table.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "store-private.h"

#define TOKENS_TABLE	"CREATE TABLE IF NOT EXISTS tokens.provider_state (" \
	"  provider TEXT NOT NULL," \
	"  key TEXT NOT NULL," \
	"  value TEXT NOT NULL," \
	"  updated_at INTEGER NOT NULL," \
	"  PRIMARY KEY (provider, key));" \
	"CREATE TABLE IF NOT EXISTS tokens.web_password (" \
	"  user_id INTEGER PRIMARY KEY," \
	"  pwhash TEXT NOT NULL);"

/*
 * Creates the token file with mode 0600 before SQLite does, so that it
 * never exists with looser rights; run as root (the CLI), it is given
 * to the owner of the database, which is the service user.
 */
static int
tokens_create(const char *db, const char *path, char *err, size_t errlen)
{
	struct stat sb;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		if (errno == EEXIST)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (geteuid() == 0 && stat(db, &sb) == 0 &&
	    fchown(fd, sb.st_uid, sb.st_gid) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Whether PATH may be read by anyone but its owner. */
static int
too_open(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && (sb.st_mode & 077) != 0;
}

int
store_tokens_attach(struct store *s, const char *db, char *err,
    size_t errlen)
{
	char path[4096];
	sqlite3_stmt *st;
	int moved, rc;

	if (strcmp(db, ":memory:") == 0 || *db == '\0')
		snprintf(path, sizeof(path), ":memory:");
	else {
		snprintf(path, sizeof(path), "%s.tokens", db);
		if (tokens_create(db, path, err, errlen) == -1)
			return -1;
		if (too_open(path)) {
			snprintf(err, errlen, "%s: readable by others than its "
			    "owner; it holds the providers' tokens (chmod 600 "
			    "it)", path);
			return -1;
		}
	}
	if (sqlite3_prepare_v2(s->db, "ATTACH DATABASE ? AS tokens", -1, &st,
	    NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sqlite3_exec(s->db, "PRAGMA tokens.journal_mode = WAL;"
	    TOKENS_TABLE, NULL, NULL, NULL) != SQLITE_OK)
		goto sqlerr;
	/* Tokens of a database from before the split move over, once. */
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM main.provider_state"
	    " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		goto sqlerr;
	if (sqlite3_exec(s->db, "PRAGMA main.secure_delete = ON;"
	    "BEGIN IMMEDIATE;"
	    "INSERT OR IGNORE INTO tokens.provider_state"
	    "  SELECT provider, key, value, updated_at"
	    "  FROM main.provider_state;"
	    "DELETE FROM main.provider_state;", NULL, NULL, NULL) != SQLITE_OK)
		goto rollback;
	moved = sqlite3_changes(s->db);
	if (sqlite3_exec(s->db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
		goto rollback;
	sqlite3_exec(s->db, "PRAGMA main.secure_delete = OFF;", NULL, NULL,
	    NULL);
	if (moved > 0) {
		/* Nor may the old bytes linger in the write-ahead log. */
		sqlite3_exec(s->db, "PRAGMA main.wal_checkpoint(TRUNCATE);",
		    NULL, NULL, NULL);
		log_info("store: %d provider token value(s) moved from %s to "
		    "%s", moved, db, path);
	}
	return 0;
rollback:
	snprintf(err, errlen, "%s: moving the tokens: %s", path,
	    sqlite3_errmsg(s->db));
	sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return -1;
sqlerr:
	snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(s->db));
	return -1;
}
