# test-zalo-oa: Zalo OA consultation messages (v3 message/cs) to a user_id,
# on the access token of the ZNS provider of the same OA (token_from).  A
# send succeeds; a user who has not written to the OA for 7 days (-230)
# falls back to ZNS by phone.
. "$(dirname "$0")/lib.sh"

HOOK_API=zalo
start_hook "200x1,200=230x1,200" || finish
write_conf "0" "none"
cat >> "$CONF" <<INI
channels = oa zalo console

[provider oa]
type = zalo_oa
base_url = http://127.0.0.1:$HOOK_PORT
token_from = zalo

[provider zalo]
type = zalo_zns
base_url = http://127.0.0.1:$HOOK_PORT
oauth_url = http://127.0.0.1:$HOOK_PORT
app_id = 1234567890
secret_key = app-secret-xyz
template_id = 250001
param = ten_nhiem_vu {{task}}
INI
chmod 600 "$CONF"
nv agency add SNV --name "Sở Nội vụ" >/dev/null &&
nv contact add --agency SNV --name "Giám đốc" --phone 0912000001 \
    --zalo 2512523625412515 >/dev/null &&
nv plan add 285/KH-UBND --title "Kế hoạch CCHC 2023" >/dev/null ||
    { fail "directory setup"; finish; }
nv provider auth oa --refresh-token X > "$T/auth.out" 2>&1
check "provider auth refuses the provider that borrows its token" \
    grep -q 'takes its token from provider zalo' "$T/auth.out"
nv provider auth zalo --refresh-token RT-0 >/dev/null || fail "provider auth"
start_daemon || finish

sent() { sql "SELECT count(*) FROM message WHERE state = 'sent'"; }

nv task add --plan 285/KH-UBND --title "Nhắn qua OA" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the OA message" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*)
    FROM message WHERE state = 'sent'\")\" -eq 1 ]"
check "it went out on the OA channel" \
    [ "$(sql "SELECT provider FROM message WHERE state = 'sent'")" = oa ]
check "to the user_id, with the rendered text" \
    grep -q $'Nhắn qua OA.*\t/v3.0/oa/message/cs\t2512523625412515$' "$HOOKLOG"
check "the OA message_id is kept as the provider id" \
    [ -n "$(sql "SELECT provider_msg_id FROM message WHERE provider = 'oa' AND
        provider_msg_id LIKE 'oamsg%'")" ]
check "one refresh served both providers" \
    [ "$(grep -c $'\toauth\t' "$HOOKLOG")" -eq 1 ]

nv task add --plan 285/KH-UBND --title "Chưa tương tác" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the fallback to ZNS" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
    count(*) FROM message WHERE state = 'sent'\")\" -eq 2 ]"
check "-230 fell back to ZNS by phone" \
    [ "$(sql "SELECT provider FROM message WHERE state = 'sent' ORDER BY id
        DESC LIMIT 1")" = zalo ]
check "the OA attempt ended failed with the reason" \
    [ -n "$(sql "SELECT id FROM message WHERE provider = 'oa' AND
        state = 'failed' AND last_error LIKE '%-230%'")" ]
check "graceful stop exits 0" stop_daemon
finish
