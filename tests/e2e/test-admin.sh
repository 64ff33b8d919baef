# test-admin: the admin API over TCP with a bearer token.  /healthz needs
# none; everything else answers 401 without the right token.  With it:
# directory and plan creation with the same checks as the CLI, lists,
# a task with its occurrences, done by ack code, message cancel, reload,
# and clear 400s and 404s.  /metrics is parsed and checked against the
# database.
. "$(dirname "$0")/lib.sh"

TOKEN=adm-0123456789abcdefXYZ
printf '%s\n' "$TOKEN" > "$T/admin.token"
chmod 600 "$T/admin.token"
start_hook 200 || finish
write_conf "-1d 0" "none"
sed -i "s|^shutdown_grace.*|&\nadmin_listen = 127.0.0.1:0\nadmin_token_file = $T/admin.token|" \
    "$CONF"
start_daemon || finish
API=http://127.0.0.1:$(sed -n \
    's/.*admin_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
check "the admin listener took a port ($API)" [ -n "${API##*:}" ]

code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
api() {	# api METHOD PATH [JSON]: with the token; body in $T/body
	code -X "$1" -H "Authorization: Bearer $TOKEN" \
	    ${3:+-H 'Content-Type: application/json' --data "$3"} "$API$2"
}
jq_body() { jq -r "$1" < "$T/body"; }

check "/healthz needs no token" [ "$(code "$API/healthz")" = 200 ]
check "no token: 401" [ "$(code "$API/v1/status")" = 401 ]
check "a wrong token: 401" \
    [ "$(code -H 'Authorization: Bearer adm-0123456789abcdefXYY' \
        "$API/v1/status")" = 401 ]
check "/metrics needs the token too" [ "$(code "$API/metrics")" = 401 ]
check "the right token: 200" [ "$(api GET /v1/status)" = 200 ]
check "the scheme in lower case is taken (RFC 9110): 200" \
    [ "$(code -H "Authorization: bearer $TOKEN" "$API/v1/status")" = 200 ]
check "a refused login is logged with the client's address" \
    grep -q 'admin API: request from 127.0.0.1 without a valid token refused' \
        "$T/daemon.err"
check "the token never reaches the log" \
    sh -c "! grep -q '$TOKEN' '$T/daemon.err'"

check "POST /v1/agencies creates (201)" \
    [ "$(api POST /v1/agencies '{"code":"UBND","name":"Ủy ban nhân dân tỉnh"}')" = 201 ]
check "a child agency with groups" \
    [ "$(api POST /v1/agencies '{"code":"SNV","name":"Sở Nội vụ","parent":"UBND","groups":["so-nganh"]}')" = 201 ]
check "GET /v1/agencies/SNV" \
    sh -c "[ \"\$(curl -s -H 'Authorization: Bearer $TOKEN' '$API/v1/agencies/SNV' |
        jq -r '.parent + \" \" + .groups')\" = 'UBND so-nganh' ]"
check "a duplicate code is a 400 with the reason" \
    [ "$(api POST /v1/agencies '{"code":"SNV","name":"x"}')" = 400 ]
check "bad JSON is a 400 naming where" \
    sh -c "[ \"\$(curl -s -o '$T/b2' -w '%{http_code}' -X POST \
        -H 'Authorization: Bearer $TOKEN' --data '{\"code\":' \
        '$API/v1/agencies')\" = 400 ] && grep -q 'bad JSON at line 1' '$T/b2'"
check "a wrong type is a 400 naming the field" \
    [ "$(api POST /v1/agencies '{"code":7,"name":"x"}')" = 400 ] &&
    [ "$(jq_body .error)" = "code: must be a string" ]
check "a contact's phone is checked as at the CLI" \
    [ "$(api POST /v1/contacts '{"agency":"SNV","name":"A","phone":"0312345678"}')" = 400 ] &&
    [ "$(jq_body .error)" = 'phone: "0312345678": no carrier holds that mobile prefix' ]
check "and stored in E.164" \
    [ "$(api POST /v1/contacts '{"agency":"SNV","name":"Giám đốc","phone":"0912 000 001"}')" = 201 ] &&
    [ "$(sql "SELECT phone FROM contact")" = "+84912000001" ]
cid=$(sql "SELECT id FROM contact")
check "PATCH a contact: a new phone, checked and normalized; email cleared" \
    [ "$(api PATCH /v1/contacts/$cid '{"phone":"+84 98 765 4321","email":null,"role":"focal"}')" = 200 ] &&
    [ "$(sql "SELECT phone || '|' || coalesce(email, '-') || '|' || role
        FROM contact")" = "+84987654321|-|focal" ]
check "PATCH with a bad phone is a 400 and changes nothing" \
    [ "$(api PATCH /v1/contacts/$cid '{"phone":"12345"}')" = 400 ] &&
    [ "$(sql "SELECT phone FROM contact")" = "+84987654321" ]
check "PATCH an unknown contact is a 404" \
    [ "$(api PATCH /v1/contacts/999 '{"name":"x"}')" = 404 ]
check "PATCH contact active=false" \
    [ "$(api PATCH /v1/contacts/$cid '{"active":false}')" = 200 ] &&
    [ "$(sql "SELECT active FROM contact")" = 0 ] &&
    [ "$(api PATCH /v1/contacts/$cid '{"active":true}')" = 200 ]
check "PATCH an agency: renamed" \
    [ "$(api PATCH /v1/agencies/SNV '{"name":"Sở Nội vụ tỉnh Yên Bái"}')" = 200 ] &&
    [ "$(sql "SELECT name FROM agency WHERE code = 'SNV'")" = "Sở Nội vụ tỉnh Yên Bái" ]
check "an agency cannot be put below itself" \
    [ "$(api PATCH /v1/agencies/UBND '{"parent":"SNV"}')" = 400 ] &&
    jq_body .error | grep -q 'below it'
check "PATCH of an unknown field type is a 400" \
    [ "$(api PATCH /v1/agencies/SNV '{"name":5}')" = 400 ]
check "an oversized body is a 400 that says so" \
    [ "$(head -c 70000 /dev/zero | tr '\0' 'x' | curl -s -o "$T/body" \
        -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
        --data-binary @- "$API/v1/plans")" = 400 ] &&
    jq_body .error | grep -q 'at most 65536'
check "and a huge one is cut off by the server (413)" \
    [ "$(head -c 1100000 /dev/zero | tr '\0' 'x' | curl -s -o /dev/null \
        -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
        --data-binary @- "$API/v1/plans")" = 413 ]
check "POST /v1/plans" \
    [ "$(api POST /v1/plans '{"code":"285/KH-UBND","title":"Kế hoạch CCHC","date":"14/02/2023"}')" = 201 ] &&
    [ "$(sql "SELECT issued_on FROM plan")" = 2023-02-14 ]

check "POST /v1/tasks adds a task with its jobs, as the CLI does" \
    [ "$(api POST /v1/tasks '{"plan":"285/KH-UBND","title":"Báo cáo quý","lead":"SNV","due":"+2d"}')" = 201 ] &&
    [ "$(jq_body .jobs)" -ge 1 ]
tid=$(jq_body .task)
check "a task with a bad deadline is a 400 naming the field" \
    [ "$(api POST /v1/tasks '{"plan":"285/KH-UBND","title":"x","lead":"SNV","due":"31/02/2026"}')" = 400 ] &&
    jq_body .error | grep -q '^due: '
check "a task needs one kind of schedule" \
    [ "$(api POST /v1/tasks '{"plan":"285/KH-UBND","title":"x","lead":"SNV"}')" = 400 ]
check "PATCH a plan by its code (with a slash, percent-encoded)" \
    [ "$(api PATCH /v1/plans/285%2FKH-UBND '{"issuer":"UBND tỉnh Yên Bái"}')" = 200 ] &&
    [ "$(sql "SELECT issuer FROM plan")" = "UBND tỉnh Yên Bái" ]
check "PATCH a task's title and quota" \
    [ "$(api PATCH /v1/tasks/$tid '{"title":"Báo cáo quý I","quota":"100%"}')" = 200 ] &&
    [ "$(sql "SELECT title || '|' || quota FROM task WHERE id = $tid")" = "Báo cáo quý I|100%" ]
check "GET /v1/tasks lists it" \
    [ "$(api GET /v1/tasks)" = 200 ] && [ "$(jq_body '.[0].title')" = "Báo cáo quý I" ]
check "GET /v1/tasks/ID has its occurrences" \
    [ "$(api GET /v1/tasks/$tid)" = 200 ] &&
    [ "$(jq_body '.occurrences | length')" = 1 ]
check "an unknown task is a 404" [ "$(api GET /v1/tasks/999)" = 404 ]
check "an unknown route is a 404" [ "$(api GET /v1/nothing)" = 404 ]
check "a wrong method is a 405" [ "$(api GET /v1/done)" = 405 ]
ack=$(sql "SELECT ack_code FROM occurrence")
check "done needs a task or an ack code" \
    [ "$(api POST /v1/done '{"by":"x"}')" = 400 ]
check "POST /v1/done by ack code" \
    [ "$(api POST /v1/done "{\"ack_code\":\"$ack\",\"by\":\"Văn thư\"}")" = 200 ] &&
    [ "$(jq_body .changed)" = true ] &&
    [ "$(sql "SELECT done_via || ':' || done_by FROM occurrence")" = "api:Văn thư" ]
check "done again changes nothing" \
    [ "$(api POST /v1/done "{\"ack_code\":\"$ack\"}")" = 200 ] &&
    [ "$(jq_body .changed)" = false ]
check "its pending jobs were cancelled" \
    [ "$(sql "SELECT count(*) FROM job WHERE state = 'pending'")" -eq 0 ]

check "POST a task to extend" \
    [ "$(api POST /v1/tasks '{"plan":"285/KH-UBND","title":"Gia hạn","lead":"SNV","due":"2027-03-10"}')" = 201 ]
xack=$(jq_body .ack_code)
check "GET /v1/occurrences/ACK" \
    [ "$(api GET /v1/occurrences/$xack)" = 200 ] &&
    [ "$(jq_body .state)" = open ]
check "PATCH /v1/occurrences/ACK moves the deadline and says why in the log" \
    [ "$(api PATCH /v1/occurrences/$xack '{"due":"2027-04-20","reason":"Chờ hướng dẫn","by":"VP UBND"}')" = 200 ] &&
    [ "$(sql "SELECT strftime('%Y-%m-%d', due_at, 'unixepoch', '+7 hours')
        FROM occurrence WHERE ack_code = '$xack'")" = 2027-04-20 ] &&
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'extended' AND
        detail LIKE '%by VP UBND: Chờ hướng dẫn%'")" -eq 1 ]
check "extending needs a reason, and a deadline it can read" \
    [ "$(api PATCH /v1/occurrences/$xack '{"due":"2027-04-21"}')" = 400 ] &&
    [ "$(api PATCH /v1/occurrences/$xack '{"due":"sometime","reason":"x"}')" = 400 ] &&
    jq_body .error | grep -q '^due: '
check "an unknown occurrence is a 404" \
    [ "$(api PATCH /v1/occurrences/ZZZZZ '{"due":"2027-04-21","reason":"x"}')" = 404 ]

# A reminder that goes out at once, for /metrics below.
nv task add --plan 285/KH-UBND --title "Nhắc ngay" --lead SNV \
    --due "+1s" >/dev/null
check "POST /v1/reload takes a good config" [ "$(api POST /v1/reload)" = 200 ]
cp "$CONF" "$T/good.ini"
echo "bogus_key = 1" >> "$CONF"
check "and refuses a bad one with 400, keeping the old" \
    [ "$(api POST /v1/reload)" = 400 ] && healthy
cp "$T/good.ini" "$CONF"

# /metrics against the database.
wait_for 10 "the reminder to go out" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
    count(*) FROM message WHERE state = 'sent'\")\" -ge 1 ]"
check "GET /metrics" [ "$(api GET /metrics)" = 200 ]
sent=$(sql "SELECT count(*) FROM message WHERE provider = 'hook' AND state = 'sent'")
check "nhacviec_messages matches the outbox ($sent sent)" \
    grep -q "^nhacviec_messages{provider=\"hook\",state=\"sent\"} $sent\$" "$T/body"
check "open and overdue occurrences match" \
    sh -c "grep -q '^nhacviec_occurrences_open $(sql "SELECT count(*) FROM
        occurrence WHERE state = 'open'")\$' '$T/body' &&
        grep -q '^nhacviec_occurrences_overdue 0\$' '$T/body'"
check "the latency histogram counts every answer" \
    sh -c "awk '/^nhacviec_send_latency_seconds_count\\{provider=\"hook\"\\}/ { c = \$2 }
        /^nhacviec_send_latency_seconds_bucket\\{provider=\"hook\",le=\"\\+Inf\"\\}/ { i = \$2 }
        END { exit !(c >= 1 && c >= $sent && c == i) }' '$T/body'"
check "every sample line parses as name{labels} value" \
    sh -c "grep -v '^#' '$T/body' | grep -vcE '^[a-z_]+(\\{[^}]*\\})? -?[0-9.e+-]+\$' |
        grep -qx 0"
check "HELP and TYPE for each family" \
    [ "$(grep -c '^# TYPE' "$T/body")" = "$(grep -c '^# HELP' "$T/body")" ]
mid=$(sql "SELECT id FROM message WHERE state = 'sent' LIMIT 1")
check "GET /v1/messages?state=sent lists it" \
    [ "$(api GET '/v1/messages?state=sent&limit=5')" = 200 ] &&
    [ "$(jq_body "map(select(.id == $mid)) | length")" = 1 ]
check "a sent message cannot be retried: 404 saying why" \
    [ "$(api POST /v1/messages/$mid/retry)" = 404 ] &&
    jq_body .error | grep -q 'retried (failed, dead'
check "it can be cancelled only while it waits: 404 now" \
    [ "$(api POST /v1/messages/$mid/cancel)" = 404 ]
check "a limit out of range is a 400" \
    [ "$(api GET '/v1/messages?limit=0')" = 400 ]
check "a state no message has is a 400 naming it, not an empty list" \
    [ "$(api GET '/v1/messages?state=sen')" = 400 ] &&
    [ "$(jq_body .error)" = 'state: no message state "sen"' ]
check "graceful stop exits 0" stop_daemon
finish
