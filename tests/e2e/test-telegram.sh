# test-telegram: the telegram provider against a fake Bot API: the token
# in the path and never in the logs, chat_id from the contact, flood
# control (429 with parameters.retry_after in the body) honoured, the
# message_id recorded, and a contact without a Telegram id skipped.
. "$(dirname "$0")/lib.sh"

HOOK_API=telegram
start_hook "429:2x1,200" || finish
write_conf "0" "none"
cat >> "$CONF" <<INI
channels = tg

[provider tg]
type = telegram
base_url = http://127.0.0.1:$HOOK_PORT
token = 123456:SECRET-token
retry_base = 1s
retry_max = 2s
INI
chmod 600 "$CONF"
setup_directory || { fail "directory setup"; finish; }
nv contact add --agency SNV --name "Chuyên viên có Telegram" --role focal \
    --telegram 555001 >/dev/null || fail "contact add"
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ qua Telegram" --lead SNV \
    --due +1s >/dev/null || fail "task add"
wait_for 20 "the message delivered" sh -c "[ \"\$(sqlite3 '$DB' \
    \"SELECT count(*) FROM message WHERE state = 'sent'\")\" -eq 1 ]"
check "the Bot API path carries the token" \
    grep -q "/bot123456:SECRET-token/sendMessage" "$HOOKLOG"
check "chat_id is the contact's Telegram id" \
    [ "$(awk -F'\t' '$10 == "555001"' "$HOOKLOG" | wc -l)" -ge 2 ]
gap=$(awk -F'\t' 'NR == 1 { t = $1 } NR == 2 { print $1 - t }' "$HOOKLOG")
check "flood control honoured: retried after ${gap} ms >= 2000" \
    [ "$gap" -ge 2000 ]
check "the message_id is recorded" \
    [ "$(sql "SELECT provider_msg_id FROM message WHERE provider = 'tg'
        AND state = 'sent'")" = 1 ]
check "the head, without a Telegram id, is skipped and logged" \
    grep -q "has no address for any channel of policy default" \
    "$T/daemon.err"
check "two requests: the 429 and the retry" [ "$(hook_lines)" -eq 2 ]
check "the token never reaches the log" \
    sh -c "! grep -q 'SECRET-token' '$T/daemon.err'"
check "graceful stop exits 0" stop_daemon
finish
