# test-frictions: the small things that make a first day hard.  --help on
# a subcommand; status exits 69 with no daemon; the daemon reads
# NHACVIEC_CONFIG, names a missing database directory, says who holds a
# port it cannot listen on, and -t lists every error of a file; the
# report says "quá hạn hôm nay" and adds a totals row; a done note shows
# in task show; "done TASK-ID" on a series closes only a period that is
# due, and says which.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$T/clock"
start_hook 200 || finish
write_conf "none" "none"
setup_directory || { fail "directory setup"; finish; }

nv task add --help > "$T/help.out" 2>&1
check "task add --help: the usage, exit 0" \
    sh -c "[ $? -eq 0 ] && grep -q '^usage: nhacviec task add --plan CODE' '$T/help.out'"
nv status > /dev/null 2>&1
check "status exits 69 when the daemon is down" [ $? -eq 69 ]

NHACVIEC_CONFIG="$CONF" "$BUILD/tests/nhacviecd-fakeclock" -t > "$T/env.out" 2>&1
check "nhacviecd reads NHACVIEC_CONFIG" grep -q "$CONF is valid" "$T/env.out"

sed "s|^database = .*|database = $T/missing/nv.db|" "$CONF" > "$T/nodir.ini"
"$BUILD/tests/nhacviecd-fakeclock" -c "$T/nodir.ini" > /dev/null 2> "$T/nodir.err"
check "a missing database directory is named, with what to do" \
    grep -q "the directory $T/missing does not exist; create it, owned by the user nhacviecd runs as" \
    "$T/nodir.err"

printf '[daemon]\nbatch = many\nfoo = 1\n[policy p]\nremind = -3x\n' > "$T/bad.ini"
"$BUILD/tests/nhacviecd-fakeclock" -t -c "$T/bad.ini" > /dev/null 2> "$T/bad.err"
check "-t lists every error, each with its line" \
    sh -c "grep -q 'bad.ini:2: batch' '$T/bad.err' &&
        grep -q 'bad.ini:3: foo: unknown key' '$T/bad.err' &&
        grep -q 'bad.ini:5: remind: bad offset' '$T/bad.err'"

sed "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:$HOOK_PORT|" "$CONF" \
    > "$T/port.ini"
"$BUILD/tests/nhacviecd-fakeclock" -c "$T/port.ini" > /dev/null 2> "$T/port.err"
check "a port in use: the listen error says which process holds it" \
    grep -q "public_listen: cannot listen on 127.0.0.1:$HOOK_PORT: the port is in use by pid $HOOK_PID (fakehook)" \
    "$T/port.err"

# The report: a task overdue since this morning, and the totals.
set_clock "2026-03-02 07:00"
nv task add --plan 285/KH-UBND --title "Hạn sáng nay" --lead SNV \
    --due "2026-03-02 08:00" >/dev/null || fail "task add"
nv task add --plan 285/KH-UBND --title "Đã xong" --lead SNV \
    --due "2026-03-05 17:00" >/dev/null || fail "task add"
nv done 2 --note "đã gửi báo cáo số 12/BC-SNV" >/dev/null || fail "done"
set_clock "2026-03-02 10:00"
nv report --from 2026-03-01 --to 2026-03-31 > "$T/report.txt"
check "the report says \"quá hạn hôm nay\", not \"quá 0 ngày\"" \
    sh -c "grep -q 'Hạn sáng nay (285/KH-UBND), hạn 02/03/2026 08:00, quá hạn hôm nay' '$T/report.txt' &&
        ! grep -q 'quá 0 ngày' '$T/report.txt'"
check "and a totals row" grep -q '^Tổng cộng' "$T/report.txt"
nv task show 2 > "$T/show.txt"
check "task show gives the done note" \
    grep -q 'note: đã gửi báo cáo số 12/BC-SNV' "$T/show.txt"
nv --json task show 2 > "$T/show.json"
check "so does the JSON the API shares" \
    grep -q '"note": "đã gửi báo cáo số 12/BC-SNV"' "$T/show.json"

# A daily duty: today's period closes by task id; tomorrow's does not.
nv task add --plan 285/KH-UBND --title "Báo cáo ngày" --lead SNV \
    --every "daily 16:00" >/dev/null || fail "task add daily"
nv done 3 > "$T/d1.out" 2>&1
check "done TASK-ID closes today's period and says which" \
    grep -q '^task 3, occurrence due 02/03/2026 16:00 (ack [A-Z0-9]*), marked done' \
    "$T/d1.out"
nv done 3 > "$T/d2.out" 2>&1
rc=$?
next=$(sql "SELECT ack_code FROM occurrence WHERE task_id = 3 AND state =
    'open' ORDER BY due_at LIMIT 1")
check "again: tomorrow's period is not closed ahead of time (65)" \
    sh -c "[ $rc -eq 65 ] && grep -q 'no period is due yet; the next, due 03/03/2026 16:00, has ack code $next' '$T/d2.out'"
check "and it stays open" \
    [ "$(sql "SELECT state FROM occurrence WHERE ack_code = '$next'")" = open ]
finish
