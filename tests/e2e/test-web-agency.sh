# test-web-agency: an agency's pages, on the real daemon with a fake
# clock.  A contact opens its personal link and sees its open tasks,
# overdue first, and those it cooperates on; it reports progress with a
# PDF, marks a task done with a document number, and asks for more
# time.  Another agency's task id gets 404 and changes nothing, as do a
# POST without the CSRF token (403), a web page renamed .pdf (415) and
# an upload over the limit (413).  Files come back only as attachments
# and only to who may see the task.  A revoked link is refused; an
# expired one offers a new link, sent through the outbox once a day.
# Headless Chromium takes the screenshots of the home and report pages.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webdriver.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
echo 0 > "$NHACVIEC_FAKE_CLOCK"
head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
start_hook 200 || finish
write_conf "-1h" "+1d:lead"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key\nweb_upload_max = 100K|" \
    "$CONF"
setup_directory || { fail "directory setup"; finish; }
nv agency add STC --name "Sở Tài chính" --parent UBND >/dev/null
nv contact add --agency STC --name "Giám đốc Sở Tài chính" \
    --phone 0912000003 >/dev/null
set_clock "2026-03-02 09:00"
start_daemon "$BUILD/tests/nhacviecd-fakeclock" || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

add() {	# add TITLE LEAD DUE [coop]: prints the task's id
	nv --json task add --plan 285/KH-UBND --title "$1" --lead "$2" \
	    --due "$3" ${4:+--cooperate "$4"} | jq -r '.task'
}
T1=$(add "Báo cáo <CCHC> & \"quý I\"" SNV "2026-03-10 17:00")
T2=$(add "Rà soát thủ tục hành chính" STC "2026-03-06 17:00" SNV)
T3=$(add "Kiểm tra công vụ" SNV "2026-03-03 09:30")
T4=$(add "Tổng hợp kết quả thực hiện Chỉ thị 05 về đẩy mạnh cải cách hành chính năm 2026" \
    SNV "2026-04-15 17:00")
set_clock "2026-03-04 09:00"	# T3 is a day late now
check "three tasks ($T1 $T2 $T3)" [ -n "$T1$T2$T3" ] && [ "$T3" -gt 0 ]
snv=$(sql "SELECT c.id FROM contact c JOIN agency a ON a.id = c.agency_id
    WHERE a.code = 'SNV'")
stc=$(sql "SELECT c.id FROM contact c JOIN agency a ON a.id = c.agency_id
    WHERE a.code = 'STC'")

# login CONTACT-ID: opens the contact's link; prints the cookie header.
login() {
	link=$(nv user link "$1" ${2:+--days "$2"})
	url="$PUB${link#"$PUB_URL"}"
	curl -s -o /dev/null -D "$T/login.h" --data '' -H "Origin: $PUB" "$url"
	sed -n 's/^Set-Cookie: \(nv_session=[0-9a-f]*\);.*/\1/Ip' \
	    "$T/login.h" | tr -d '\r'
}
code() { curl -s -o "$T/page" -D "$T/headers" -w '%{http_code}' "$@"; }
csrf() { grep -o 'name="csrf" value="[0-9a-f]*"' "$T/page" | head -1 |
    sed 's/.*value="\(.*\)"/\1/'; }

link1=$(nv user link "$snv")
check "a link for the contact" [ -n "$link1" ]
link_get() {
	[ "$(code "$PUB${link1#"$PUB_URL"}")" = 200 ] &&
	    ! grep -qi '^Set-Cookie' "$T/headers" &&
	    grep -q 'id="open"' "$T/page"
}
check "opening the link by GET shows a button and opens no session" link_get
C1=$(login "$snv")
check "the link's POST opens a session" [ -n "$C1" ]
check "the agency home answers" [ "$(code -H "Cookie: $C1" "$PUB/w/")" = 200 ]
order() {
	grep -o 'href="/w/tasks/[0-9]*"' "$T/page" | head -2 | tr '\n' ' ' |
	    grep -q "/w/tasks/$T3\".*/w/tasks/$T1\"" &&
	    grep -q 'Quá hạn 1 ngày' "$T/page"
}
check "it lists its tasks by deadline, the overdue one first and marked" \
    order
check "titles are escaped" grep -q 'Báo cáo &lt;CCHC&gt; &amp; &quot;quý I&quot;' \
    "$T/page"
coop() {
	grep -q 'id="coop"' "$T/page" && grep -q "/w/tasks/$T2\"" "$T/page" &&
	    ! grep -q "/w/tasks/$T2/report" "$T/page"
}
check "the task it cooperates on is listed, read only" coop
TOK=$(csrf)
check "the page carries its form token" [ -n "$TOK" ]

# A PDF made here, a web page named .pdf, and files over the limit.
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' \
    > "$T/tien-do.pdf"
printf '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n' \
    > "$T/evil.pdf"
head -c 90000 /dev/urandom > "$T/big.bin"
{ cat "$T/tien-do.pdf"; head -c 110000 /dev/zero; } > "$T/big.pdf"
head -c 300000 /dev/zero > "$T/huge.pdf"
counts() { sql "SELECT (SELECT count(*) FROM report) || '/' ||
    (SELECT count(*) FROM upload) || '/' || (SELECT count(*) FROM
    report_file) || '/' || (SELECT count(*) FROM extension)"; }
blobs() { find "$T/blobs" -type f 2>/dev/null | wc -l; }
before=$(counts)

post() {	# post COOKIE PATH [curl args]: a form from the page's origin
	c=$1 p=$2
	shift 2
	curl -s -o "$T/page" -D "$T/headers" -w '%{http_code}' \
	    -H "Origin: $PUB" -H "Cookie: $c" "$@" "$PUB$p"
}
check "a POST without the CSRF token gets 403" \
    [ "$(post "$C1" "/w/tasks/$T1/report" -F body=x \
        -F "files=@$T/tien-do.pdf;type=application/pdf")" = 403 ]
check "a POST from another site gets 403" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Origin: https://evil.example' \
        -H "Cookie: $C1" -F "csrf=$TOK" -F body=x "$PUB/w/tasks/$T1/report")" = 403 ]
evil() {
	[ "$(post "$C1" "/w/tasks/$T1/report" -F "csrf=$TOK" -F "body=Tiến độ" \
	    -F "files=@$T/evil.pdf;type=application/pdf")" = 415 ] &&
	    grep -q 'text/html' "$T/page"
}
check "a web page renamed .pdf is refused (415) and says why" evil
check "a file over web_upload_max is refused by the page (413)" \
    [ "$(post "$C1" "/w/tasks/$T1/report" -F "csrf=$TOK" -F body=x \
        -F "files=@$T/big.pdf;type=application/pdf")" = 413 ]
check "a body over the upload cap is refused by the listener (413)" \
    [ "$(post "$C1" "/w/tasks/$T1/report" -F "csrf=$TOK" -F body=x \
        -F "files=@$T/huge.pdf;type=application/pdf")" = 413 ]
check "a large urlencoded body keeps the small cap (413)" \
    [ "$(post "$C1" "/w/tasks/$T1/extension" --data-urlencode \
        "reason@$T/big.bin" --data "csrf=$TOK&date=01/04/2026")" = 413 ]
check "and none of these stored anything" [ "$(counts)" = "$before" ]
check "nor kept a file" [ "$(blobs)" -eq 0 ]

# An agency account with a password sees the same pages.
PW='mật khẩu của văn phòng Sở'
printf '%s\n' "$PW" > "$T/pw"
nv user add vpsnv --role agency --agency SNV --password-file "$T/pw" >/dev/null
curl -s -o /dev/null -D "$T/acct.h" -H "Origin: $PUB" \
    --data-urlencode name=vpsnv --data-urlencode "password=$PW" "$PUB/w/login"
CA=$(sed -n 's/^Set-Cookie: \(nv_session=[0-9a-f]*\);.*/\1/Ip' "$T/acct.h" |
    tr -d '\r')
acct() {
	[ -n "$CA" ] && [ "$(code -H "Cookie: $CA" "$PUB/w/")" = 200 ] &&
	    grep -q "/w/tasks/$T3/report" "$T/page" &&
	    ! grep -q "/w/tasks/$T2/report" "$T/page"
}
check "an agency account signs in to the same list" acct

# Another agency's task, in the URL: 404 whatever the method.
check "the cooperating agency's report form on the lead's task: 404" \
    [ "$(code -H "Cookie: $C1" "$PUB/w/tasks/$T2/report")" = 404 ]
check "its POST of a report on another agency's task: 404" \
    [ "$(post "$C1" "/w/tasks/$T2/report" -F "csrf=$TOK" -F body=x)" = 404 ]
check "its POST of done on another agency's task: 404" \
    [ "$(post "$C1" "/w/tasks/$T2/done" --data "csrf=$TOK&body=x&doc=1")" = 404 ]
check "a task that does not exist: 404" \
    [ "$(code -H "Cookie: $C1" "$PUB/w/tasks/999999/extension")" = 404 ]
check "nothing changed" [ "$(counts)" = "$before" ]
check "every deadline still open" \
    [ "$(sql "SELECT count(*) FROM occurrence WHERE state = 'open'")" -eq 4 ]

# Progress with a PDF.
check "the report form answers" \
    [ "$(code -H "Cookie: $C1" "$PUB/w/tasks/$T1/report")" = 200 ]
check "progress with a PDF is taken (303 home)" \
    [ "$(post "$C1" "/w/tasks/$T1/report" -F "csrf=$TOK" \
        -F "body=Đã xong 60%, đang tổng hợp" \
        -F "files=@$T/tien-do.pdf;type=application/pdf;filename=Tiến độ.pdf")" = 303 ]
check "a progress report row with its file, type found by content" \
    [ "$(sql "SELECT r.kind || '|' || f.name || '|' || u.mime || '|' ||
        u.size FROM report r JOIN report_file f ON f.report_id = r.id
        JOIN upload u ON u.sha256 = f.sha256")" = \
        "progress|Tiến độ.pdf|application/pdf|$(wc -c < "$T/tien-do.pdf")" ]
sha=$(sql "SELECT sha256 FROM upload")
check "kept under the state folder by its digest" \
    cmp -s "$T/tien-do.pdf" "$T/blobs/$(echo "$sha" | cut -c1-2)/$sha"
check "and audited with the contact as actor" \
    [ "$(sql "SELECT actor FROM event WHERE kind = 'progress'")" = "contact:$snv" ]
fileback() {
	[ "$(code -H "Cookie: $C1" "$PUB/w/files/$sha?name=x")" = 200 ] &&
	    cmp -s "$T/page" "$T/tien-do.pdf" &&
	    grep -qi '^Content-Type: application/pdf' "$T/headers" &&
	    grep -qiF "Content-Disposition: attachment; filename=\"Ti_n __.pdf\"; filename*=UTF-8''Ti%E1%BA%BFn%20%C4%91%E1%BB%99.pdf" "$T/headers" &&
	    grep -qi '^X-Content-Type-Options: nosniff' "$T/headers" &&
	    grep -qi '^Content-Security-Policy: .*sandbox' "$T/headers"
}
check "the file comes back as an attachment, with nosniff and a sandbox" \
    fileback
C3=$(login "$stc")
check "another agency's contact gets 404 for the file" \
    [ "$(code -H "Cookie: $C3" "$PUB/w/files/$sha")" = 404 ]
check "nobody signed in is sent to sign in" \
    [ "$(code "$PUB/w/files/$sha")" = 303 ]
check "a name that is not a digest: 404" \
    [ "$(code -H "Cookie: $C1" "$PUB/w/files/..%2F..%2Fnhacviec.db")" = 404 ]
TOK3=$(code -H "Cookie: $C3" "$PUB/w/" >/dev/null; csrf)
check "the other agency's POST on this agency's task: 404" \
    [ "$(post "$C3" "/w/tasks/$T1/report" -F "csrf=$TOK3" -F body=x)" = 404 ]
# T2 is STC's and SNV cooperates: the file of a report on it is seen by both.

# More time for the overdue task.
check "a new date before the deadline is refused (400)" \
    [ "$(post "$C1" "/w/tasks/$T3/extension" \
        --data "csrf=$TOK&date=02/03/2026&reason=Chờ số liệu")" = 400 ]
check "a date that is not one is refused (400)" \
    [ "$(post "$C1" "/w/tasks/$T3/extension" \
        --data "csrf=$TOK&date=31/02/2026&reason=x")" = 400 ]
check "a request for more time is taken (303)" \
    [ "$(post "$C1" "/w/tasks/$T3/extension" --data "csrf=$TOK" \
        --data-urlencode "reason=Chờ số liệu của các huyện" \
        --data "date=20/03/2026")" = 303 ]
check "a pending extension, from the deadline to the new day at its hour" \
    [ "$(sql "SELECT state || '|' || old_due || '|' || new_due FROM extension")" = \
        "pending|$(TZ=Asia/Ho_Chi_Minh date -d '2026-03-03 09:30' +%s)|$(TZ=Asia/Ho_Chi_Minh date -d '2026-03-20 09:30' +%s)" ]
check "audited" [ "$(sql "SELECT actor FROM event WHERE kind = 'extension-requested'")" = \
    "contact:$snv" ]
check "a second request while one waits: 409" \
    [ "$(post "$C1" "/w/tasks/$T3/extension" \
        --data "csrf=$TOK&date=25/03/2026&reason=x")" = 409 ]
check "one request in all" [ "$(sql "SELECT count(*) FROM extension")" -eq 1 ]
check "the deadline itself has not moved" \
    [ "$(sql "SELECT due_at FROM occurrence WHERE task_id = $T3")" = \
        "$(TZ=Asia/Ho_Chi_Minh date -d '2026-03-03 09:30' +%s)" ]
code -H "Cookie: $C1" "$PUB/w/" >/dev/null
waiting() {
	grep -q 'Đã xin gia hạn đến 20/03/2026' "$T/page" &&
	    ! grep -q "/w/tasks/$T3/extension" "$T/page"
}
check "the home shows the request waiting and no second request link" \
    waiting

# Screenshots, in Chromium, signed in through the link's button.
wd_start || { fail "chromium via chromedriver"; finish; }
link=$(nv user link "$snv")
wd_open "$PUB${link#"$PUB_URL"}"
wd_click '#open'
shot() {	# shot NAME W H
	wd POST /window/rect "{\"width\": $2, \"height\": $3}" >/dev/null
	wd GET /screenshot | base64 -d > "$T/$1-$2.png"
}
check "in the browser the link opens the agency's home" \
    wd_wait '.who' && [ "$(wd_text h1)" = "Nhiệm vụ của đơn vị" ]
shot agency-home 390 844
shot agency-home 1280 900
wd_open "$PUB/w/tasks/$T1/report"
check "the report form in the browser" [ "$(wd_text '#send')" = "Gửi báo cáo" ]
check "it lists the report sent, with its file" \
    [ "$(wd_text "#reports a")" = "Tiến độ.pdf" ]
shot agency-report 390 844
shot agency-report 1280 900
wd_stop
check "four screenshots" [ "$(find "$T" -name 'agency-*.png' -size +5k | wc -l)" -eq 4 ]
# SHOTS=DIR keeps them (docs/screenshots/ has the ones shown in README).
if [ -n "${SHOTS:-}" ]; then
	mkdir -p "$SHOTS" && cp "$T"/agency-*.png "$SHOTS/"
fi

# Done, with a document number.
pending() { sql "SELECT count(*) FROM job j JOIN occurrence o ON
    o.id = j.occurrence_id WHERE o.task_id = $1 AND j.state = 'pending'"; }
check "the task has pending jobs" [ "$(pending "$T1")" -gt 0 ]
check "done without a document number: 400" \
    [ "$(post "$C1" "/w/tasks/$T1/done" --data "csrf=$TOK&body=Xong")" = 400 ]
check "and the deadline stays open" \
    [ "$(sql "SELECT state FROM occurrence WHERE task_id = $T1")" = open ]
check "done with a result and a document number (303)" \
    [ "$(post "$C1" "/w/tasks/$T1/done" -F "csrf=$TOK" \
        -F "body=Đã hoàn thành, gửi kèm báo cáo" -F "doc=123/BC-SNV")" = 303 ]
check "the deadline is closed via web" \
    [ "$(sql "SELECT state || '|' || done_via FROM occurrence WHERE
        task_id = $T1")" = "done|web" ]
check "its jobs cancelled" [ "$(pending "$T1")" -eq 0 ]
check "a done report with its number" \
    [ "$(sql "SELECT kind || '|' || doc_number FROM report WHERE kind = 'done'")" = \
        "done|123/BC-SNV" ]
check "audited once, as the contact" \
    [ "$(sql "SELECT group_concat(actor) FROM event WHERE kind = 'done'")" = \
        "contact:$snv" ]
check "done again: 409" \
    [ "$(post "$C1" "/w/tasks/$T1/done" -F "csrf=$TOK" -F body=x -F doc=1)" = 409 ]

# Revoked: the link and its sessions stop at once.
old=$(nv user link "$snv" --days 1)
nv user revoke "$snv" >/dev/null
check "a revoked session is sent to sign in" \
    [ "$(code -H "Cookie: $C1" "$PUB/w/")" = 303 ]
check "a revoked session's POST is refused (401)" \
    [ "$(post "$C1" "/w/tasks/$T3/report" -F "csrf=$TOK" -F body=x)" = 401 ]
check "and changes nothing" [ "$(sql "SELECT count(*) FROM report")" -eq 2 ]
revoked() {
	[ "$(code --data '' -H "Origin: $PUB" "$PUB${link1#"$PUB_URL"}")" = \
	    403 ] && grep -q 'thu hồi' "$T/page"
}
check "the revoked link is refused (403)" revoked

# Expired: a new link on request, once a day.
short=$(nv user link "$snv" --days 1)
set_clock "2026-03-06 09:00"
surl="$PUB${short#"$PUB_URL"}"
oldurl="$PUB${old#"$PUB_URL"}"
nobutton() { [ "$(code "$oldurl")" = 410 ] && ! grep -q relink "$T/page"; }
check "an expired link that was revoked gets 410 and no button" nobutton
check "and asking a new link for it gets 403" \
    [ "$(code --data '' -H "Origin: $PUB" "$oldurl/new")" = 403 ]
expired() {
	[ "$(code "$surl")" = 410 ] && grep -q 'id="relink"' "$T/page"
}
check "an expired link gets 410 and a button for a new one" expired
sent=$(hook_lines)
check "the button queues a new link (200)" \
    [ "$(code --data '' -H "Origin: $PUB" "$surl/new")" = 200 ]
wait_for 10 "the new link to be sent" hook_has_at_least $((sent + 1))
new=$(grep -o "$PUB_URL/w/l/[A-Za-z0-9_-]*" "$HOOKLOG" | tail -1)
check "it went to the contact, with a link that is not the old one" \
    [ "${new:-$short}" != "$short" ]
opens() {
	code --data '' -H "Origin: $PUB" "$PUB${new#"$PUB_URL"}" >/dev/null &&
	    grep -qi '^Set-Cookie: nv_session=[0-9a-f]' "$T/headers"
}
check "the new link opens a session" opens
check "asking again the same day: 429" \
    [ "$(code --data '' -H "Origin: $PUB" "$surl/new")" = 429 ]
check "nothing more sent" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'web-link' AND
        detail = 'link sent on request'")" -eq 1 ]
check "graceful stop exits 0" stop_daemon
finish
