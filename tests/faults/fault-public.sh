# fault-public: the public face under attack, with the daemon's
# descriptors limited to 1,024 as the unit's LimitNOFILE= does.  Slow
# headers from 1,100 connections, descriptor exhaustion from 200
# addresses, a reply flood, a feed flood, a log flood and a killed
# listener process, one after another.  During each, /healthz answers
# within 1 s, a reminder due in the middle of it goes out within 1 s of
# its time, the log grows by a few lines only, and nothing is lost.
. "$(dirname "$0")/lib.sh"

ATTACK="$BUILD/tests/attack"
SECRET=sp-0123456789abcdefXYZ
PUB_URL=https://nv.example.gov.vn
start_hook 200 || finish
head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
write_conf "0" "none"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key\npublic_header_timeout = 3s\npublic_body_timeout = 3s|" \
    "$CONF"
cat >> "$CONF" <<INI

[provider speed]
type = speedsms
base_url = http://127.0.0.1:$HOOK_PORT
token = tok123
callback_secret = $SECRET
rate = 1
burst = 2
INI
chmod 600 "$CONF"
setup_directory || { fail "directory setup"; finish; }
# The daemon alone gets the unit's 1,024 descriptors; the attacker more.
printf '#!/bin/sh\nulimit -n 1024\nexec "%s" "$@"\n' "$NVD" > "$T/nvd-limited"
chmod +x "$T/nvd-limited"
start_daemon "$T/nvd-limited" || finish
PORT=$(sed -n 's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
PUB=http://127.0.0.1:$PORT
child() { pgrep -P "$DAEMON_PID" | head -1; }
wait_for 5 "the listener process" sh -c "pgrep -P $DAEMON_PID >/dev/null"

# The listener process: sandboxed, without the database or the config.
c=$(child)
c0=$c
check "the listener process runs under seccomp with no_new_privs" \
    sh -c "grep -q '^Seccomp:[[:space:]]*2' /proc/$c/status &&
        grep -q '^NoNewPrivs:[[:space:]]*1' /proc/$c/status"
check "and holds neither the database nor any file but its sockets" \
    [ "$(ls -l /proc/"$c"/fd | grep -c -e '\.db' -e '\.ini' -e '\.key')" -eq 0 ]

# health_in_time: /healthz answers 200 within 1 s.
health_in_time() {
	out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' \
	    --max-time 1 --unix-socket "$SOCK" http://localhost/healthz)
	[ "${out% *}" = 200 ]
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
	wait_for 10 "the reminder during $1" grep -qF "$2" "$HOOKLOG"
	at=$(grep -F "$2" "$HOOKLOG" | head -1 | cut -f1)
	late=$(( at - DUE * 1000 ))
	check "$1: the reminder went out $late ms after its time" \
	    [ "$late" -lt 1000 ]
	grew=$(( $(wc -c < "$T/daemon.err") - LOG0 ))
	check "$1: the log grew by $grew bytes" [ "$grew" -lt 4096 ]
}
# cpu_ticks PID: user + system time so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# 1. Slow headers: 1,100 connections from 5 addresses, a line a second:
# each address passes the cap of 32 within its first 165 connections, so
# the cap is reached however slowly a loaded machine opens them.
due "Bao cao cham"
"$ATTACK" slow "$PORT" 1100 7 5 > "$T/slow.out" &
A=$!
sleep 2
check "slow headers: /healthz within 1 s" health_in_time
check "slow headers: a normal request from another address is answered" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
        "$PUB/a/forged")" = 403 ]
wait "$A"
on_time "slow headers" "Bao cao cham"
read -r _ opened _ closed _ n503 _ n429 _ n408 _ < "$T/slow.out"
check "slow headers: $n429 refused at the cap per address, $n408 cut at the header deadline ($(cat "$T/slow.out"))" \
    sh -c "[ $opened -eq 1100 ] && [ $n429 -gt 0 ] && [ $n408 -gt 0 ] &&
        [ $closed -eq $opened ]"

# 2. Descriptors: 1,100 connections from 200 addresses, past the cap:
# the slowest make room for new ones.
due "Bao cao het mo ta"
c=$(child)
t0=$(cpu_ticks "$c")
s0=$(date +%s%N)
"$ATTACK" slow "$PORT" 1100 6 200 > "$T/fd.out" &
A=$!
sleep 2
check "descriptors: /healthz within 1 s" health_in_time
check "descriptors: a normal request is answered" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
        "$PUB/a/forged")" = 403 ]
check "descriptors: the main process holds few descriptors" \
    [ "$(ls /proc/"$DAEMON_PID"/fd | wc -l)" -lt 64 ]
wait "$A"
t1=$(cpu_ticks "$c")
ms=$(( ($(date +%s%N) - s0) / 1000000 ))
cpu=$(( (t1 - t0) * 1000 * 100 / $(getconf CLK_TCK) / ms ))
check "descriptors: the listener used $cpu% CPU, not a spin" [ "$cpu" -lt 50 ]
on_time "descriptors" "Bao cao het mo ta"
read -r _ opened _ closed _ n503 _ rest < "$T/fd.out"
check "descriptors: all 1,100 connected, the slow ones closed ($(cat "$T/fd.out"))" \
    sh -c "[ $opened -eq 1100 ] && [ $closed -gt 0 ]"

# 3. A reply flood: 100 unknown numbers and 30 wrong codes from a contact.
due "Bao cao tin nhan"
incoming() {	# incoming PHONE TEXT
	curl -s -o /dev/null --max-time 2 -X POST \
	    -H 'Content-Type: application/json' \
	    --data "{\"type\":\"incoming\",\"phone\":\"$1\",\"content\":\"$2\"}" \
	    "$PUB/cb/speed/$SECRET"
}
answers() { grep -c 'Chua ghi nhan' "$HOOKLOG"; }
a0=$(answers)
i=0
while [ $i -lt 100 ]; do
	incoming "8498$(printf '%07d' $i)" "XONG ABCD$i"
	[ $i -lt 30 ] && incoming 84912000001 "XONG ZZZ$i"
	i=$((i + 1))
done
check "reply flood: /healthz within 1 s" health_in_time
on_time "reply flood" "Bao cao tin nhan"
sleep 1
check "reply flood: one answer in all ($(( $(answers) - a0 )))" \
    [ "$(( $(answers) - a0 ))" -eq 1 ]

# 4. A feed flood: 30 requests for a feed that never read the answer.
due "Bao cao lich"
url=$(nv export ics --agency SNV --url)
"$ATTACK" noread "$PORT" 30 5 "${url#"$PUB_URL"}" > "$T/feed.out" &
A=$!
sleep 2
check "feed flood: /healthz within 1 s" health_in_time
wait "$A"
on_time "feed flood" "Bao cao lich"

# 5. A log flood: 3,000 callbacks with a wrong secret.
due "Bao cao nhat ky"
"$ATTACK" get "$PORT" 3000 /cb/speed/wrong-secret-0123456789 > "$T/log.out" &
A=$!
sleep 1
check "log flood: /healthz within 1 s" health_in_time
wait "$A"
check "log flood: every one refused with 403 ($(cat "$T/log.out"))" \
    grep -q '^requests 3000 403 3000$' "$T/log.out"
on_time "log flood" "Bao cao nhat ky"

# The listener's refusals: one summary a minute, with the counts, logged
# from under its sandbox (which would kill it for a forbidden call).
wait_for 60 "the listener's summary" \
    grep -q 'public: in the last 60 s: .* timed out' "$T/daemon.err"
check "the listener summed up its refusals in one line" \
    [ "$(grep -c 'public: in the last 60 s:' "$T/daemon.err")" -eq 1 ]
check "and is the same process as at the start" [ "$(child)" = "$c0" ]

# 6. The listener process killed: logged, started again, and serving.
due "Bao cao tien trinh"
c=$(child)
kill -9 "$c"
wait_for 5 "another listener process" sh -c \
    "p=\$(pgrep -P $DAEMON_PID | head -1); [ -n \"\$p\" ] && [ \"\$p\" != $c ]"
check "killed listener: logged with its signal" \
    grep -q "public listener process $c died: killed by signal 9" "$T/daemon.err"
check "killed listener: /healthz within 1 s" health_in_time
wait_for 5 "the public port to answer again" sh -c \
    "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 '$PUB/a/x')\" = 403 ]"
on_time "killed listener" "Bao cao tien trinh"

check "nothing lost: every reminder went out once" \
    [ "$(sql "SELECT count(*) FROM message WHERE provider = 'hook'
        AND state = 'sent'")" -eq 6 ]
check "graceful stop exits 0" stop_daemon
finish
