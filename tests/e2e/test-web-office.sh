# test-web-office: the tracking office's pages against the real daemon on
# a fake clock.  An office account signs in (a cookie jar, the form's
# CSRF field, the Origin a browser sends), reads the dashboard's counts
# (the same as "nhacviec report" for the period) and the overdue list
# (oldest first, days late, the last message), approves an agency's
# request for more time (the deadline moves, the pending jobs are planned
# again, the agency is told through the provider) and declines another,
# sends a personal link and revokes it, and acts on a task (re-send,
# extend, done, cancel), each audited with its actor.  A viewer
# gets 403 on every POST and sees no action form; an agency sees a task
# it leads, one it cooperates on read only, and no other.  Headless
# Chromium takes the dashboard and the task page at phone and desktop
# sizes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webdriver.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$NHACVIEC_FAKE_CLOCK"
head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
start_hook 200 || finish
write_conf "0" "+1d:lead"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key\nack_ttl = 30d|" \
    "$CONF"
cat > "$T/agencies.csv" <<'CSV'
Mã;Tên cơ quan;Cấp trên;Nhóm;Người đứng đầu;Chức vụ;Điện thoại;Email
UBND;Ủy ban nhân dân tỉnh;;tinh;Chủ tịch UBND tỉnh;Chủ tịch;0912000001;
SNV;Sở Nội vụ;UBND;so-nganh;Giám đốc Sở Nội vụ;Giám đốc;0912000002;
STTTT;Sở Thông tin và Truyền thông;UBND;so-nganh;Giám đốc Sở TTTT;Giám đốc;0912000003;
VP;Văn phòng UBND tỉnh;UBND;van-phong;Chánh Văn phòng;Chánh Văn phòng;0912000004;
CSV
nv import agencies "$T/agencies.csv" >/dev/null || fail "import agencies"
nv plan add 285/KH-UBND --title "Kế hoạch CCHC 2026" >/dev/null
nv plan add 12/KH-UBND --title "Kế hoạch chuyển đổi số 2026" >/dev/null

# Monday 2 March 2026: six tasks, due around the week after.
set_clock "2026-03-02 08:00"
add() {	# add PLAN TITLE LEAD DUE [more]
	p=$1 t=$2 l=$3 d=$4
	shift 4
	nv task add --plan "$p" --title "$t" --lead "$l" --due "$d" "$@" \
	    >/dev/null || fail "task add $t"
}
add 285/KH-UBND "Báo cáo CCHC quý I <khẩn>" SNV "2026-03-03 17:00"
add 285/KH-UBND "Rà soát thủ tục hành chính" STTTT "2026-03-04 17:00" \
    --cooperate SNV
add 12/KH-UBND "Kế hoạch chuyển đổi số" SNV "2026-03-20 17:00"
add 285/KH-UBND "Tổng hợp ý kiến" SNV "2026-03-05 17:00"
add 285/KH-UBND "Báo cáo số liệu" STTTT "2026-03-03 09:00"
add 12/KH-UBND "Họp giao ban" VP "2026-03-13 17:00"
printf 'mat-khau-van-phong\n' > "$T/pw.office"
printf 'mat-khau-xem\n' > "$T/pw.viewer"
nv user add lan --role office --password-file "$T/pw.office" >/dev/null ||
    fail "user add office"
nv user add xem --role viewer --password-file "$T/pw.viewer" >/dev/null ||
    fail "user add viewer"
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
PORT=$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
PUB=http://127.0.0.1:$PORT

set_clock "2026-03-03 10:00"
nv done 4 --by "Sở Nội vụ" >/dev/null || fail "done 4"
set_clock "2026-03-03 17:00"
wait_for 10 "the reminder of task 1" hook_has_at_least 1
set_clock "2026-03-06 10:00"
nv done 5 --by "Sở TTTT" >/dev/null || fail "done 5"
set_clock "2026-03-10 08:00"

# --- the office signs in
JAR="$T/office.jar"
page() {	# page JAR PATH: the page into $T/page, prints the status
	curl -s -b "$1" -c "$1" -o "$T/page" -w '%{http_code}' "$PUB$2"
}
csrf() {	# the CSRF field of the page last fetched
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/page" |
	    head -1
}
post() {	# post JAR PATH [curl args]: prints the status
	j=$1 p=$2
	shift 2
	curl -s -b "$j" -c "$j" -o "$T/posted" -w '%{http_code}' \
	    -H "Origin: $PUB" -X POST "$PUB$p" "$@"
}
signin() {	# signin JAR NAME PASSWORD
	rm -f "$1"
	post "$1" /w/login --data-urlencode "name=$2" \
	    --data-urlencode "password=$3" >/dev/null
}
signin "$JAR" lan mat-khau-van-phong
check "the office signs in and sees the dashboard" \
    [ "$(page "$JAR" "/w/?from=2026-03-01&to=2026-03-31")" = 200 ]
cp "$T/page" "$T/dash.html"
stat_of() { sed -n "s/.*id=\"$1\"><b>\([0-9]*\)<.*/\1/p" "$T/dash.html"; }
check "due this week: the meeting on Friday (1)" [ "$(stat_of n-week)" = 1 ]
check "overdue: two tasks" [ "$(stat_of n-overdue)" = 2 ]
check "done on time: one; done late: one" \
    [ "$(stat_of n-ontime)" = 1 ] && [ "$(stat_of n-late)" = 1 ]
# The same period through "nhacviec report": each lead's line agrees.
nv report --from 2026-03-01 --to 2026-03-31 --format csv > "$T/report.csv"
row() {	# the dashboard's cells of agency $1: due,on_time,late,overdue
	sed 's/<tr>/\n<tr>/g' "$T/dash.html" |
	    grep "href=\"/w/agencies/$1\"" | grep -o '<td class="num[^"]*"[^>]*>[0-9]*' |
	    sed 's/.*>//' | head -4 | paste -sd,
}
for a in SNV STTTT VP; do
	want=$(tr -d '"' < "$T/report.csv" |
	    awk -F, -v a="$a" '$1 == a { print $3 "," $4 "," $5 "," $6 }')
	check "the dashboard agrees with nhacviec report for $a ($want)" \
	    [ -n "$want" ] && [ "$(row "$a")" = "$want" ]
done
over=$(sed 's/<tr>/\n<tr>/g' "$T/dash.html" | sed -n '/id="overdue"/,$p' |
    grep -o 'href="/w/tasks/[0-9]*"' | sed 's/[^0-9]//g' | paste -sd' ')
check "the overdue list, oldest first: tasks 1 then 2 ($over)" \
    [ "$over" = "1 2" ]
check "with the days late in working days (5 and 4)" \
    sh -c "sed 's/<tr>/\n<tr>/g' '$T/dash.html' | grep 'tasks/1\"' |
        grep -q 'data-l=\"Trễ (ngày làm việc)\"><span class=\"late\">5<' &&
        sed 's/<tr>/\n<tr>/g' '$T/dash.html' | grep 'tasks/2\"' |
        grep -q 'data-l=\"Trễ (ngày làm việc)\"><span class=\"late\">4<'"
check "task 1's last message: the reminder to its head, sent" \
    sh -c "sed 's/<tr>/\n<tr>/g' '$T/dash.html' | grep 'tasks/1\"' |
        grep -q 'nhắc việc → Giám đốc Sở Nội vụ (hook) <span class=\"badge ok\">đã gửi'"
check "titles are escaped" grep -q 'quý I &lt;khẩn&gt;' "$T/dash.html"
check "filtered by plan 12/KH-UBND, no overdue task is left" \
    [ "$(page "$JAR" "/w/?plan=2&from=2026-03-01&to=2026-03-31")" = 200 ] &&
    grep -q 'Không có nhiệm vụ nào quá hạn' "$T/page"
check "filtered by group van-phong, only VP is counted" \
    [ "$(page "$JAR" "/w/?group=van-phong&from=2026-03-01&to=2026-03-31")" = 200 ] &&
    grep -q 'href="/w/agencies/VP"' "$T/page" &&
    ! grep -q 'href="/w/agencies/SNV"' "$T/page"
check "a malformed filter is a 400" \
    [ "$(page "$JAR" "/w/?from=31-31-2026")" = 400 ]
check "the plans page counts plan 285/KH-UBND's tasks" \
    [ "$(page "$JAR" /w/plans)" = 200 ] && grep -q '>285/KH-UBND</a>' "$T/page"
check "the plan page lists its tasks" \
    [ "$(page "$JAR" /w/plans/1)" = 200 ] &&
    grep -q 'Rà soát thủ tục hành chính' "$T/page" &&
    ! grep -q 'Họp giao ban' "$T/page"
check "the agency page lists tasks led and cooperated on" \
    [ "$(page "$JAR" /w/agencies/SNV)" = 200 ] &&
    grep -q 'Rà soát thủ tục hành chính</a>' "$T/page" &&
    grep -q '(phối hợp)' "$T/page" && grep -q 'id="feed"' "$T/page"

# --- the dashboard in Chromium, signed in through the form
shot() {	# shot WIDTH HEIGHT FILE
	wd_size "$1" "$2"
	wd_shot "$3"
}
if wd_start; then
	wd_open "$PUB/w/login"
	wd_type '#name' lan
	wd_type '#password' mat-khau-van-phong
	wd_click '#login'
	wd_wait '.who' || fail "signing in in the browser"
	wd_open "$PUB/w/?from=2026-03-01&to=2026-03-31"
	check "Chromium shows the dashboard's overdue count" \
	    [ "$(wd_text '#n-overdue b')" = 2 ]
	shot 390 844 "$T/dashboard-phone.png"
	# The overdue list, stacked for the phone's width.
	wd GET "/element/$(wd_find '#overdue')/screenshot" | base64 -d \
	    > "$T/overdue-phone.png"
	shot 1280 900 "$T/dashboard-desktop.png"
else
	fail "chromium via chromedriver"
fi

# --- an agency's request for more time, approved
new1=$(TZ=Asia/Ho_Chi_Minh date -d "2026-03-17 17:00" +%s)
snv_head=$(sql "SELECT c.id FROM contact c JOIN agency a ON a.id = c.agency_id
    WHERE a.code = 'SNV'")
sql "INSERT INTO extension (occurrence_id, old_due, new_due, reason,
    contact_id, created_at) SELECT id, due_at, $new1, 'Chờ số liệu của Bộ',
    $snv_head, $(TZ=Asia/Ho_Chi_Minh date -d "2026-03-09 09:30" +%s)
    FROM occurrence WHERE task_id = 1"
check "the request is listed for the office" \
    [ "$(page "$JAR" /w/extensions)" = 200 ] &&
    grep -q 'Chờ số liệu của Bộ' "$T/page"
tok=$(csrf)
lines=$(hook_lines)
check "a POST without the CSRF field is refused (403)" \
    [ "$(post "$JAR" /w/extensions/1/approve --data 'note=x')" = 403 ]
check "and changed nothing" [ "$(sql "SELECT state FROM extension")" = pending ]
check "approving answers 303 back to the list" \
    [ "$(post "$JAR" /w/extensions/1/approve --data-urlencode "csrf=$tok" \
        --data-urlencode 'note=Đồng ý, nộp trước 17/3')" = 303 ]
check "the deadline moved" \
    [ "$(sql "SELECT due_at FROM occurrence WHERE task_id = 1")" = "$new1" ]
check "the request is approved, by lan" \
    [ "$(sql "SELECT x.state || '|' || u.name FROM extension x
        JOIN web_user u ON u.id = x.decided_by")" = "approved|lan" ]
check "the pending jobs were planned again from the new deadline" \
    [ "$(sql "SELECT count(*) || '|' || min(fire_at) FROM job j
        JOIN occurrence o ON o.id = j.occurrence_id
        WHERE o.task_id = 1 AND j.state = 'pending'")" = "2|$new1" ]
check "and none is left at the old deadline" \
    [ "$(sql "SELECT count(*) FROM job j JOIN occurrence o
        ON o.id = j.occurrence_id WHERE o.task_id = 1
        AND j.state = 'pending' AND j.fire_at < $new1")" -eq 0 ]
check "the approval is audited with its actor" \
    [ "$(sql "SELECT actor FROM event WHERE kind = 'extension-approved'")" = web:lan ]
wait_for 10 "the decision message" hook_has_at_least $((lines + 1))
check "the decision reached the agency's head through the provider" \
    sh -c "tail -n +$((lines + 1)) '$HOOKLOG' | grep 'đồng ý gia hạn' |
        grep -q -- '-$snv_head	alert	0	'"
check "approving twice is a 409" \
    [ "$(post "$JAR" /w/extensions/1/approve --data-urlencode "csrf=$tok")" = 409 ]

# --- another, declined: the deadline stays, the agency is told why
due2=$(sql "SELECT due_at FROM occurrence WHERE task_id = 2")
stttt_head=$(sql "SELECT c.id FROM contact c JOIN agency a ON a.id = c.agency_id
    WHERE a.code = 'STTTT'")
sql "INSERT INTO extension (occurrence_id, old_due, new_due, reason,
    contact_id, created_at) SELECT id, due_at, due_at + 30 * 86400,
    'Thiếu người', $stttt_head, $(TZ=Asia/Ho_Chi_Minh date -d "2026-03-09 10:00" +%s)
    FROM occurrence WHERE task_id = 2"
lines=$(hook_lines)
check "declining without a reason is a 400" \
    [ "$(post "$JAR" /w/extensions/2/decline --data-urlencode "csrf=$tok" \
        --data 'note=')" = 400 ]
check "declining with one answers 303" \
    [ "$(post "$JAR" /w/extensions/2/decline --data-urlencode "csrf=$tok" \
        --data-urlencode 'note=Đã quá hạn lâu')" = 303 ]
check "the request is declined with its note, the deadline kept" \
    [ "$(sql "SELECT state || '|' || decision_note FROM extension
        WHERE id = 2")" = "declined|Đã quá hạn lâu" ] &&
    [ "$(sql "SELECT due_at FROM occurrence WHERE task_id = 2")" = "$due2" ]
wait_for 10 "the refusal message" hook_has_at_least $((lines + 1))
check "the refusal reached STTTT's head, with the reason" \
    sh -c "tail -n +$((lines + 1)) '$HOOKLOG' |
        grep 'không đồng ý gia hạn' | grep 'Đã quá hạn lâu' |
        grep -q -- '-$stttt_head	alert	0	'"
check "nothing is left waiting" \
    [ "$(page "$JAR" /w/extensions)" = 200 ] &&
    grep -q 'Không có đề nghị nào chờ duyệt' "$T/page"

# --- a personal link, sent and revoked
lines=$(hook_lines)
check "sending a contact a personal link answers 303" \
    [ "$(post "$JAR" /w/agencies/SNV/link --data-urlencode "csrf=$tok" \
        --data "contact=$snv_head")" = 303 ]
wait_for 10 "the link message" hook_has_at_least $((lines + 1))
link=$(tail -n +$((lines + 1)) "$HOOKLOG" | grep -o "$PUB_URL/w/l/[A-Za-z0-9_-]*" |
    head -1)
check "the message carries the link" [ -n "$link" ]
AJAR="$T/agency.jar"
check "the link opens its page" \
    [ "$(page "$AJAR" "${link#"$PUB_URL"}")" = 200 ]
check "whose button opens the agency's session" \
    [ "$(post "$AJAR" "${link#"$PUB_URL"}" --data "csrf=")" = 303 ]
check "the agency sees the task it leads, with its own actions" \
    [ "$(page "$AJAR" /w/tasks/1)" = 200 ] &&
    grep -q 'href="/w/tasks/1/extension"' "$T/page" &&
    ! grep -q 'id="actions"' "$T/page"
check "the task it cooperates on, read only" \
    [ "$(page "$AJAR" /w/tasks/2)" = 200 ] && grep -q 'id="coop-note"' "$T/page" &&
    ! grep -q '/w/tasks/2/report' "$T/page"
check "another agency's task is 404" [ "$(page "$AJAR" /w/tasks/5)" = 404 ]
check "the office's pages are not the agency's (403)" \
    [ "$(page "$AJAR" /w/extensions)" = 403 ]
page "$JAR" /w/agencies/SNV >/dev/null
check "revoking the contact's links answers 303" \
    [ "$(post "$JAR" /w/agencies/SNV/revoke --data-urlencode "csrf=$tok" \
        --data "contact=$snv_head")" = 303 ]
check "and the agency's session is over" \
    [ "$(page "$AJAR" /w/tasks/1)" != 200 ]

# --- a viewer: read only
VJAR="$T/viewer.jar"
signin "$VJAR" xem mat-khau-xem
for p in / /w/plans/1 /w/agencies/SNV /w/tasks/2 /w/extensions; do
	p=${p#/w}
	check "the viewer reads /w$p with no action form" \
	    [ "$(page "$VJAR" "/w$p")" = 200 ] &&
	    [ "$(grep -o 'method="post"' "$T/page" | wc -l)" -eq 1 ]
done
vtok=$(csrf)
for p in /w/tasks/2/finish /w/tasks/2/extend /w/tasks/2/cancel \
    /w/tasks/2/resend /w/extensions/1/approve /w/extensions/1/decline \
    /w/agencies/SNV/link /w/agencies/SNV/revoke; do
	check "the viewer's POST $p is 403" \
	    [ "$(post "$VJAR" "$p" --data-urlencode "csrf=$vtok" \
	        --data 'note=x&reason=x&to=2026-04-01&contact=1')" = 403 ]
done
check "and nothing changed" \
    [ "$(sql "SELECT count(*) FROM event WHERE actor = 'web:xem'
        AND kind <> 'web-login'")" -eq 0 ]

# --- the office acts on tasks
lines=$(hook_lines)
check "re-sending task 2's reminder answers 303" \
    [ "$(post "$JAR" /w/tasks/2/resend --data-urlencode "csrf=$tok")" = 303 ]
wait_for 10 "the re-sent reminder" hook_has_at_least $((lines + 1))
check "it is audited as resent" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'resent'
        AND actor = 'web:lan'")" -eq 1 ]
check "extending task 2 from its page moves the deadline" \
    [ "$(post "$JAR" /w/tasks/2/extend --data-urlencode "csrf=$tok" \
        --data 'to=2026-03-25&reason=Ch%E1%BB%9D+h%E1%BB%8Dp')" = 303 ] &&
    [ "$(sql "SELECT date(due_at, 'unixepoch', '+7 hours') FROM occurrence
        WHERE task_id = 2")" = 2026-03-25 ] &&
    [ "$(sql "SELECT actor FROM event WHERE kind = 'extended'
        ORDER BY id DESC LIMIT 1")" = web:lan ]
check "an empty note is refused (400)" \
    [ "$(post "$JAR" /w/tasks/3/finish --data-urlencode "csrf=$tok" \
        --data 'note=')" = 400 ]
check "marking task 3 done with a note" \
    [ "$(post "$JAR" /w/tasks/3/finish --data-urlencode "csrf=$tok" \
        --data-urlencode 'note=Đã ban hành QĐ 15')" = 303 ] &&
    [ "$(sql "SELECT state || '|' || done_via || '|' || done_by || '|' ||
        note FROM occurrence WHERE task_id = 3")" = "done|web|lan|Đã ban hành QĐ 15" ] &&
    [ "$(sql "SELECT e.actor FROM event e JOIN occurrence o
        ON o.id = e.occurrence_id WHERE o.task_id = 3
        AND e.kind = 'done'")" = web:lan ]
check "cancelling task 6" \
    [ "$(post "$JAR" /w/tasks/6/cancel --data-urlencode "csrf=$tok" \
        --data-urlencode 'reason=Không họp nữa')" = 303 ] &&
    [ "$(sql "SELECT state FROM occurrence WHERE task_id = 6")" = cancelled ] &&
    [ "$(sql "SELECT e.actor FROM event e JOIN occurrence o
        ON o.id = e.occurrence_id WHERE o.task_id = 6
        AND e.kind = 'cancelled'")" = web:lan ]
check "the task page shows the history with its actors" \
    [ "$(page "$JAR" /w/tasks/1)" = 200 ] &&
    grep -q 'đồng ý gia hạn' "$T/page" && grep -q 'web:lan' "$T/page" &&
    grep -q 'id="messages"' "$T/page"
check "a task that is not there is 404" [ "$(page "$JAR" /w/tasks/99)" = 404 ]

# --- the task page in Chromium, after all that
if [ -n "$WD_SID" ]; then
	wd_open "$PUB/w/tasks/1"
	check "Chromium shows the task page" \
	    [ "$(wd_text '#title')" = "Báo cáo CCHC quý I <khẩn>" ]
	shot 390 844 "$T/task-phone.png"
	shot 1280 900 "$T/task-desktop.png"
	wd_stop
	check "five screenshots taken" \
	    [ "$(find "$T" -name '*.png' -size +4k | wc -l)" -eq 5 ]
	if [ -n "${SHOTS:-}" ]; then
		mkdir -p "$SHOTS" && cp "$T"/*.png "$SHOTS"/
	fi
fi
check "graceful stop exits 0" stop_daemon
finish
