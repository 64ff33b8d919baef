# test-retry: a receiver answering 500, then 429 with Retry-After, gets
# the same message again (same Idempotency-Key) until it accepts it; the
# Retry-After is honoured to the millisecond and the message ends "sent".
. "$(dirname "$0")/lib.sh"

start_hook "500x2,429:2x1,200" || finish
write_conf "0" "none"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ thử lại" --lead SNV \
    --due +1s >/dev/null || fail "task add"

wait_for 30 "four attempts" hook_has_at_least 4
wait_for 5 "the message to be sent" \
    sh -c "[ \"\$(sqlite3 '$DB' \"SELECT state FROM message\")\" = sent ]"
check "four requests, statuses 500 500 429 200" \
    [ "$(cut -f2 "$HOOKLOG" | tr '\n' ' ')" = "500 500 429 200 " ]
check "one idempotency key for all attempts" \
    [ "$(cut -f3 "$HOOKLOG" | sort -u | wc -l)" -eq 1 ]
gap=$(awk -F'\t' 'NR == 3 { t = $1 } NR == 4 { print $1 - t }' "$HOOKLOG")
# Kept to the millisecond: 2.0 s after the answer, never less, and not
# rounded up to the next whole second either.
check "Retry-After: 2 honoured to the ms (gap ${gap} ms in 2000..2250)" \
    [ "$gap" -ge 2000 ] && [ "$gap" -le 2250 ]
gap1=$(awk -F'\t' 'NR == 1 { t = $1 } NR == 2 { print $1 - t }' "$HOOKLOG")
check "backoff stays within retry_max (first gap ${gap1} ms <= 3000)" \
    [ "$gap1" -le 3000 ]
check "attempts counted" [ "$(sql "SELECT attempts FROM message")" -eq 4 ]
check "the retries are logged" grep -q "retry 2 in" "$T/daemon.err"
check "graceful stop exits 0" stop_daemon
finish
