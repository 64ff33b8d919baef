# test-mta: mail through a real MTA, Exim from Debian, on 127.0.0.1 with
# a throwaway config and a private CA (openssl) that nhacviec trusts
# through ca_file.  The delivered message is read by Python's email
# parser: the From name with its comma is one address, the long ASCII
# subject arrives whole, every header line stays within 78.  550 moves
# the message to the next channel with Exim's own words; 451 is retried
# with them.  Without the CA file, STARTTLS fails verification: one
# alert (log, event, metric), and the messages go to the next channel
# within a tick; a relay that offers no STARTTLS does the same after a
# reload.  Exim runs as root here (its -C config must be root's), as CI
# does.
. "$(dirname "$0")/lib.sh"

EXIM=/usr/sbin/exim4
PY=/usr/bin/python3
[ -x "$EXIM" ] || { fail "exim4 is not installed (sh .ci/deps)"; finish; }
[ "$(id -u)" -eq 0 ] || { fail "exim4 -C needs root (CI runs as root)"; finish; }

X="$T/exim"
chmod 711 "$T"	# Exim, no longer root, must reach its files below
mkdir -p "$X/spool" "$X/log" "$X/mail"
# The CA, and the relay's certificate for localhost that it signs.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/ca.key" \
    -out "$T/ca.crt" -days 2 -subj "/CN=nhacviec test CA" 2>/dev/null &&
openssl req -newkey rsa:2048 -nodes -keyout "$X/server.key" \
    -out "$T/server.csr" -subj "/CN=localhost" 2>/dev/null &&
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$T/san.cnf" &&
openssl x509 -req -in "$T/server.csr" -CA "$T/ca.crt" -CAkey "$T/ca.key" \
    -CAcreateserial -out "$X/server.crt" -days 2 -extfile "$T/san.cnf" \
    2>/dev/null || { fail "openssl could not make the CA"; finish; }
# Exim gives up root for a -C config: its files must be its user's.
chown -R Debian-exim:Debian-exim "$X"

EXIM_PID=""
stop_exim() {
	[ -n "$EXIM_PID" ] && kill "$EXIM_PID" 2>/dev/null &&
	    wait "$EXIM_PID" 2>/dev/null
	EXIM_PID=""
}
trap 'stop_exim; cleanup' EXIT

# start_exim TLS_HOSTS: Exim on a free port; TLS_HOSTS "*" offers
# STARTTLS, "" does not.
start_exim() {
	for try in 1 2 3; do
		MTA_PORT=$($PY -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		cat > "$T/exim.conf" <<EOF
primary_hostname = mx.snv.yenbai.gov.vn
spool_directory = $X/spool
log_file_path = $X/log/%slog
pid_file_path = $X/exim.pid
local_interfaces = 127.0.0.1
daemon_smtp_ports = $MTA_PORT
tls_advertise_hosts = $1
tls_certificate = $X/server.crt
tls_privatekey = $X/server.key
domainlist local_domains = snv.yenbai.gov.vn
acl_smtp_rcpt = acl_rcpt
host_lookup =
rfc1413_hosts =
keep_environment =
begin acl
acl_rcpt:
  deny    local_parts = nobody
          message = 550 5.1.1 Mailbox unavailable, no such user here (\$local_part)
  defer   local_parts = grey
          message = 451 4.7.1 Greylisted, try again later
  accept  domains = +local_domains
  deny    message = relay not permitted
begin routers
all:
  driver = accept
  transport = store
begin transports
store:
  driver = appendfile
  directory = $X/mail
  maildir_format
EOF
		chmod 644 "$T/exim.conf"
		: > "$T/exim.out"
		"$EXIM" -C "$T/exim.conf" -bdf -odi >"$T/exim.out" 2>&1 &
		EXIM_PID=$!
		if wait_for 10 "exim to listen" grep -q \
		    "listening for SMTP on \[127.0.0.1\]:$MTA_PORT" \
		    "$X/log/mainlog" 2>/dev/null; then
			return 0
		fi
		stop_exim
	done
	return 1
}
start_exim "*" || { cat "$T/exim.out"; finish; }

TITLE="Bao cao ket qua thuc hien nhiem vu cai cach hanh chinh, chuyen doi so"
TITLE="$TITLE va xay dung chinh quyen dien tu nam 2026 cua tat ca cac so,"
TITLE="$TITLE ban, nganh, UBND cac huyen, thi xa, thanh pho: tong hop theo"
TITLE="$TITLE mau tai Phu luc I, II, III kem theo (gui ban giay va ban dien tu)"

start_hook 200 || finish
write_conf "0" "none"
sed -i 's/^channels = hook$/channels = mail hook/' "$CONF"
cat >> "$CONF" <<INI

[provider mail]
type = smtp
url = smtp://localhost:$MTA_PORT
from = Van phong UBND, tinh Yen Bai <nhacviec@yenbai.gov.vn>
subject = [{{plan}}] {{task}}
ca_file = $T/ca.crt
tls_retry = 1h
retry_base = 1s
retry_max = 1s
INI
nv agency add SNV --name "Sở Nội vụ" >/dev/null &&
nv contact add --agency SNV --name "Giám đốc" --phone 0912000001 \
    --email giamdoc@snv.yenbai.gov.vn >/dev/null &&
nv contact add --agency SNV --name "Phó Giám đốc" --role focal \
    --phone 0912000002 --email nobody@snv.yenbai.gov.vn >/dev/null &&
nv contact add --agency SNV --name "Chuyên viên" --role focal \
    --phone 0912000003 --email grey@snv.yenbai.gov.vn >/dev/null &&
nv plan add 285/KH-UBND --title "Kế hoạch CCHC 2023" >/dev/null ||
    { fail "directory setup"; finish; }
start_daemon || finish

nv task add --plan 285/KH-UBND --title "$TITLE" --lead SNV --due +1s \
    >/dev/null
wait_for 20 "delivery, the 550's fallback and two 451s" sh -c "
    [ \"\$(ls '$X/mail/new' 2>/dev/null | wc -l)\" -eq 1 ] &&
    [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM message WHERE
        provider = 'hook' AND state = 'sent'\")\" -eq 1 ] &&
    [ \"\$(sqlite3 '$DB' \"SELECT attempts FROM message WHERE
        address = 'grey@snv.yenbai.gov.vn'\")\" -ge 2 ]"
eml=$(ls "$X/mail/new"/* | head -1)
mid=$(sql "SELECT mail_id FROM message WHERE address = 'giamdoc@snv.yenbai.gov.vn'")
# Python's email parser (policy default: RFC 5322 and 2047) reads it.
$PY - "$eml" "$TITLE" "$mid" > "$T/parsed.txt" 2>&1 <<'PY'
import re, sys
from email import policy
from email.parser import BytesParser
raw = open(sys.argv[1], "rb").read()
msg = BytesParser(policy=policy.default).parsebytes(raw)
frm = msg["From"].addresses
assert len(frm) == 1, "From: %d addresses: %r" % (len(frm), frm)
assert frm[0].display_name == "Van phong UBND, tinh Yen Bai", frm[0]
assert frm[0].addr_spec == "nhacviec@yenbai.gov.vn", frm[0]
want = "[285/KH-UBND] " + sys.argv[2]
assert msg["Subject"] == want, (msg["Subject"], want)
assert msg["Message-ID"] == "<%s@yenbai.gov.vn>" % sys.argv[3], \
    msg["Message-ID"]
assert re.fullmatch(r"nv\.\d+\.\d+\.[0-9a-f]{8}\.[0-9a-f]{16}", sys.argv[3])
body = msg.get_body().get_content()
assert "nhiệm vụ" in body, body
head = raw.split(b"\n\n", 1)[0].split(b"\n")
longest = max(len(l.rstrip(b"\r")) for l in head)
# Our fields, folded: each of their lines within 78.
ours = [l for l in head if not l.startswith((b"Received", b"Envelope",
    b"Return-Path", b"Delivery-date", b"\t"))]
assert all(len(l.rstrip(b"\r")) <= 78 for l in ours), longest
i = [n for n, l in enumerate(head) if l.startswith(b"Subject:")][0]
n = 1
while head[i + n].startswith(b" "):
    n += 1
print("subject of %d chars on %d lines," % (len(want), n),
    "longest header line %d" % max(len(l.rstrip(b"\r")) for l in ours))
print("ok")
PY
check "Python's email parser reads the mail as sent ($(tr '\n' ' ' < "$T/parsed.txt"))" \
    grep -q '^ok$' "$T/parsed.txt"
check "the 550 moved to the next channel with Exim's words" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'failed' AND
        address = 'nobody@snv.yenbai.gov.vn' AND last_error LIKE
        'SMTP 550: 550 5.1.1 Mailbox unavailable, no such user here (nobody)'")" -eq 1 ]
check "the 451 is retried, with Exim's words" \
    [ "$(sql "SELECT count(*) FROM message WHERE state = 'queued' AND
        address = 'grey@snv.yenbai.gov.vn' AND last_error LIKE
        '%451 4.7.1 Greylisted, try again later%'")" -eq 1 ]
check "no alert while TLS works" \
    [ "$(sql "SELECT count(*) FROM event WHERE kind = 'alert'")" -eq 0 ]
check "graceful stop exits 0" stop_daemon

# Without the CA file the relay's certificate cannot be verified.
sed -i '/^ca_file = /d' "$CONF"
sql "UPDATE message SET state = 'cancelled' WHERE state = 'queued'"
start_daemon || finish
nv task add --plan 285/KH-UBND --title "Nhiệm vụ khi TLS hỏng" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the three to reach the next channel" sh -c "
    [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM message WHERE
        provider = 'hook' AND state = 'sent'\")\" -eq 4 ]"
check "one alert, with curl's reason, at error level" \
    sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM event WHERE kind =
        'alert' AND detail LIKE 'TLS: SSL certificate problem%paused%'\")\" -eq 1 ] &&
    [ \"\$(grep -c 'ALERT.*via mail: TLS: SSL certificate problem' '$T/daemon.err')\" -eq 1 ]"
check "the mail messages failed with the reason, none is retried" \
    [ "$(sql "SELECT count(*) FROM message WHERE provider = 'mail' AND
        state = 'failed' AND (last_error LIKE 'TLS: %' OR
        last_error LIKE 'provider mail is paused: TLS: %')
        AND job_id = (SELECT max(job_id) FROM message)")" -eq 3 ]
# Within one tick: each fallback is queued when the failure is recorded.
lag=$(sql "SELECT max(n.created_at - f.updated_at) FROM message n
    JOIN message f ON f.id = n.prev_id WHERE f.provider = 'mail' AND
    f.job_id = (SELECT max(job_id) FROM message)")
check "the next channel was queued in the tick that saw the failure (lag ${lag}s)" \
    [ "$lag" -le 1 ]
curl -s --unix-socket "$SOCK" http://localhost/metrics > "$T/metrics"
check "the metrics show the pause" \
    sh -c "grep -q '^nhacviec_provider_paused{provider=\"mail\"} 1$' '$T/metrics' &&
        grep -q '^nhacviec_provider_config_failures_total{provider=\"mail\"} [1-9]' '$T/metrics'"

# While paused, a new message is moved on without touching the relay.
wait_for 10 "Exim to log the three failed handshakes" sh -c \
    "[ \"\$(grep -c 'TLS error' '$X/log/mainlog')\" -eq 3 ]"
conns=3
nv task add --plan 285/KH-UBND --title "Nhiệm vụ khi đang dừng" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the paused provider's messages to move on" sh -c "
    [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM message WHERE
        provider = 'hook' AND state = 'sent'\")\" -eq 7 ]"
check "no connection to the relay while paused, no second alert" \
    sh -c "[ \"\$(grep -c 'TLS error' '$X/log/mainlog')\" -eq $conns ] &&
        [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM event WHERE kind = 'alert'\")\" -eq 1 ]"

# A relay that offers no STARTTLS: the reload lifts the pause, the first
# attempt fails on STARTTLS and alerts again.
stop_exim
sed -i "s|^url = smtp://localhost:.*|url = smtp://localhost:PORT|" "$CONF"
start_exim "" || { cat "$T/exim.out"; finish; }
sed -i "s|^url = smtp://localhost:PORT|url = smtp://localhost:$MTA_PORT\nca_file = $T/ca.crt|" \
    "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 10 "the reload" grep -q "reloaded; trying it again" "$T/daemon.err"
nv task add --plan 285/KH-UBND --title "Nhiệm vụ không STARTTLS" --lead SNV \
    --due +1s >/dev/null
wait_for 10 "the STARTTLS alert" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
    count(*) FROM event WHERE kind = 'alert' AND detail LIKE 'STARTTLS: %'\")\" -eq 1 ]"
check "no message went in the clear" \
    [ "$(ls "$X/mail/new" | wc -l)" -eq 1 ]
wait_for 10 "those to reach the next channel too" sh -c "
    [ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM message WHERE
        provider = 'hook' AND state = 'sent'\")\" -eq 10 ]"
check "graceful stop exits 0" stop_daemon
stop_exim
finish
