# fault-admin: the control listeners under attack, with the daemon's
# descriptors limited to 1,024 as the unit's LimitNOFILE= does.  Slow
# headers from 1,100 connections on the admin TCP port and on the unix
# socket, then a 1 MiB body without the right token.  During each,
# /healthz answers within 1 s, a reminder due in the middle of it goes
# out within 1 s of its time and the log grows by a few lines only; the
# body is refused with 401 before the daemon reads it.
. "$(dirname "$0")/lib.sh"

ATTACK="$BUILD/tests/attack"
TOKEN=adm-0123456789abcdefXYZ
printf '%s\n' "$TOKEN" > "$T/admin.token"
chmod 600 "$T/admin.token"
start_hook 200 || finish
write_conf "0" "none"
sed -i "s|^shutdown_grace.*|&\nadmin_listen = 127.0.0.1:0\nadmin_token_file = $T/admin.token|" \
    "$CONF"
setup_directory || { fail "directory setup"; finish; }
printf '#!/bin/sh\nulimit -n 1024\nexec "%s" "$@"\n' "$NVD" > "$T/nvd-limited"
chmod +x "$T/nvd-limited"
start_daemon "$T/nvd-limited" || finish
PORT=$(sed -n 's/.*admin_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
check "the admin listener took a port ($PORT)" [ -n "$PORT" ]

# health_in_time: /healthz answers 200 within 1 s, on the socket and on
# the TCP port (from 127.0.0.1, an address the attacks do not use).
health_in_time() {
	out=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
	    --unix-socket "$SOCK" http://localhost/healthz)
	[ "$out" = 200 ] || return 1
	out=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
	    "http://127.0.0.1:$PORT/healthz")
	[ "$out" = 200 ]
}
# due TITLE: a task whose one reminder is due 4 s from now.
due() {
	nv task add --plan 285/KH-UBND --title "$1" --lead SNV --due +4s \
	    >/dev/null
	DUE=$(sql "SELECT o.due_at FROM occurrence o JOIN task t
	    ON t.id = o.task_id WHERE t.title = '$1'")
	LOG0=$(wc -c < "$T/daemon.err")
}
# on_time WHAT TITLE: the reminder went out within 1 s of its time, and
# the log grew by less than 4 KB.
on_time() {
	wait_for 20 "the reminder during $1" grep -qF "$2" "$HOOKLOG"
	at=$(grep -F "$2" "$HOOKLOG" | head -1 | cut -f1)
	late=$(( at - DUE * 1000 ))
	check "$1: the reminder went out $late ms after its time" \
	    [ "$late" -lt 1000 ]
	grew=$(( $(wc -c < "$T/daemon.err") - LOG0 ))
	check "$1: the log grew by $grew bytes" [ "$grew" -lt 4096 ]
}
# rchar: bytes the daemon has read so far, from sockets and files.
rchar() { sed -n 's/^rchar: //p' "/proc/$DAEMON_PID/io"; }

# 1. Slow headers on the admin port: 1,100 connections from 5 addresses,
# a header line a second for 12 s, past the 10 s header deadline: each
# address passes the cap per client.
due "Bao cao cong quan tri"
"$ATTACK" slow "$PORT" 1100 12 5 > "$T/tcp.out" &
A=$!
sleep 2
check "admin port, slow headers: /healthz within 1 s" health_in_time
check "admin port, slow headers: a request with the token is answered" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
        -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT/v1/status")" = 200 ]
check "admin port, slow headers: the daemon holds few descriptors" \
    [ "$(ls /proc/"$DAEMON_PID"/fd | wc -l)" -lt 600 ]
wait "$A"
on_time "admin port, slow headers" "Bao cao cong quan tri"
read -r _ opened _ closed _ n503 _ n429 _ n408 _ < "$T/tcp.out"
check "admin port: $n429 refused per client, $n408 cut at the deadline ($(cat "$T/tcp.out"))" \
    sh -c "[ $opened -eq 1100 ] && [ $n429 -gt 0 ] && [ $n408 -gt 0 ] &&
        [ $closed -eq $opened ]"

# 2. Slow headers on the unix socket: 1,100 connections from one user
# (root, whom the cap per client spares), past the cap of the listener:
# the slowest make room for new ones.
due "Bao cao o cam"
"$ATTACK" slow "$SOCK" 1100 12 0 > "$T/unix.out" &
A=$!
sleep 2
check "unix socket, slow headers: /healthz within 1 s" health_in_time
check "unix socket, slow headers: nhacviec status finds the daemon" \
    sh -c "timeout 3 '$NV' -c '$CONF' status | grep -q 'running (pid'"
wait "$A"
on_time "unix socket, slow headers" "Bao cao o cam"
read -r _ opened _ closed _ n503 _ n429 _ n408 _ < "$T/unix.out"
check "unix socket: $n503 made room, $n408 cut at the deadline ($(cat "$T/unix.out"))" \
    sh -c "[ $opened -eq 1100 ] && [ $n503 -gt 0 ] && [ $n408 -gt 0 ] &&
        [ $closed -eq $opened ]"

# 3. A 1 MiB body with a wrong token: 401 as soon as the headers are in,
# before any of the body is sent, and when the body comes anyway, the
# daemon reads no more than one read's worth (4 KiB) of it.
due "Bao cao than lon"
r0=$(rchar)
"$ATTACK" body "$PORT" wrong-token-0123456789 1048576 > "$T/body.out"
read_b=$(( $(rchar) - r0 ))
read -r _ early _ sent _ late < "$T/body.out"
check "1 MiB body, wrong token: 401 before any of the body ($(cat "$T/body.out"))" \
    [ "$early" = 401 ]
check "1 MiB body, wrong token: 401 while the body was being sent" \
    [ "$late" = 401 ]
check "1 MiB body, wrong token: the daemon read $read_b bytes for both" \
    [ "$read_b" -lt 65536 ]
check "1 MiB body, wrong token: /healthz within 1 s" health_in_time
on_time "1 MiB body" "Bao cao than lon"

# The refusals, summed up once a minute per listener.
wait_for 70 "the admin listener's summary" \
    grep -q 'admin_listen: in the last 60 s: .* timed out' "$T/daemon.err"
check "the unix socket's refusals are summed up too" \
    grep -q 'control_socket: in the last 60 s: .* timed out' "$T/daemon.err"
check "nothing lost: every reminder went out once" \
    [ "$(sql "SELECT count(*) FROM message WHERE provider = 'hook'
        AND state = 'sent'")" -eq 3 ]
check "graceful stop exits 0" stop_daemon
finish
