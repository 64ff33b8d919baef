# test-schedule: reminders and escalations reach the receiver at their
# planned times (within 1.5 s), the last escalation goes to the parent
# agency, and "done" stops whatever was still to come.
. "$(dirname "$0")/lib.sh"

start_hook 200 || finish
write_conf "-3s -1s 0" "+1s:lead +2s:parent"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish

nv task add --plan 285/KH-UBND --title "Nhiệm vụ A" --lead SNV --due +5s \
    >/dev/null || fail "task add A"
nv task add --plan 285/KH-UBND --title "Nhiệm vụ B" --lead SNV --due +5s \
    >/dev/null || fail "task add B"
nv task add --plan 285/KH-UBND --title "Nhiệm vụ C" --lead SNV --due +5s \
    >/dev/null || fail "task add C"
# B is finished before anything is due; C after its first reminder.
nv done 2 --by "test" >/dev/null || fail "done B"
wait_for 10 "C's first reminder" grep -q "Nhiệm vụ C" "$HOOKLOG"
nv done 3 >/dev/null || fail "done C"

wait_for 15 "A's five notifications" \
    sh -c "[ \$(grep -c 'Nhiệm vụ A' '$HOOKLOG') -ge 5 ]"
# C shared A's times: by now every one of C's jobs would have fired.
check "A got 3 reminders and 2 escalations" \
    [ "$(grep -c 'Nhiệm vụ A' "$HOOKLOG")" -eq 5 ]
check "B, done before its first reminder, got nothing" \
    [ "$(grep -c 'Nhiệm vụ B' "$HOOKLOG")" -eq 0 ]
check "C got only the reminder before its done" \
    [ "$(grep -c 'Nhiệm vụ C' "$HOOKLOG")" -eq 1 ]
check "the second escalation went to the parent agency" \
    sh -c "awk -F'\t' '\$4==\"escalation\" && \$5==2' '$HOOKLOG' |
        grep -q 'Ủy ban nhân dân tỉnh: nhiệm vụ \"Nhiệm vụ A\"'"
check "C's remaining jobs are cancelled" \
    [ "$(sql "SELECT count(*) FROM job j JOIN occurrence o ON
        o.id = j.occurrence_id WHERE o.task_id = 3 AND
        j.state = 'cancelled'")" -eq 4 ]

# Every request arrived within 1.5 s after its job's fire_at.
sql "SELECT id, fire_at FROM job" > "$T/fire.txt"
late=$(awk -F'\t' 'NR == FNR { split($0, a, "|"); fire[a[1]] = a[2]; next }
    { n = split($3, k, "-"); j = k[n - 1]; d = $1 - fire[j] * 1000;
      if (d < 0 || d > 1500) print "job " j " off by " d " ms" }' \
    "$T/fire.txt" "$HOOKLOG")
check "every notification arrived on time (0..1500 ms)" [ -z "$late" ]
[ -n "$late" ] && echo "$late"
awk -F'\t' 'NR == FNR { split($0, a, "|"); fire[a[1]] = a[2]; next }
    { split($3, k, "-"); d = $1 - fire[k[2]] * 1000; s += d; n++;
      if (d > m) m = d }
    END { printf "  (lateness: mean %.0f ms, max %d ms over %d requests)\n",
      s / n, m, n }' "$T/fire.txt" "$HOOKLOG"
check "the webhook JSON carries the ISO 8601 deadline" \
    sh -c "cut -f7 '$HOOKLOG' | grep -qE '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+07:00$'"
check "graceful stop exits 0" stop_daemon
finish
