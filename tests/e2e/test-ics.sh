# test-ics: an agency's deadlines as iCalendar: from the CLI, from the
# admin API, and from the public feed URL a head subscribes to (a sealed
# token; a tampered one gets 403, a revoked one too; HEAD answers like
# GET, without a body).  The tasks the agency cooperates on are in it,
# marked so; a second parser (python3-vobject) reads the feed too.  The
# feed is bounded: 90 days back, 400 ahead, text cut between characters;
# it has an ETag, and If-None-Match gets 304.
. "$(dirname "$0")/lib.sh"

head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
start_hook 200 || finish
write_conf "-1d" "none"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key|" \
    "$CONF"
setup_directory || { fail "directory setup"; finish; }
nv agency add STC --name "Sở Tài chính" >/dev/null
nv task add --plan 285/KH-UBND --title "Báo cáo quý I; có dấu phẩy, dài" \
    --lead SNV --due 2027-03-31 --ref 1.2 >/dev/null
t2=$(nv task add --plan 285/KH-UBND --title "Bị hủy" --lead SNV \
    --due 2027-04-15 --json | jq -r .task)
nv task add --plan 285/KH-UBND --title "Của Sở Tài chính" --lead STC \
    --due 2027-05-01 >/dev/null
nv task add --plan 285/KH-UBND --title "Sở Tài chính chủ trì, Sở Nội vụ phối hợp" \
    --lead STC --cooperate SNV --due 2027-06-30 >/dev/null
nv task cancel "$t2" --reason "gộp" >/dev/null
# Out of the window: long past, and too far ahead.
nv task add --plan 285/KH-UBND --title "Đã lâu" --lead SNV \
    --due "$(date -d '-200 days' +%F)" >/dev/null
nv task add --plan 285/KH-UBND --title "Quá xa" --lead SNV \
    --due "$(date -d '+500 days' +%F)" >/dev/null
# A title longer than a SUMMARY holds, of three-byte characters.
long=x$(printf 'ạ%.0s' $(seq 1 400))
nv task add --plan 285/KH-UBND --title "$long" --lead STC \
    --due 2027-05-02 >/dev/null
nv export ics --agency SNV > "$T/snv.ics"
unfold() { tr -d '\r' < "$1" | sed ':a;N;$!ba;s/\n //g'; }
unfold "$T/snv.ics" > "$T/snv.txt"
check "a VCALENDAR with one VEVENT per SNV deadline, cooperating included" \
    sh -c "grep -q '^BEGIN:VCALENDAR' '$T/snv.txt' &&
        [ \"\$(grep -c '^BEGIN:VEVENT' '$T/snv.txt')\" -eq 3 ]"
check "the cooperating task is marked so, the led ones as led" \
    sh -c "grep -q '^SUMMARY:Hạn: \\[Phối hợp\\] Sở Tài chính chủ trì' '$T/snv.txt' &&
        [ \"\$(grep -c '^CATEGORIES:Phối hợp' '$T/snv.txt')\" -eq 1 ] &&
        [ \"\$(grep -c '^CATEGORIES:Chủ trì' '$T/snv.txt')\" -eq 2 ] &&
        grep -q 'Vai trò: phối hợp' '$T/snv.txt'"
# A second parser: vobject (Debian's python3-vobject) validates it.
/usr/bin/python3 - "$T/snv.ics" > "$T/vobject.txt" 2>&1 <<'PY'
import sys, vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read(),
    validate=True)
evs = cal.vevent_list
assert len(evs) == 3, len(evs)
uids = [e.uid.value for e in evs]
assert len(set(uids)) == 3, uids
coop = [e for e in evs if "Phối hợp" in e.categories.value]
assert len(coop) == 1, [e.categories.value for e in evs]
assert coop[0].summary.value.startswith("Hạn: [Phối hợp] Sở Tài chính")
for e in evs:
    assert e.dtstart.value.tzinfo is not None
print("ok", len(evs), "events")
PY
check "python3-vobject reads and validates it ($(cat "$T/vobject.txt" | tail -1))" \
    grep -q '^ok 3 events$' "$T/vobject.txt"
check "lines end in CRLF, as RFC 5545 says" \
    [ "$(grep -c $'\r$' "$T/snv.ics")" -eq "$(wc -l < "$T/snv.ics")" ]
check "the deadline in UTC (17:00 in Hà Nội is 10:00Z)" \
    grep -q '^DTSTART:20270331T100000Z' "$T/snv.txt"
check "summary and escaped description" \
    sh -c "grep -q '^SUMMARY:Hạn: Báo cáo quý I\\\\; có dấu phẩy\\\\, dài' '$T/snv.txt' &&
        grep -q 'Mã xác nhận: ' '$T/snv.txt'"
INSTALL=$(sql "SELECT value FROM meta WHERE key = 'install_id'")
check "a UID per occurrence with the install id and public_url's host" \
    [ "$(grep -cE "^UID:occ-[0-9]+-$INSTALL@nhacviec\.example\.gov\.vn\$" \
        "$T/snv.txt")" -eq 3 ]
check "the cancelled one is CANCELLED, the open one has a reminder" \
    sh -c "grep -q '^STATUS:CANCELLED' '$T/snv.txt' &&
        grep -q '^TRIGGER:-P1D' '$T/snv.txt'"
check "another agency's task it has no part in is not in it" \
    sh -c "! grep -q 'Của Sở Tài chính' '$T/snv.txt'"

start_daemon || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)
url=$(nv export ics --agency SNV --url)
check "the feed URL is on public_url ($url)" \
    sh -c "printf '%s' '$url' | grep -q '^$PUB_URL/ics/'"
curl -s "$PUB${url#"$PUB_URL"}" > "$T/feed.ics"
check "the public feed serves the same calendar" \
    [ "$(grep -c '^BEGIN:VEVENT' "$T/feed.ics")" -eq 3 ]
# HEAD on a raw socket: the same status and length, and nothing after the
# headers (a client library would hide a body sent by mistake).
/usr/bin/python3 - "${PUB#http://}" "${url#"$PUB_URL"}" "$(wc -c < "$T/feed.ics")" \
    > "$T/head.txt" 2>&1 <<'PY'
import socket, sys
host, port = sys.argv[1].split(":")
s = socket.create_connection((host, int(port)), timeout=5)
s.sendall(("HEAD %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    % sys.argv[2]).encode())
raw = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    raw += b
head, sep, rest = raw.partition(b"\r\n\r\n")
lines = head.decode().split("\r\n")
assert lines[0].startswith("HTTP/1.1 200"), lines[0]
hdr = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:]}
assert hdr["content-type"].startswith("text/calendar"), hdr
assert int(hdr["content-length"]) == int(sys.argv[3]), (hdr, sys.argv[3])
assert sep and rest == b"", rest[:80]
print("ok")
PY
check "HEAD on the feed: 200, the GET's length, no body ($(tail -1 "$T/head.txt"))" \
    grep -q '^ok$' "$T/head.txt"
check "a tampered feed token gets 403" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$PUB${url#"$PUB_URL"}x")" = 403 ]
check "outside the window: neither the old nor the far task" \
    sh -c "! grep -q 'Đã lâu\|Quá xa' '$T/feed.ics'"
feed="$PUB${url#"$PUB_URL"}"
etag=$(curl -s -D - -o /dev/null "$feed" | tr -d '\r' | sed -n 's/^ETag: //Ip')
check "the feed has an ETag ($etag)" [ -n "$etag" ]
check "If-None-Match with it gets 304" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" \
        "$feed")" = 304 ]
stc=$(nv export ics --agency STC --url)
curl -s "$PUB${stc#"$PUB_URL"}" > "$T/stc-feed.ics"
unfold "$T/stc-feed.ics" > "$T/stc-feed.txt"
check "a long title is cut between characters: the feed is UTF-8" \
    sh -c "grep -q '^SUMMARY:Hạn: xạạạ' '$T/stc-feed.txt' &&
        iconv -f UTF-8 -t UTF-8 '$T/stc-feed.txt' >/dev/null"
check "nhacviec feed revoke SNV" sh -c "nv() { '$NV' -c '$CONF' \"\$@\"; };
    nv feed revoke SNV >/dev/null"
check "the old feed URL then gets 403" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$feed")" = 403 ]
url2=$(nv export ics --agency SNV --url)
check "a new URL is given, and works" \
    sh -c "[ '$url2' != '$url' ] && [ \"\$(curl -s -o /dev/null -w '%{http_code}' \
        '$PUB${url2#"$PUB_URL"}')\" = 200 ]"
check "another agency's URL still works" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$PUB${stc#"$PUB_URL"}")" = 200 ]
curl -s --unix-socket "$SOCK" http://localhost/v1/agencies/STC/calendar.ics \
    > "$T/stc.ics"
check "the admin API serves it too" grep -q 'Của Sở Tài chính' "$T/stc.ics"
check "graceful stop exits 0" stop_daemon
finish
