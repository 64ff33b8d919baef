# fault-sqlite: the database misbehaving under the daemon.  Locked by
# another writer past the busy timeout; out of room (a file-size limit
# set on the running daemon with prlimit, so every write that grows a
# file fails as on a full disk); read-only.  The daemon keeps running,
# says what is wrong, retries, and once the database is back loses
# nothing: every reminder due meanwhile, or accepted meanwhile, goes out.
. "$(dirname "$0")/lib.sh"

N=300
fresh() {
	stop_hook
	rm -f "$DB" "$DB-wal" "$DB-shm"
	: > "$HOOKLOG"
}

# 1. Another writer holds the database for 12 s (busy timeout 5 s) just
#    as the burst falls due.
start_hook 200 || finish
write_conf "0" "none" "max_inflight = 16
rate = 0"
burst $N 4 || { fail "setup"; finish; }
start_daemon || finish
sqlite3 "$DB" "BEGIN EXCLUSIVE;" ".shell sleep 12" "COMMIT;"
wait_for 60 "the burst after the lock" settled $N || finish
check "the lock was seen and retried" \
    grep -q "database is locked.*retrying in 1s" "$T/daemon.err"
check "the daemon kept running through the lock" healthy
invariants $N
check "all $N sent once the lock was gone" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq $N ]
stop_daemon

# 2. No room: nothing may grow a file while the burst falls due.
fresh
start_hook 200 || finish
burst $N 5 || { fail "setup"; finish; }
# The limit binds every file the daemon writes, a log file too; its log
# goes through a pipe, as to journald.
"$NVD" -c "$CONF" 2> >(cat >> "$T/daemon.err") &
DAEMON_PID=$!
wait_for 10 "the daemon to answer /healthz" healthy || finish
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
prlimit --pid "$DAEMON_PID" --fsize=1024:unlimited
wait_for 30 "the writes to fail" grep -q "disk I/O error\|database or disk is full" \
    "$T/daemon.err" || finish
sleep 2
check "while full, the daemon runs and answers" healthy
check "and nothing half-written went out" [ "$(hook_lines)" -eq 0 ]
# A task accepted meanwhile (the CLI has room) is owed like the rest.
nv task add --plan KH-FAULT --title "Nhận khi đầy đĩa" --lead A1 \
    --due +1s >/dev/null || fail "task add while the daemon is full"
prlimit --pid "$DAEMON_PID" --fsize=unlimited
M=$((N + 1))
wait_for 60 "the burst once there is room" settled $M || finish
invariants $M
check "all $M sent once there was room, the one accepted meanwhile too" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq $M ]
check "each exactly once" \
    [ "$(cut -f3 "$HOOKLOG" | sort -u | wc -l)" -eq $M ]
stop_daemon

# 3. Read-only: refused at start with the file named and what to do.
if [ "$(id -u)" -eq 0 ]; then
	# root writes anything; run the daemon as nobody instead.
	chmod 755 "$T"
	# A config others may read is refused: nobody owns this copy.
	chown 65534 "$CONF"
	chmod 600 "$CONF"
	chmod 644 "$DB"
	rm -f "$DB-wal" "$DB-shm"
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	chmod 444 "$DB"
	as=""
fi
$as "$NVD" -c "$CONF" > "$T/ro.out" 2>&1
rc=$?
check "a read-only database is refused at start (exit $rc), naming it" \
    sh -c "[ $rc -ne 0 ] && grep -q '$DB: read-only for this user' '$T/ro.out'"
check "and left intact" [ "$(sql "PRAGMA integrity_check")" = ok ]
finish
