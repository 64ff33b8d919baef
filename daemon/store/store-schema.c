/*
 * store-schema.c: the schema, as numbered migrations.  PRAGMA user_version
 * holds how many have run; each runs in its own transaction with the
 * version bump, so a crash mid-migration leaves the old schema intact.
 * Append new migrations; never edit one that has shipped.
 */
#include <stdio.h>

#include "log.h"
#include "store-private.h"

static const char *const migrations[] = {
	/* 1: the domain model of DESIGN.md. */
	"CREATE TABLE agency ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES agency(id),"
	"  created_at INTEGER NOT NULL);"
	"CREATE TABLE agency_group ("
	"  agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY (agency_id, name));"
	"CREATE INDEX agency_group_name ON agency_group(name);"
	"CREATE TABLE contact ("
	"  id INTEGER PRIMARY KEY,"
	"  agency_id INTEGER NOT NULL REFERENCES agency(id),"
	"  name TEXT NOT NULL,"
	"  role TEXT NOT NULL DEFAULT 'head'"
	"    CHECK (role IN ('head','deputy','focal')),"
	"  phone TEXT, zalo TEXT, email TEXT, telegram TEXT,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX contact_agency ON contact(agency_id);"
	"CREATE TABLE plan ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  issuer TEXT,"
	"  issued_on TEXT,"
	"  created_at INTEGER NOT NULL);"
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id),"
	"  ref TEXT,"
	"  title TEXT NOT NULL,"
	"  form TEXT,"
	"  lead_id INTEGER NOT NULL REFERENCES agency(id),"
	"  policy TEXT NOT NULL,"
	"  sched_kind TEXT NOT NULL DEFAULT 'once'"
	"    CHECK (sched_kind IN ('once','rrule','ongoing')),"
	"  rrule TEXT,"
	"  dtstart TEXT,"
	"  quota TEXT,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX task_lead ON task(lead_id);"
	"CREATE TABLE task_coop ("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  agency_id INTEGER NOT NULL REFERENCES agency(id),"
	"  PRIMARY KEY (task_id, agency_id));"
	"CREATE INDEX task_coop_agency ON task_coop(agency_id);"
	"CREATE TABLE occurrence ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES task(id),"
	"  due_at INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (state IN ('open','done','cancelled')),"
	"  ack_code TEXT NOT NULL UNIQUE,"
	"  done_at INTEGER, done_by TEXT, done_via TEXT, note TEXT,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX occurrence_task ON occurrence(task_id, due_at);"
	"CREATE INDEX occurrence_open ON occurrence(due_at)"
	"  WHERE state = 'open';"
	"CREATE TABLE job ("
	"  id INTEGER PRIMARY KEY,"
	"  occurrence_id INTEGER NOT NULL REFERENCES occurrence(id),"
	"  kind TEXT NOT NULL"
	"    CHECK (kind IN ('reminder','escalation','alert')),"
	"  step INTEGER NOT NULL,"
	"  target TEXT NOT NULL,"
	"  fire_at INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'pending'"
	"    CHECK (state IN ('pending','fired','skipped','cancelled')),"
	"  done_at INTEGER,"
	"  note TEXT);"
	"CREATE INDEX job_pending ON job(fire_at) WHERE state = 'pending';"
	"CREATE INDEX job_occurrence ON job(occurrence_id);"
	"CREATE TABLE message ("
	"  id INTEGER PRIMARY KEY,"
	"  job_id INTEGER NOT NULL REFERENCES job(id),"
	"  contact_id INTEGER NOT NULL REFERENCES contact(id),"
	"  channel INTEGER NOT NULL DEFAULT 0,"
	"  provider TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  idem_key TEXT NOT NULL UNIQUE,"
	"  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
	"    ('queued','sending','sent','delivered','failed','dead',"
	"     'cancelled')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  in_doubt INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL,"
	"  next_attempt_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  last_error TEXT,"
	"  provider_msg_id TEXT,"
	"  sent_at INTEGER);"
	"CREATE INDEX message_queued ON message(provider, next_attempt_at)"
	"  WHERE state = 'queued';"
	"CREATE INDEX message_state ON message(state);"
	"CREATE INDEX message_job ON message(job_id);"
	"CREATE TABLE provider_state ("
	"  provider TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  PRIMARY KEY (provider, key));"
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  occurrence_id INTEGER,"
	"  message_id INTEGER,"
	"  detail TEXT);"
	"CREATE INDEX event_occurrence ON event(occurrence_id);"
	"PRAGMA user_version = 1;",

	/*
	 * 2: recurring tasks.  expand_at is when the task needs more
	 * occurrences planned (NULL: one-off, or the rule has ended);
	 * last_instance is the last RRULE instance already planned, kept apart
	 * from due_at because a deadline_rule may have moved that occurrence.
	 */
	"ALTER TABLE task ADD COLUMN expand_at INTEGER;"
	"ALTER TABLE task ADD COLUMN last_instance INTEGER;"
	"CREATE INDEX task_expand ON task(expand_at)"
	"  WHERE expand_at IS NOT NULL;"
	"PRAGMA user_version = 2;",

	/*
	 * 3: channel fallback as linked messages: a message that could not go
	 * out on one channel stays as it ended, and the next channel's
	 * message points back to it, so the whole path can be shown.
	 */
	"ALTER TABLE message ADD COLUMN prev_id INTEGER REFERENCES message(id);"
	"CREATE INDEX message_prev ON message(prev_id) WHERE prev_id IS NOT NULL;"
	"PRAGMA user_version = 3;",

	/* v4: delivery receipts find their message by the provider's id. */
	"CREATE INDEX message_pid ON message(provider, provider_msg_id)"
	"  WHERE provider_msg_id IS NOT NULL;"
	"PRAGMA user_version = 4;",

	/* v5: /metrics counts messages by provider and state. */
	("CREATE INDEX message_pstate ON message(provider, state);"
	"PRAGMA user_version = 5;"),

	/* v6: imports find the task a row made before. */
	("CREATE INDEX task_plan_ref ON task(plan_id, ref, lead_id);"
	"PRAGMA user_version = 6;"),

	/* v7: a plan table's columns nhacviec does not read, kept. */
	("ALTER TABLE task ADD COLUMN note TEXT;"
	"PRAGMA user_version = 7;"),

	/*
	 * v8: identifiers unique across installations, and exact retry times.
	 * A random install id, made once, goes into every Message-ID, feed
	 * UID and idempotency key, so two installations (or one database
	 * rebuilt) never collide at a shared receiver.  Each message keeps
	 * its Message-ID's left part, so a resend is the same mail.  The
	 * next attempt is kept in milliseconds: Retry-After: 2 means 2.0 s.
	 */
	("CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"INSERT INTO meta (key, value)"
	"  VALUES ('install_id', lower(hex(randomblob(8))));"
	"ALTER TABLE message ADD COLUMN mail_id TEXT;"
	"UPDATE message SET mail_id = 'nv.' || job_id || '.' || contact_id ||"
	"  '.' || lower(hex(randomblob(4))) || '.' ||"
	"  (SELECT value FROM meta WHERE key = 'install_id');"
	"ALTER TABLE message RENAME COLUMN next_attempt_at TO next_attempt_ms;"
	"UPDATE message SET next_attempt_ms = next_attempt_ms * 1000;"
	"PRAGMA user_version = 8;"),

	/*
	 * v9: digests.  A digest is a message like any other (is_digest set);
	 * the messages it gathers point at it by digest_id and are sent only
	 * through it, so each keeps its own job, occurrence and ack code.
	 */
	("ALTER TABLE message ADD COLUMN digest_id INTEGER"
	"  REFERENCES message(id);"
	"ALTER TABLE message ADD COLUMN is_digest INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX message_digest ON message(digest_id)"
	"  WHERE digest_id IS NOT NULL;"
	"PRAGMA user_version = 9;"),

	/* v10: feed tokens carry the agency's version; revoking bumps it. */
	("ALTER TABLE agency ADD COLUMN feed_version INTEGER NOT NULL "
	"DEFAULT 0;"
	"PRAGMA user_version = 10;"),

	/*
	 * v11: a task keeps its whole content cell beside its short title,
	 * and the section of the plan it sits under; an agency the other
	 * phrases ("Tên khác") plans use for it or its group.
	 */
	("ALTER TABLE task ADD COLUMN content TEXT;"
	"ALTER TABLE task ADD COLUMN section TEXT;"
	"ALTER TABLE agency ADD COLUMN aliases TEXT;"
	"PRAGMA user_version = 11;"),

	/*
	 * v12: a plan's period, which its recurrences end with; a task
	 * whose deadline is N (working) days after an event waits for it.
	 */
	("ALTER TABLE plan ADD COLUMN period_from TEXT;"
	"ALTER TABLE plan ADD COLUMN period_until TEXT;"
	"ALTER TABLE task ADD COLUMN wait_n REAL;"
	"ALTER TABLE task ADD COLUMN wait_unit TEXT;"
	"ALTER TABLE task ADD COLUMN wait_trigger TEXT;"
	"ALTER TABLE task ADD COLUMN started_at INTEGER;"
	"PRAGMA user_version = 12;"),

	/*
	 * v13: the digests due are looked for at every wake-up; without an
	 * index of their own that read every queued message, the whole
	 * backlog under load.  Its columns repeat the equalities so the
	 * planner prefers it to message_state.
	 */
	("CREATE INDEX message_digest_due ON message(is_digest, state,"
	"  next_attempt_ms)"
	"  WHERE is_digest = 1 AND state = 'queued' AND attempts = 0;"
	"PRAGMA user_version = 13;"),

	/*
	 * v14: the web pages.  Accounts of the tracking office (and,
	 * optionally, of agencies), whose argon2id hashes live with the
	 * providers' tokens (store-tokens.c); sessions, kept as
	 * the digest of their cookie so a copy of the database opens none;
	 * a version per contact that revoking a personal link bumps; an
	 * agency's reports of progress, their files (stored by content
	 * under the state directory, named here by their digest) and its
	 * requests for more time; and who did each thing in the audit log.
	 */
	("CREATE TABLE web_user ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('viewer','office','agency')),"
	"  agency_id INTEGER REFERENCES agency(id),"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL,"
	"  CHECK ((role = 'agency') = (agency_id IS NOT NULL)));"
	"CREATE TABLE web_session ("
	"  id TEXT PRIMARY KEY,"
	"  user_id INTEGER REFERENCES web_user(id) ON DELETE CASCADE,"
	"  contact_id INTEGER REFERENCES contact(id),"
	"  link_version INTEGER NOT NULL DEFAULT 0,"
	"  csrf TEXT NOT NULL,"
	"  peer TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  seen_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  CHECK ((user_id IS NULL) != (contact_id IS NULL)));"
	"CREATE INDEX web_session_contact ON web_session(contact_id);"
	"ALTER TABLE contact ADD COLUMN link_version INTEGER NOT NULL "
	"DEFAULT 1;"
	"CREATE TABLE report ("
	"  id INTEGER PRIMARY KEY,"
	"  occurrence_id INTEGER NOT NULL REFERENCES occurrence(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('progress','done')),"
	"  body TEXT NOT NULL,"
	"  doc_number TEXT,"
	"  contact_id INTEGER REFERENCES contact(id),"
	"  user_id INTEGER REFERENCES web_user(id),"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX report_occurrence ON report(occurrence_id);"
	"CREATE TABLE upload ("
	"  sha256 TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  mime TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL);"
	"CREATE TABLE report_file ("
	"  report_id INTEGER NOT NULL REFERENCES report(id),"
	"  sha256 TEXT NOT NULL REFERENCES upload(sha256),"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY (report_id, sha256));"
	"CREATE TABLE extension ("
	"  id INTEGER PRIMARY KEY,"
	"  occurrence_id INTEGER NOT NULL REFERENCES occurrence(id),"
	"  old_due INTEGER NOT NULL,"
	"  new_due INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
	"    ('pending','approved','declined','withdrawn')),"
	"  contact_id INTEGER REFERENCES contact(id),"
	"  user_id INTEGER REFERENCES web_user(id),"
	"  created_at INTEGER NOT NULL,"
	"  decided_by INTEGER REFERENCES web_user(id),"
	"  decided_at INTEGER,"
	"  decision_note TEXT);"
	"CREATE INDEX extension_occurrence ON extension(occurrence_id);"
	"CREATE INDEX extension_pending ON extension(created_at)"
	"  WHERE state = 'pending';"
	"ALTER TABLE event ADD COLUMN actor TEXT;"
	"PRAGMA user_version = 14;"),

	/*
	 * v15: an occurrence far ahead keeps its jobs unstored until they
	 * come within the policy's horizon (plan_at), the way a recurring
	 * task's periods are planned; a large import writes a quarter of
	 * the rows it did.
	 *
	 * And the CHECKs of the states and kinds written as comparisons:
	 * SQLite builds a temporary table for "x IN (three or more)" at
	 * every row written, a tenth of an import's time and a share of
	 * each message's.  Equivalent constraints, so the rows stand as
	 * they are; the table texts are edited in place as SQLite's ALTER
	 * TABLE page allows for CHECK constraints.  RESET makes this
	 * connection read them again before the ALTER TABLE below (which
	 * would otherwise splice its column in at the old text's length),
	 * and the DDL after bumps the schema cookie, so every other
	 * connection reads them again too.
	 */
	("PRAGMA writable_schema = ON;"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  'CHECK (role IN (''head'',''deputy'',''focal''))',"
	"  'CHECK (role = ''head'' OR role = ''deputy'' OR role = ''focal'')')"
	"  WHERE type = 'table' AND name = 'contact';"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  'CHECK (sched_kind IN (''once'',''rrule'',''ongoing''))',"
	"  'CHECK (sched_kind = ''once'' OR sched_kind = ''rrule'' OR"
	"  sched_kind = ''ongoing'')')"
	"  WHERE type = 'table' AND name = 'task';"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  'CHECK (state IN (''open'',''done'',''cancelled''))',"
	"  'CHECK (state = ''open'' OR state = ''done'' OR"
	"  state = ''cancelled'')')"
	"  WHERE type = 'table' AND name = 'occurrence';"
	"UPDATE sqlite_schema SET sql = replace(replace(sql,"
	"  'CHECK (kind IN (''reminder'',''escalation'',''alert''))',"
	"  'CHECK (kind = ''reminder'' OR kind = ''escalation'' OR"
	"  kind = ''alert'')'),"
	"  'CHECK (state IN (''pending'',''fired'',''skipped'',''cancelled''))',"
	"  'CHECK (state = ''pending'' OR state = ''fired'' OR"
	"  state = ''skipped'' OR state = ''cancelled'')')"
	"  WHERE type = 'table' AND name = 'job';"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  'CHECK (state IN    (''queued'',''sending'',''sent'',''delivered'',"
	"''failed'',''dead'',     ''cancelled''))',"
	"  'CHECK (state = ''queued'' OR state = ''sending'' OR"
	"  state = ''sent'' OR state = ''delivered'' OR state = ''failed'' OR"
	"  state = ''dead'' OR state = ''cancelled'')')"
	"  WHERE type = 'table' AND name = 'message';"
	"PRAGMA writable_schema = RESET;"
	"ALTER TABLE occurrence ADD COLUMN plan_at INTEGER;"
	"CREATE INDEX occurrence_plan ON occurrence(plan_at)"
	"  WHERE plan_at IS NOT NULL;"
	"PRAGMA user_version = 15;"),

	/*
	 * v16: the cooperating agencies in one B-tree, their key, rather
	 * than a rowid table beside its key's index: an import of a million
	 * rows keeps one tree fewer for each.
	 */
	("CREATE TABLE task_coop_new ("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  agency_id INTEGER NOT NULL REFERENCES agency(id),"
	"  PRIMARY KEY (task_id, agency_id)) WITHOUT ROWID;"
	"INSERT INTO task_coop_new SELECT task_id, agency_id FROM task_coop;"
	"DROP TABLE task_coop;"
	"ALTER TABLE task_coop_new RENAME TO task_coop;"
	"CREATE INDEX task_coop_agency ON task_coop(agency_id);"
	"PRAGMA user_version = 16;"),
};

#define NMIGRATIONS	(int)(sizeof(migrations) / sizeof(migrations[0]))

int
store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Brings the schema up to date; refuses a database from a newer version. */
int
store_migrate(struct store *s)
{
	int v;

	if ((v = store_schema_version(s)) == -1)
		return store_fail(s, "reading schema version");
	if (v > NMIGRATIONS) {
		snprintf(s->err, sizeof(s->err), "schema version %d is newer "
		    "than this program knows (%d); upgrade nhacviec", v,
		    NMIGRATIONS);
		return -1;
	}
	/*
	 * The version is read again under the write lock, because the CLI
	 * and the daemon may both be opening a new database at once.
	 */
	for (;;) {
		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL,
		    NULL) != SQLITE_OK)
			return store_fail(s, "migration");
		if ((v = store_schema_version(s)) >= NMIGRATIONS || v < 0) {
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
			break;
		}
		if (sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) !=
		    SQLITE_OK) {
			store_fail(s, "migration");
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) !=
		    SQLITE_OK)
			return store_fail(s, "migration commit");
		log_debug("database migrated to schema %d", v + 1);
	}
	return 0;
}
