# test-digest-reply: acking from a digest by code.  Two tasks of the
# Department of Home Affairs escalate to the chairman at the same moment:
# one SMS digest.  He is no contact of the lead agency, yet "XONG <code>"
# for one of them is taken, because the digest told him of it: that task
# is done by him, via sms, and the other stays open.
. "$(dirname "$0")/lib.sh"

SECRET=sp-0123456789abcdefXYZ
HOOK_API=speedsms
start_hook 200 || finish
DIGEST=30m
write_conf "none" "+2s:parent"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0|" "$CONF"
sed -i 's/^channels = hook$/channels = speed/' "$CONF"
cat >> "$CONF" <<INI

[provider speed]
type = speedsms
base_url = http://127.0.0.1:$HOOK_PORT
token = tok123
callback_secret = $SECRET
INI
chmod 600 "$CONF"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

nv task add --plan 285/KH-UBND --title "Báo cáo quý IV" --lead SNV \
    --due +1s >/dev/null &&
nv task add --plan 285/KH-UBND --title "Báo cáo năm" --lead SNV \
    --due +1s >/dev/null || fail "task add"
wait_for 15 "the digest" hook_has_at_least 1
sleep 0.5
check "the chairman got one SMS for both tasks" [ "$(hook_lines)" -eq 1 ]
c1=$(sql "SELECT ack_code FROM occurrence WHERE task_id = 1")
c2=$(sql "SELECT ack_code FROM occurrence WHERE task_id = 2")
check "listing both codes" \
    sh -c "grep -q '$c1' '$HOOKLOG' && grep -q '$c2' '$HOOKLOG' &&
        grep -q 'Tong hop: 2 nhiem vu qua han cua 285/KH-UBND' '$HOOKLOG'"
check "his reply \"xong $c1\" is taken (200)" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
        -H 'Content-Type: application/json' \
        --data "{\"type\":\"incoming\",\"phone\":\"84912000002\",\"content\":\"xong $c1\"}" \
        "$PUB/cb/speed/$SECRET")" = 200 ]
wait_for 5 "task 1 done" sh -c "[ \"\$(sqlite3 '$DB' \
    'SELECT state FROM occurrence WHERE task_id = 1')\" = done ]"
check "done by the chairman, via sms" \
    [ "$(sql "SELECT done_by || ' ' || done_via FROM occurrence WHERE
        task_id = 1")" = "Chủ tịch UBND tỉnh sms" ]
check "the other task of the digest stays open" \
    [ "$(sql "SELECT state FROM occurrence WHERE task_id = 2")" = open ]
check "graceful stop exits 0" stop_daemon
finish
