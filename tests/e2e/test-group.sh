# test-group: an operator in the group nhacviec, neither root nor the
# service user, uses the CLI as installed: the daemon runs as the service
# user with the unit's UMask=0027 in a state directory 0750, and its
# control socket is 0660.  The operator reads the database directly
# (status, task list), marks done and extends a deadline through the
# daemon's socket, cannot read the providers' tokens, and, once the
# daemon is stopped, is told plainly (in English and in Vietnamese) why
# a change cannot be made.  A user outside the group gets nothing, and
# one operator cannot take all of the socket's connections.
. "$(dirname "$0")/lib.sh"

# The install test (tests/check-install.sh) runs this on the installed
# binaries.
NVD=${GROUP_NVD:-$NVD}
NV=${GROUP_NV:-$NV}
SVC=64101	# the service user, and the group nhacviec
OPER=64102	# an operator: own group, and nhacviec as a supplementary one
OUT=64103	# someone else
as_svc() { setpriv --reuid=$SVC --regid=$SVC --clear-groups "$@"; }
as_oper() { setpriv --reuid=$OPER --regid=$OPER --groups=$SVC "$@"; }
as_out() { setpriv --reuid=$OUT --regid=$OUT --clear-groups "$@"; }

if [ "$(id -u)" -ne 0 ]; then
	fail "this test runs the daemon and the CLI as other users: run it as root"
	finish
fi
start_hook 200 || finish
# The layout systemd makes: StateDirectory= and RuntimeDirectory= 0750,
# the config 0640 root:nhacviec, all under a directory anyone may cross.
chmod 755 "$T"
mkdir -m 750 "$T/state" "$T/run"
chown $SVC:$SVC "$T/state" "$T/run"
DB="$T/state/nhacviec.db"
SOCK="$T/run/control.sock"
write_conf "0" "none"
sed -i "s|^database = .*|database = $DB|; s|^control_socket = .*|control_socket = $SOCK|" \
    "$CONF"
chown root:$SVC "$CONF"
chmod 640 "$CONF"
# The directory is made by the service user, as the daemon would.
NVBIN="$T/nv-svc"
printf '#!/bin/sh\numask 027\nexec setpriv --reuid=%s --regid=%s --clear-groups "%s" "$@"\n' \
    $SVC $SVC "$NV" > "$NVBIN"
chmod 755 "$NVBIN"
setup_directory || { fail "directory setup"; finish; }
nv task add --plan 285/KH-UBND --title "Bao cao nhom" --lead SNV \
    --due +2d >/dev/null || fail "task add"
nv task add --plan 285/KH-UBND --title "Bao cao gia han" --lead SNV \
    --due +3d >/dev/null || fail "task add"
sqlite3 "$DB.tokens" "INSERT INTO provider_state VALUES ('zalo',
    'refresh_token', 'RT-SECRET-0123456789', 0)"
NVBIN=""
# The unit's descriptor limit, so that the caps are those of 1,024.
printf '#!/bin/sh\numask 027\nulimit -n 1024\nexec setpriv --reuid=%s --regid=%s --clear-groups "%s" "$@"\n' \
    $SVC $SVC "$NVD" > "$T/nvd-svc"
chmod 755 "$T/nvd-svc"
start_daemon "$T/nvd-svc" || finish

check "the database is the group's to read (0640), the tokens the service user's (0600)" \
    sh -c "[ \"\$(stat -c %a:%g '$DB')\" = 640:$SVC ] &&
        [ \"\$(stat -c %a:%u '$DB.tokens')\" = 600:$SVC ]"
check "the control socket is 0660" [ "$(stat -c %a "$SOCK")" = 660 ]
nvo() { as_oper "$NV" -c "$CONF" "$@"; }
op_status() { nvo status | grep -q 'daemon: *running'; }
op_list() { nvo task list | grep -q 'Bao cao nhom'; }
op_done() { nvo done 1 --by 'Truc ban' | grep -q 'marked done'; }
op_extend() {
	nvo task extend 2 --to +10d --reason 'cho so lieu' | grep -q deadline
}
op_tokens() { ! as_oper cat "$DB.tokens" >/dev/null 2>&1; }
op_grep() { ! as_oper cat "$DB" "$DB-wal" | grep -qa RT-SECRET; }
op_write() {
	! nvo agency add X --name X 2> "$T/w.err" &&
	    grep -q "read-only for this user (uid $OPER)" "$T/w.err"
}
out_list() { ! as_out "$NV" -c "$CONF" task list >/dev/null 2>&1; }
check "the operator: nhacviec status finds the daemon" op_status
check "the operator: nhacviec task list reads the tasks" op_list
check "the operator: nhacviec done goes through the daemon" op_done
check "and the task is done in the database, by the API" \
    [ "$(sql "SELECT o.state || ' ' || o.done_via FROM occurrence o
        WHERE o.task_id = 1")" = "done api" ]
check "the operator: nhacviec task extend goes through the daemon" op_extend
check "and the deadline moved by 7 days" \
    [ "$(sql "SELECT (o.due_at - strftime('%s','now')) / 86400 FROM
        occurrence o WHERE o.task_id = 2")" -ge 9 ]
check "the operator cannot read the tokens" op_tokens
check "nor find them in the database or its log" op_grep
check "a command that writes directly is refused, saying why" op_write
check "someone outside the group gets nothing" out_list
# One operator's connections are capped (30 of the socket's 240), so a
# script gone wrong cannot keep the others out.
as_oper "$BUILD/tests/attack" slow "$SOCK" 100 3 0 > "$T/slow.out" &
A=$!
sleep 1
check "while one operator holds 30 connections, another user is served" \
    sh -c "timeout 3 '$NV' -c '$CONF' status | grep -q 'daemon: *running'"
wait "$A"
read -r _ opened _ closed _ n503 _ n429 _ < "$T/slow.out"
check "that operator's connections past 30 are refused ($(cat "$T/slow.out"))" \
    [ "$opened" -eq 100 ] && [ "$n429" -eq 70 ]
check "graceful stop exits 0" stop_daemon

# The daemon stopped: reads still work, a change says why it cannot.
check "with the daemon stopped, the operator still reads" op_list
nvo done 2 > "$T/done.out" 2> "$T/done.err"
rc=$?
check "and done fails (exit $rc) saying the daemon is not running" \
    sh -c "[ $rc -eq 69 ] && grep -q 'no daemon answers there' '$T/done.err'"
LANGUAGE=vi LC_MESSAGES=vi_VN.UTF-8 LC_ALL= LANG=C.UTF-8 \
    as_oper "$NV" -c "$CONF" done 2 2> "$T/done-vi.err"
check "in Vietnamese too ($(cat "$T/done-vi.err"))" \
    grep -q 'chỉ đọc' "$T/done-vi.err"
check "not a SQLite error" sh -c "! grep -qi sqlite '$T/done.err'"
finish
