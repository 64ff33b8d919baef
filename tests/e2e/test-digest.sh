# test-digest: six overdue tasks of one plan escalated to the chairman on
# the same morning reach him as one SMS digest: the counts, the three most
# urgent tasks with their ack codes, and a signed link to the full list.
# A task done before the jobs fire never enters it; one done after they
# fired early for the digest, but before it leaves, drops out of it.  The
# list page shows every remaining task with its own ack link, and
# confirming one closes that task alone.  The preview shows the same
# digest in full-list form on a channel that takes long text.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
HOOK_API=esms
start_hook 200 || finish
DIGEST=30m
write_conf "none" "+1d:parent"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key|" \
    "$CONF"
esms_conf "max_segments = 3"
set_clock "2026-05-11 09:00"	# Monday
setup_directory || { fail "directory setup"; finish; }
for i in 1 2 3 4 5 6; do
	nv task add --plan 285/KH-UBND --title "Nhiệm vụ số $i về cải cách hành chính" \
	    --lead SNV --due "2026-05-11 1$i:00" >/dev/null || fail "task add $i"
done
ack() { sql "SELECT ack_code FROM occurrence WHERE task_id = $1"; }
nv done 2 >/dev/null || fail "done 2"
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

# 07:40 next day: the 08:00 escalations fire early, gathered in a digest.
set_clock "2026-05-12 07:40"
wait_for 10 "the digest to be gathered" sh -c "[ \"\$(sqlite3 '$DB' \
    'SELECT count(*) FROM message WHERE is_digest')\" -eq 1 ]"
check "nothing leaves before its time" [ "$(hook_lines)" -eq 0 ]
nv done 3 >/dev/null || fail "done 3"
set_clock "2026-05-12 08:00"
wait_for 10 "the digest to go" hook_has_at_least 1
sleep 0.3
check "the chairman got one message, not five" \
    [ "$(cut -f10 "$HOOKLOG" | grep -c 0912000002)" -eq 1 ]
text=$(grep 0912000002 "$HOOKLOG" | cut -f8)
echo "  SMS: $text"
check "it counts the four open tasks of the plan" \
    sh -c "echo '$text' | grep -q 'Tong hop: 4 nhiem vu qua han cua 285/KH-UBND'"
check "it names the three most urgent with their ack codes" \
    sh -c "echo '$text' | grep -q '$(ack 1) Nhiem vu so 1' &&
        echo '$text' | grep -q '$(ack 4) Nhiem vu so 4' &&
        echo '$text' | grep -q '$(ack 5) Nhiem vu so 5' &&
        echo '$text' | grep -q 'Va 1 nhiem vu khac'"
check "a task done before the jobs fired is not in it" \
    sh -c "! echo '$text' | grep -q '$(ack 2)'"
check "a task done after they fired, before it left, dropped out" \
    sh -c "! echo '$text' | grep -q 'Nhiem vu so 3'"
check "the messages it carries are recorded sent, per task" \
    [ "$(sql "SELECT count(*) FROM message WHERE digest_id IS NOT NULL
        AND state = 'sent'")" -eq 4 ]
link=$(echo "$text" | grep -o "$PUB_URL/l/[A-Za-z0-9_-]*" | head -1)
check "it links to the full list" [ -n "$link" ]
curl -s "$PUB${link#"$PUB_URL"}" > "$T/list.html"
check "the list shows all four tasks" \
    [ "$(grep -o '<li>' "$T/list.html" | wc -l)" -eq 4 ]
check "each with its ack code" \
    sh -c "grep -q '$(ack 6)' '$T/list.html' && ! grep -q '$(ack 3)' '$T/list.html'"
check "a tampered list link is refused" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$PUB${link#"$PUB_URL"}x")" = 403 ]
a4=$(grep -o "$PUB_URL/a/[A-Za-z0-9_-]*" "$T/list.html" | sed -n 2p)
curl -s -X POST "$PUB${a4#"$PUB_URL"}" >/dev/null
check "confirming one task from the list closes that task alone" \
    [ "$(sql "SELECT group_concat(task_id || ':' || state, ' ') FROM
        (SELECT task_id, state FROM occurrence ORDER BY task_id)")" = \
        "1:open 2:done 3:done 4:done 5:open 6:open" ]
check "graceful stop exits 0" stop_daemon

# The same morning in preview, on a channel that takes a full list.
sed -i 's/^channels = sms$/channels = hook/' "$CONF"
set_clock "2026-05-18 09:00"
for i in 7 8 9; do
	nv task add --plan 285/KH-UBND --title "Nhiệm vụ số $i" --lead SNV \
	    --due "2026-05-18 1$i:00" >/dev/null || fail "task add $i"
done
nv preview --days 2 > "$T/preview.txt" || fail "preview"
check "the preview shows one digest to the chairman" \
    [ "$(grep -c '^19/05/2026 08:00  digest' "$T/preview.txt")" -eq 1 ]
check "in full: every task, its lead, deadline and ack code" \
    sh -c "grep -A8 '^19/05/2026 08:00  digest' '$T/preview.txt' |
        grep -q '^3\. Nhiệm vụ số 9 (Sở Nội vụ chủ trì) - hạn 18/05/2026 19:00, quá 1 ngày. Mã: $(sql "SELECT ack_code FROM occurrence WHERE task_id = 9")'"
check "with each task's own ack link" \
    [ "$(grep -A12 '^19/05/2026 08:00  digest' "$T/preview.txt" |
        grep -c "Xác nhận: $PUB_URL/a/")" -eq 3 ]
finish
