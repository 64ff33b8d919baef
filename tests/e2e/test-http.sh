# test-http: the generic gateway provider, configured for a local SMS
# gateway with no code: the URL and JSON body templates are rendered and
# escaped, a 503 is retried, the success rule and the id field are read.
. "$(dirname "$0")/lib.sh"

start_hook "503x1,200" || finish
write_conf "0" "none"
sed -i 's/^channels = hook$/channels = gw/' "$CONF"
cat >> "$CONF" <<INI

[provider gw]
type = http
url = http://127.0.0.1:$HOOK_PORT/api/sms?to={{to}}&ref={{key}}
body = {"text": "{{text}}", "kind": "gateway", "id": {{id}}}
success_status = 200
retry_status = 5xx
id_field = id
ascii = yes
retry_base = 1s
retry_max = 1s
INI
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish

nv task add --plan 285/KH-UBND --title 'Báo cáo "quý" & năm' --lead SNV \
    --due +1s >/dev/null
wait_for 15 "the gateway to accept it" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
    count(*) FROM message WHERE state = 'sent'\")\" -eq 1 ]"
check "the 503 was retried, then accepted" \
    [ "$(cut -f2 "$HOOKLOG" | tr '\n' ' ')" = "503 200 " ]
INSTALL=$(sql "SELECT value FROM meta WHERE key = 'install_id'")
check "the URL template was rendered and URL-encoded (the key holds the install id)" \
    grep -qF "$(printf '\t/api/sms?to=%%2B84912000001&ref=nv-%s-1-1\t' \
        "$INSTALL")" "$HOOKLOG"
check "the JSON body kept its shape, text folded to không dấu" \
    grep -qF $'\tgateway\t0\t1\t\t[Nhac viec] So Noi vu: nhiem vu "Bao cao "quy" & nam"' \
    "$HOOKLOG"
check "the gateway's id field is kept" \
    [ -n "$(sql "SELECT provider_msg_id FROM message WHERE state = 'sent'
        AND provider_msg_id LIKE 'fake-%'")" ]
check "graceful stop exits 0" stop_daemon

# A body template that does not give JSON is refused at config load.
sed -i 's/^body = .*/body = {"text": {{text}}}/' "$CONF"
"$NVD" -t -c "$CONF" > "$T/t.out" 2>&1
check "nhacviecd -t names the line and the key" \
    grep -q "nhacviec.ini:[0-9]*: body: the JSON body template does not give JSON" \
    "$T/t.out"
finish
