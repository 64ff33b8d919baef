# test-lazyplan: an occurrence far ahead keeps its jobs unstored until
# they come within the policy's horizon.  "task add" counts them all the
# same, "task show" lists them, "preview" shows what they send, closing
# the occurrence cancels them, and the daemon (on the fake clock) stores
# them as the horizon reaches them and sends them on time.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$T/clock"
start_hook 200 || finish
write_conf "-3d -1d 0" "+1d:lead"
cat >> "$CONF" <<'INI'
remind_at = 08:00
horizon = 5d
INI
setup_directory || { fail "directory setup"; finish; }

due=$(TZ=Asia/Ho_Chi_Minh date -d "+20 days" +%Y-%m-%d)
nv task add --plan 285/KH-UBND --title "Nhiệm vụ xa" --lead SNV \
    --due "$due" > "$T/add.txt" || fail "task add"
check "task add counts the four jobs planned" \
    grep -q ', 4 job(s) planned' "$T/add.txt"
check "none is stored yet" [ "$(sql "SELECT count(*) FROM job")" -eq 0 ]
first=$(TZ=Asia/Ho_Chi_Minh date -d "$due 08:00 3 days ago" +%s)
check "they are stored 5 days (the horizon) before the first" \
    [ "$(sql "SELECT plan_at FROM occurrence")" -eq $((first - 5 * 86400)) ]
nv task show 1 > "$T/show.txt"
check "task show lists the four, pending" \
    [ "$(grep -c ' pending ' "$T/show.txt")" -eq 4 ]
check "the first at 08:00 three days before the deadline" \
    grep -q "$(TZ=Asia/Ho_Chi_Minh date -d "@$first" +%d/%m/%Y) 08:00 *reminder *#1" \
    "$T/show.txt"
nv --json task show 1 > "$T/show.json"
check "in JSON without ids" \
    [ "$(jq '[.jobs[] | select(.id == null and .state == "pending")] | length' \
        "$T/show.json")" -eq 4 ]
nv preview --days 10 > "$T/p10.txt"
check "a preview of 10 days shows nothing" grep -q '^0 message(s)' "$T/p10.txt"
nv preview --days 25 > "$T/p25.txt"
check "one of 25 days shows the four messages" \
    grep -q '^4 message(s)' "$T/p25.txt"
check "and stores nothing" [ "$(sql "SELECT count(*) FROM job")" -eq 0 ]

# A second task far ahead, closed before its jobs are stored.
nv task add --plan 285/KH-UBND --title "Nhiệm vụ xong sớm" --lead SNV \
    --due "$due" >/dev/null || fail "task add 2"
nv done 2 > "$T/done.txt" 2>&1
check "closing it cancels its four jobs, stored or not" \
    grep -q '4 pending job(s) cancelled' "$T/done.txt"
check "and they are never stored" \
    [ "$(sql "SELECT count(*) FROM occurrence WHERE plan_at IS NOT NULL")" -eq 1 ]

start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
sleep 0.3
check "the daemon stores nothing before the horizon reaches them" \
    [ "$(sql "SELECT count(*) FROM job")" -eq 0 ]
# advance_to EPOCH: moves the fake clock there and wakes the daemon.
advance_to() {
	echo $(( $1 - $(date +%s) )) > "$T/clock"
	wake
}
advance_to $((first - 5 * 86400))
wait_for 5 "the jobs stored" \
    sh -c "[ \"\$(sqlite3 -cmd '.timeout 5000' '$DB' 'SELECT count(*) FROM job
        WHERE state = '\\''pending'\\''')\" -eq 4 ]"
check "as the four task show listed" \
    [ "$(sql "SELECT group_concat(fire_at, ' ') FROM (SELECT fire_at FROM job
        ORDER BY fire_at)")" = "$(jq -r '[.jobs[].fire_at] | join(" ")' \
        "$T/show.json")" ]
check "the closed task's never are" \
    [ "$(sql "SELECT count(*) FROM occurrence WHERE plan_at IS NOT NULL")" -eq 0 ]
advance_to $((first - 60))
sleep 0.3
check "nothing is sent a minute before the first reminder" \
    [ "$(hook_lines)" -eq 0 ]
advance_to "$first"
wait_for 5 "the first reminder" hook_has_at_least 1
check "graceful stop exits 0" stop_daemon
finish
