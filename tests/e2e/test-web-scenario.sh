# test-web-scenario: the tracking office and an agency on the web, end to
# end in headless Chromium, on the real daemon with a fake clock.
#
# Scenario 1: the office signs in and sees the overdue list; the agency
# opens the personal link its reminder carried ({{web_url}}), reports progress with a PDF
# and asks for more time; the office approves; the deadline moves, the
# pending reminders are planned again from the new deadline, and the
# agency's head receives the decision through the provider.
#
# Scenario 2: a forged cookie, a form without its CSRF token, another
# agency's task id in the URL, a revoked link opened again and an
# oversized upload each get their refusal, and none changes anything.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webdriver.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$NHACVIEC_FAKE_CLOCK"
head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
SHOTS=${SHOT_DIR:-$T}
start_hook 200 || finish
write_conf "-2d,-1h" "+1d:lead"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key\nweb_upload_max = 200K|" \
    "$CONF"
cat >> "$CONF" <<'INI'

[template default]
reminder = [Nhắc việc] {{agency}}: "{{task}}" hạn {{due}}. Báo cáo, xin gia hạn: {{web_url}}
INI
setup_directory || { fail "directory setup"; finish; }
nv agency add STC --name "Sở Tài chính" --parent UBND >/dev/null
nv contact add --agency STC --name "Giám đốc Sở Tài chính" \
    --phone 0912000003 >/dev/null
printf '%s\n' 'mật khẩu văn phòng 2026' > "$T/pw"
nv user add lan --role office --password-file "$T/pw" >/dev/null ||
    fail "user add"
set_clock "2026-03-02 08:00"
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

add() {	# add TITLE LEAD DUE: prints the task's id
	nv --json task add --plan 285/KH-UBND --title "$1" --lead "$2" \
	    --due "$3" | jq -r '.task'
}
LATE=$(add "Báo cáo kết quả CCHC quý I" SNV "2026-03-03 17:00")
OPEN=$(add "Rà soát thủ tục hành chính năm 2026" SNV "2026-03-13 17:00")
OTHER=$(add "Quyết toán ngân sách năm 2025" STC "2026-03-20 17:00")
set_clock "2026-03-03 16:05"	# LATE's reminder, an hour before
wait_for 10 "LATE's reminder" hook_has_at_least 1
set_clock "2026-03-05 09:00"	# LATE is two days overdue
snv=$(sql "SELECT c.id FROM contact c JOIN agency a ON a.id = c.agency_id
    WHERE a.code = 'SNV'")

# ---- Scenario 1
wd_start || { fail "chromium via chromedriver"; finish; }
wd_size 1280 900
wd_open "$PUB/w/login"
wd_type '#name' lan
wd_type '#password' 'mật khẩu văn phòng 2026'
wd_click '#login'
check "the office signs in" wd_wait '.who' && [ "$(wd_text '.who')" = lan ]
wd_text '#overdue' > "$T/overdue.txt"
check "and sees the overdue task in its list, with its lead" \
    sh -c "grep -q 'Báo cáo kết quả CCHC quý I' '$T/overdue.txt' &&
        grep -q 'Sở Nội vụ' '$T/overdue.txt' &&
        ! grep -q 'Rà soát thủ tục' '$T/overdue.txt'"
wd_shot "$SHOTS/scenario-dashboard-desktop.png"
wd_stop

# The agency, on a phone, from the personal link in its reminder.
link=$(grep -o "$PUB_URL/w/l/[A-Za-z0-9_-]*" "$HOOKLOG" | tail -1)
check "the reminder carries the head's personal link ($link)" [ -n "$link" ]
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' \
    > "$T/tien-do.pdf"
wd_start || { fail "chromium via chromedriver (agency)"; finish; }
wd_size 390 844
wd_open "$PUB${link#"$PUB_URL"}"
wd_click '#open'
check "the agency's link opens its own page" \
    wd_wait '.who' && [ "$(wd_text h1)" = "Nhiệm vụ của đơn vị" ]
wd_open "$PUB/w/tasks/$OPEN/report"
wd_type '#body' 'Đã rà soát 40 thủ tục, còn 25 thủ tục đang lấy ý kiến'
wd_type '#files' "$T/tien-do.pdf"
wd_click '#send'
# A form's answer may come after the click returns: wait for its effect.
reported() {
	[ "$(sql "SELECT r.kind || '|' || f.name || '|' || u.mime FROM report r
	    JOIN report_file f ON f.report_id = r.id
	    JOIN upload u ON u.sha256 = f.sha256")" = \
	    "progress|tien-do.pdf|application/pdf" ]
}
check "the progress report is stored with its PDF, type found by content" \
    wait_for 10 "the progress report" reported
check "and the file under the state directory by its SHA-256" \
    [ -f "$(dirname "$DB")/blobs/$(sql "SELECT substr(sha256, 1, 2) || '/' ||
        sha256 FROM upload")" ]
wd_open "$PUB/w/tasks/$OPEN/extension"
wd_type '#date' '27/03/2026'
wd_type '#reason' 'Chờ ý kiến của các huyện'
wd_shot "$SHOTS/scenario-extension-phone.png"
wd_click '#send'
requested() {
	[ "$(sql "SELECT state || '|' || date(old_due, 'unixepoch', '+7 hours')
	    || '|' || date(new_due, 'unixepoch', '+7 hours') FROM extension")" = \
	    "pending|2026-03-13|2026-03-27" ]
}
check "the extension request is pending, from 13/03 to 27/03" \
    wait_for 10 "the extension request" requested
wd_stop
pending_before=$(sql "SELECT count(*) FROM job j JOIN occurrence o
    ON o.id = j.occurrence_id WHERE o.task_id = $OPEN AND j.state = 'pending'")
msgs_before=$(hook_lines)

# The office approves, in the browser.
wd_start || { fail "chromium via chromedriver (approval)"; finish; }
wd_size 1280 900
wd_open "$PUB/w/login"
wd_type '#name' lan
wd_type '#password' 'mật khẩu văn phòng 2026'
wd_click '#login'
wd_wait '.who' || fail "the office's second sign-in"
wd_open "$PUB/w/extensions"
wd_click 'button.approve'
# The form's answer may come after the click returns: wait for it.
approved() { wd_text '#done' | grep -q 'Đã đồng ý'; }
check "the office's approval is confirmed on the page" \
    wait_for 10 "the approval's page" approved
wd_open "$PUB/w/tasks/$OPEN"
wd_shot "$SHOTS/scenario-task-desktop.png"
wd_stop
check "the request is approved by lan" \
    [ "$(sql "SELECT e.state || '|' || u.name FROM extension e
        JOIN web_user u ON u.id = e.decided_by")" = "approved|lan" ]
check "the deadline moved to 27/03/2026 17:00" \
    [ "$(sql "SELECT datetime(due_at, 'unixepoch', '+7 hours') FROM
        occurrence WHERE task_id = $OPEN")" = "2026-03-27 17:00:00" ]
check "the pending reminders are planned again from the new deadline" \
    [ "$(sql "SELECT count(*) FROM job j JOIN occurrence o
        ON o.id = j.occurrence_id WHERE o.task_id = $OPEN
        AND j.state = 'pending' AND j.kind = 'reminder'
        AND j.fire_at >= strftime('%s', '2026-03-25 00:00:00', '-7 hours')")" -ge 1 ] &&
    [ "$(sql "SELECT count(*) FROM job j JOIN occurrence o
        ON o.id = j.occurrence_id WHERE o.task_id = $OPEN
        AND j.state = 'pending'
        AND j.fire_at < strftime('%s', '2026-03-25 00:00:00', '-7 hours')")" -eq 0 ]
check "(there were pending jobs before: $pending_before)" \
    [ "$pending_before" -ge 1 ]
more_messages() { [ "$(hook_lines)" -gt "$msgs_before" ]; }
wait_for 10 "the decision message" more_messages
check "the agency's head received the decision through the provider" \
    sh -c "tail -n +$((msgs_before + 1)) '$HOOKLOG' |
        grep -q 'đồng ý gia hạn nhiệm vụ \"Rà soát thủ tục hành chính năm 2026\" đến 27/03/2026'" &&
    [ "$(sql "SELECT count(*) FROM message WHERE contact_id = $snv AND
        state = 'sent' AND body LIKE '%đồng ý gia hạn%27/03/2026%'")" -eq 1 ]
check "the approval is in the audit log with its actor" \
    [ "$(sql "SELECT actor FROM event WHERE kind = 'extension-approved'")" = \
        "web:lan" ]

# ---- Scenario 2: each refusal changes nothing.
state() {
	sql "SELECT (SELECT group_concat(due_at || state) FROM occurrence) ||
	    '/' || (SELECT count(*) FROM report) || '/' ||
	    (SELECT count(*) FROM upload) || '/' ||
	    (SELECT count(*) FROM extension) || '/' ||
	    (SELECT count(*) FROM job WHERE state = 'pending')"
}
before=$(state)
code() { curl -s -o "$T/page" -w '%{http_code}' -H "Origin: $PUB" "$@"; }
jar="$T/agency.jar"
curl -s -o /dev/null -c "$jar" -H "Origin: $PUB" --data '' \
    "$PUB${link#"$PUB_URL"}"
tok=$(curl -s -b "$jar" "$PUB/w/tasks/$OPEN/report" |
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
check "the agency's session and token are in hand" [ -n "$tok" ]
check "a forged cookie is nobody: the report form sends it to sign in" \
    [ "$(code -H 'Cookie: nv_session=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' \
        "$PUB/w/tasks/$OPEN/report")" = 303 ]
check "a forged cookie's POST is refused (401)" \
    [ "$(code -H 'Cookie: nv_session=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' \
        -F "csrf=$tok" -F body=x "$PUB/w/tasks/$OPEN/report")" = 401 ]
check "a form without its CSRF token is refused (403)" \
    [ "$(code -b "$jar" -F body=x "$PUB/w/tasks/$OPEN/report")" = 403 ]
check "another agency's task id in the URL is not found (404)" \
    [ "$(code -b "$jar" -F "csrf=$tok" -F body=x \
        "$PUB/w/tasks/$OTHER/report")" = 404 ] &&
    [ "$(code -b "$jar" "$PUB/w/tasks/$OTHER")" = 404 ]
head -c 300000 /dev/zero >> "$T/tien-do.pdf"
check "an upload over web_upload_max is refused (413)" \
    [ "$(code -b "$jar" -F "csrf=$tok" -F body=x \
        -F "files=@$T/tien-do.pdf;type=application/pdf" \
        "$PUB/w/tasks/$OPEN/report")" = 413 ]
nv user revoke "$snv" >/dev/null
check "after user revoke the session is refused" \
    [ "$(code -b "$jar" -F "csrf=$tok" -F body=x \
        "$PUB/w/tasks/$OPEN/report")" = 401 ]
check "and the revoked link opened again is refused (403)" \
    [ "$(code --data '' "$PUB${link#"$PUB_URL"}")" = 403 ]
check "none of these changed anything" [ "$(state)" = "$before" ]
check "graceful stop exits 0" stop_daemon
finish
