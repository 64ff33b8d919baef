# test-tls: an HTTPS provider (a webhook) behind a private CA, the case of
# a provincial gateway proxy.  With ca_file the request goes through,
# verified; without it, with a certificate for another host, or with a
# host name that does not resolve, the dispatcher raises one alert per
# failure, moves the messages to the next channel in the same tick and
# pauses the provider until the reload that fixes it, or until tls_retry
# has passed.  ca_path, a hashed directory, trusts the CA as ca_file does.  The receiver is
# Python's own HTTPS server (ssl, http.server), started and stopped here.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
# The CA, a certificate for localhost it signs, and one for another host.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/ca.key" \
    -out "$T/ca.crt" -days 2 -subj "/CN=nhacviec test CA" 2>/dev/null &&
for h in localhost other.example; do
	openssl req -newkey rsa:2048 -nodes -keyout "$T/$h.key" \
	    -out "$T/$h.csr" -subj "/CN=$h" 2>/dev/null &&
	printf 'subjectAltName=DNS:%s\n' "$h" > "$T/$h.cnf" &&
	openssl x509 -req -in "$T/$h.csr" -CA "$T/ca.crt" -CAkey "$T/ca.key" \
	    -CAcreateserial -out "$T/$h.crt" -days 2 -extfile "$T/$h.cnf" \
	    2>/dev/null || break
done
[ -s "$T/other.example.crt" ] || { fail "openssl could not make the CA"; finish; }

TLS_PID=""
stop_tls() {
	[ -n "$TLS_PID" ] && kill "$TLS_PID" 2>/dev/null &&
	    wait "$TLS_PID" 2>/dev/null
	TLS_PID=""
}
trap 'stop_tls; cleanup' EXIT

# start_tls HOST: the HTTPS receiver with HOST's certificate, on the port
# it had before (0 the first time), logging each POST's key.
TLS_PORT=0
start_tls() {
	rm -f "$T/tls.port"
	$PY - "$T/$1.crt" "$T/$1.key" "$TLS_PORT" "$T/tls.port" \
	    "$T/tls.log" <<'PY' 2>>"$T/tls.err" &
import http.server, ssl, sys
crt, key, port, port_file, log = sys.argv[1:6]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(log, "a") as f:
            f.write(self.headers.get("Idempotency-Key", "") + "\n")
        body = b'{"id":"tls-1"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer.allow_reuse_address = True
srv = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(crt, key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(port_file + ".tmp", "w").write(str(srv.server_address[1]))
import os; os.rename(port_file + ".tmp", port_file)
srv.serve_forever()
PY
	TLS_PID=$!
	wait_for 10 "the HTTPS receiver" test -s "$T/tls.port" || return 1
	TLS_PORT=$(cat "$T/tls.port")
}
start_tls localhost || finish
start_hook 200 || finish
write_conf "0" "none"
sed -i 's/^channels = hook$/channels = secure hook/' "$CONF"
cat >> "$CONF" <<INI

[provider secure]
type = webhook
url = https://localhost:$TLS_PORT/hook
ca_file = $T/ca.crt
tls_retry = 1h
INI
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish

sent() {	# sent PROVIDER N: N messages of PROVIDER are sent
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM message WHERE provider = '$1'
	    AND state = 'sent'")" -eq "$2" ]
}
alerts() {	# alerts LIKE N
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE kind = 'alert'
	    AND detail LIKE '$1'")" -eq "$2" ]
}

nv task add --plan 285/KH-UBND --title "Qua HTTPS" --lead SNV --due +1s \
    >/dev/null
wait_for 10 "the HTTPS delivery" sent secure 1
check "with ca_file the private CA's certificate is trusted" \
    [ "$(wc -l < "$T/tls.log")" -eq 1 ]
check "nothing went to the next channel" sent hook 0

# Without the CA: curl's verification fails; one alert, the next channel.
sed -i '/^ca_file = /d' "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the reload" grep -q "configuration reloaded" "$T/daemon.err"
nv task add --plan 285/KH-UBND --title "Không có CA" --lead SNV --due +1s \
    >/dev/null
wait_for 10 "the next channel" sent hook 1
check "an untrusted certificate alerts once, with curl's reason" \
    alerts 'TLS: SSL certificate problem: %paused for 3600s%' 1
check "the HTTPS receiver got nothing" [ "$(wc -l < "$T/tls.log")" -eq 1 ]
check "it is an error, not a retry" \
    sh -c "grep -q 'nhacviecd\[error\] ALERT message [0-9]* via secure: TLS: SSL certificate problem' '$T/daemon.err' &&
        ! grep -q 'via secure: .*; retry' '$T/daemon.err'"

# A certificate of the right CA for another host name.
stop_tls
start_tls other.example || finish
printf 'ca_file = %s\n' "$T/ca.crt" >> "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the pause lifted by the reload" \
    sh -c "[ \"\$(grep -c 'provider secure: reloaded; trying it again' '$T/daemon.err')\" -eq 1 ]"
nv task add --plan 285/KH-UBND --title "Sai tên máy" --lead SNV --due +1s \
    >/dev/null
wait_for 10 "the next channel" sent hook 2
check "a certificate for another host alerts, naming the mismatch" \
    alerts 'TLS: %no alternative certificate subject name matches target host name%' 1
check "the receiver still got nothing" [ "$(wc -l < "$T/tls.log")" -eq 1 ]

# A host name that does not resolve is a configuration failure too.
stop_tls
start_tls localhost || finish
sed -i "s|^url = https://localhost:.*|url = https://nhacviec-test.invalid:$TLS_PORT/hook|" \
    "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the second reload" \
    sh -c "[ \"\$(grep -c 'provider secure: reloaded; trying it again' '$T/daemon.err')\" -eq 2 ]"
nv task add --plan 285/KH-UBND --title "Tên không phân giải" --lead SNV \
    --due +1s >/dev/null
wait_for 20 "the next channel" sent hook 3
check "an unresolvable host alerts as DNS" alerts 'DNS: %' 1

# Fixed: after the reload the provider sends again.
sed -i "s|^url = https://nhacviec-test.invalid:|url = https://localhost:|" "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the third reload" \
    sh -c "[ \"\$(grep -c 'provider secure: reloaded; trying it again' '$T/daemon.err')\" -eq 3 ]"
nv task add --plan 285/KH-UBND --title "Đã sửa" --lead SNV --due +1s \
    >/dev/null
wait_for 10 "the HTTPS delivery again" sent secure 2
check "three alerts in all, one per failure" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'alert'")" -eq 3 ]

# ca_path: a directory of CA certificates named by their hash.
mkdir -p "$T/cas"
cp "$T/ca.crt" "$T/cas/"
openssl rehash "$T/cas" 2>/dev/null || { fail "openssl rehash"; finish; }
sed -i "s|^ca_file = .*|ca_path = $T/cas|" "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the fourth reload" \
    sh -c "[ \"\$(grep -c 'configuration reloaded' '$T/daemon.err')\" -eq 5 ]"
nv task add --plan 285/KH-UBND --title "Qua ca_path" --lead SNV --due +1s \
    >/dev/null
wait_for 10 "the HTTPS delivery through ca_path" sent secure 3
check "ca_path trusts the CA as ca_file did" \
    [ "$(wc -l < "$T/tls.log")" -eq 3 ]

# Without a reload the pause ends after tls_retry: the receiver is fixed
# (its certificate for the right host again) while the provider waits.
sed -i "s|^tls_retry = .*|tls_retry = 2s|" "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the fifth reload" \
    sh -c "[ \"\$(grep -c 'configuration reloaded' '$T/daemon.err')\" -eq 6 ]"
stop_tls
start_tls other.example || finish
nv task add --plan 285/KH-UBND --title "Tạm dừng 2 giây" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the wrong-host alert" \
    alerts 'TLS: %no alternative certificate subject name%paused for 2s%' 1
paused_at=$(now_ms)
stop_tls
start_tls localhost || finish
nv task add --plan 285/KH-UBND --title "Sau tls_retry" --lead SNV \
    --due +3s >/dev/null
wait_for 15 "the HTTPS delivery after tls_retry" sent secure 4
check "tls_retry ended the pause without a reload ($(( $(now_ms) - paused_at )) ms)" \
    grep -q "provider secure: tls_retry has passed; trying it again" \
    "$T/daemon.err"
check "graceful stop exits 0" stop_daemon
stop_tls
finish
