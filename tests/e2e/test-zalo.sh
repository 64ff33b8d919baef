# test-zalo: Zalo ZNS against a fake of Zalo's APIs.  The seeded refresh
# token is traded for an access token and the new pair is saved; a send
# succeeds; a number without Zalo (-118) falls back to the next channel;
# an invalid access token (-124) leads to a refresh and then success; and
# a refresh token that was already used raises an alert, after which the
# messages go to the next channel.  The tokens live in DATABASE.tokens
# (mode 600), and an old database's move there.
. "$(dirname "$0")/lib.sh"

HOOK_API=zalo
start_hook "200x1,200=118x1,200=124x1,200" || finish
write_conf "0" "none"
cat >> "$CONF" <<INI
channels = zalo console

[provider zalo]
type = zalo_zns
base_url = http://127.0.0.1:$HOOK_PORT
oauth_url = http://127.0.0.1:$HOOK_PORT
app_id = 1234567890
secret_key = app-secret-xyz
template_id = 250001
param = ten_nhiem_vu {{task}}
param = han {{due}}
param = ma {{ack_code}}
retry_base = 1s
retry_max = 2s
INI
chmod 600 "$CONF"
setup_directory || { fail "directory setup"; finish; }
# A database from before the tokens were kept apart: its token moves out
# at the next open, and its bytes are gone from the main file and log.
sql "INSERT INTO provider_state VALUES ('old', 'refresh_token',
    'RT-OLD-0123456789', 0)"
nv provider auth zalo --refresh-token RT-0 >/dev/null || fail "provider auth"
check "the tokens are in DATABASE.tokens, mode 600" \
    [ "$(stat -c %a "$DB.tokens")" = 600 ]
check "an old token moved there and out of the database" \
    [ "$(sqlite3 "$DB.tokens" "SELECT value FROM provider_state
        WHERE provider = 'old'")" = RT-OLD-0123456789 ] &&
    [ "$(sql "SELECT count(*) FROM provider_state")" -eq 0 ]
check "and no byte of it is left in the database's files" \
    sh -c "! cat '$DB' '$DB-wal' 2>/dev/null | grep -qa RT-OLD-0123456789"
start_daemon || finish

state() {
	sqlite3 -cmd ".timeout 5000" "$DB.tokens" "SELECT value FROM
	    provider_state WHERE provider = 'zalo' AND key = '$1'"
}
sent_by() {	# sent_by TASK-TITLE: the provider that delivered it
	sql "SELECT m.provider FROM message m JOIN job j ON j.id = m.job_id
	    JOIN occurrence o ON o.id = j.occurrence_id JOIN task t ON
	    t.id = o.task_id WHERE t.title = '$1' AND m.state = 'sent'"
}

nv task add --plan 285/KH-UBND --title "ZNS thành công" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the first ZNS" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*)
    FROM message WHERE state = 'sent'\")\" -eq 1 ]"
check "the refresh token was traded (RT-0 -> RT-1) and saved" \
    [ "$(state refresh_token)" = RT-1 ] && [ "$(state access_token)" = AT-1 ]
check "the ZNS went through Zalo" [ "$(sent_by 'ZNS thành công')" = zalo ]
check "the template data is rendered" grep -q $'\tZNS thành công\t' "$HOOKLOG"
check "the phone in 84 form" grep -q $'\t84912000001$' "$HOOKLOG"

nv task add --plan 285/KH-UBND --title "Không có Zalo" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the fallback" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*)
    FROM message WHERE state = 'sent'\")\" -eq 2 ]"
check "-118 fell back to the next channel" \
    [ "$(sent_by 'Không có Zalo')" = console ]
id=$(sql "SELECT max(id) FROM message WHERE provider = 'console'")
nv queue show "$id" > "$T/chain.txt"
check "queue show gives the path: Zalo failed with -118, then console" \
    sh -c "grep -q 'via zalo to +84912000001: failed.*Zalo -118' '$T/chain.txt' &&
        grep -q 'via console to +84912000001: sent' '$T/chain.txt'"
check "the linked message has its own idempotency key" \
    [ "$(sql "SELECT idem_key FROM message WHERE id = $id")" = \
      "$(sql "SELECT idem_key FROM message WHERE id = (SELECT prev_id
          FROM message WHERE id = $id)")/1" ]

nv task add --plan 285/KH-UBND --title "Token hết hạn" --lead SNV \
    --due +1s >/dev/null
wait_for 15 "the send after a refresh" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
    count(*) FROM message WHERE state = 'sent'\")\" -eq 3 ]"
check "-124 led to a refresh (RT-1 -> RT-2)" [ "$(state refresh_token)" = RT-2 ]
check "and then to success on Zalo" [ "$(sent_by 'Token hết hạn')" = zalo ]
check "graceful stop exits 0" stop_daemon

# A refresh token that Zalo has already consumed.
nv provider auth zalo --refresh-token RT-0 >/dev/null
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Token đã dùng" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the alert" grep -q "ALERT provider zalo" "$T/daemon.err"
check "the alert names the re-authorization step" \
    grep -q 'nhacviec provider auth zalo --refresh-token' "$T/daemon.err"
wait_for 10 "the message on the next channel" sh -c "[ \"\$(sqlite3 \
    '$DB' \"SELECT count(*) FROM message WHERE state = 'sent'\")\" -eq 4 ]"
check "the message went by the next channel" \
    [ "$(sent_by 'Token đã dùng')" = console ]
check "the alert is raised once, not in a loop" \
    [ "$(grep -c 'ALERT provider zalo' "$T/daemon.err")" -eq 1 ]
check "the alert is in the event log" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'alert'")" -ge 1 ]
check "no secret in the log" \
    sh -c "! grep -qE 'app-secret-xyz|AT-[0-9]|RT-[0-9]' '$T/daemon.err'"
check "graceful stop exits 0" stop_daemon
finish
