# fault-provider: a provider that misbehaves in every way a real gateway
# does.  A 5xx burst, 429s with Retry-After and connections dropped
# without an answer: every message arrives in the end, a Retry-After is
# waited out and the backoff between tries stays within retry_max.  Slow
# answers within the timeout cost no retries; answers slower than the
# timeout are retried until the gateway is fast again.  A two-hour outage
# (connections refused), on the fake clock: no message dies before its
# lifetime, the wait between tries never exceeds retry_max, and after
# recovery each message arrives exactly once.
. "$(dirname "$0")/lib.sh"

N=200
fresh() {	# fresh: an empty database and receiver log
	stop_hook
	rm -f "$DB" "$DB-wal" "$DB-shm"
	: > "$HOOKLOG"
}

# gaps STATUS: the largest and smallest wait (ms) before the next try of
# a key after an answer STATUS, as "min max".
gaps() {
	awk -F'\t' -v st="$1" '$3 != "-" {
		if (($3 in last) && laststat[$3] == st) {
			g = $1 - last[$3]
			if (min == "" || g < min) min = g
			if (g > max) max = g
		}
		last[$3] = $1; laststat[$3] = $2
	} END { printf "%d %d\n", min, max }' "$HOOKLOG"
}

# 1. 5xx, 429 with Retry-After: 3, dropped connections.
start_hook "503x150,429:3x60,0x60,200" || finish
write_conf "0" "none" "max_inflight = 16
rate = 0"
burst $N 3 || { fail "setup"; finish; }
start_daemon || finish
wait_for 90 "every message to settle" settled $N || finish
invariants $N
check "all $N sent through 503s, 429s and drops" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq $N ]
check "and retried: 270 failed tries in all" \
    [ "$(sql "SELECT sum(attempts) FROM message")" -ge $((N + 270 - 60)) ]
set -- $(gaps 503)
check "after a 503 the next try came within retry_max (2 s) + 1 s: $2 ms" \
    [ "$2" -le 3500 ]
set -- $(gaps 429)
check "after a 429 with Retry-After: 3 the next try waited: $1 ms" \
    [ "$1" -ge 2000 ]
check "every message reached the receiver" \
    [ "$(awk -F'\t' '$2 == "200"' "$HOOKLOG" | cut -f3 | sort -u | wc -l)" -eq $N ]
stop_daemon

# 2. Slow answers within the timeout, then slower than the timeout.
fresh
start_hook 200 700 || finish
write_conf "0" "none" "max_inflight = 64
rate = 0"
sed -i 's/^timeout = 10s/timeout = 2s/' "$CONF"
burst 100 3 || { fail "setup"; finish; }
start_daemon || finish
wait_for 60 "the slow answers" settled 100 || finish
check "answers 0.7 s slow: all 100 sent on the first try" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent' AND
        attempts = 1")" -eq 100 ]
stop_daemon
fresh
start_hook 200 4000 || finish
burst 100 3 || { fail "setup"; finish; }
start_daemon || finish
wait_for 60 "every message to time out twice" sh -c "[ \"\$(sqlite3 \
    -cmd '.timeout 5000' '$DB' 'SELECT count(*) FROM message WHERE
    attempts >= 2')\" -eq 100 ]" || finish
check "timed-out tries are errors, the messages still queued" \
    [ "$(sql "SELECT count(*) FROM message WHERE state IN ('queued',
        'sending') AND last_error LIKE '%timed out%'")" -eq 100 ]
stop_hook
start_hook 200 0 || finish
wait_for 60 "recovery" settled 100 || finish
invariants 100
check "after the timeouts all 100 sent" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'sent'")" -eq 100 ]
stop_daemon

# 3. A two-hour outage on the fake clock: connections refused.
fresh
NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$T/clock"
start_hook 200 || finish
stop_hook		# the port stays ours and refuses
write_conf "0" "none" "max_inflight = 16
rate = 0"
sed -i -e 's/^retry_max = 2s/retry_max = 10m/' \
    -e 's/^max_lifetime = 1h/max_lifetime = 6h/' "$CONF"
burst $N 3 || { fail "setup"; finish; }
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
wait_for 30 "the first refused tries" sh -c "[ \"\$(sqlite3 -cmd \
    '.timeout 5000' '$DB' 'SELECT count(*) FROM message WHERE
    attempts >= 1 AND state = \"queued\"')\" -eq $N ]" || finish
base=$(date +%s)
worst=0
m=10
while [ $m -le 120 ]; do
	set_clock "$(TZ=Asia/Ho_Chi_Minh date -d "@$((base + m * 60))" \
	    '+%Y-%m-%d %H:%M:%S')"
	# Let the daemon try what fell due; then look at the waits.
	sleep 0.5
	w=$(sql "SELECT coalesce(max(next_attempt_ms), 0) / 1000 - $((base + m * 60))
	    FROM message WHERE state = 'queued'")
	[ "$w" -gt "$worst" ] && worst=$w
	m=$((m + 10))
done
check "through two hours refused, none dead before its lifetime" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'queued'")" -eq $N ]
# The step itself takes real time: up to 2 s of it show in the wait.
check "the backoff never waited past retry_max (600 s): worst $worst s" \
    [ "$worst" -le 602 ]
check "and it kept trying: several tries each" \
    [ "$(sql "SELECT min(attempts) FROM message")" -ge 4 ]
check "nothing reached the receiver while it was down" [ "$(hook_lines)" -eq 0 ]
start_hook 200 || finish
set_clock "$(TZ=Asia/Ho_Chi_Minh date -d "@$((base + 131 * 60))" \
    '+%Y-%m-%d %H:%M:%S')"
wait_for 60 "recovery after the outage" settled $N || finish
check "after the outage all $N delivered, each exactly once" \
    sh -c "[ \"\$(cut -f3 '$HOOKLOG' | sort -u | wc -l)\" -eq $N ] &&
        [ \"\$(wc -l < '$HOOKLOG')\" -eq $N ]"
check "integrity_check ok" [ "$(sql "PRAGMA integrity_check")" = ok ]
stop_daemon
finish
