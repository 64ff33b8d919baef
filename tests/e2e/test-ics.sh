# test-ics: an agency's deadlines as iCalendar: from the CLI, from the
# admin API, and from the public feed URL a head subscribes to (a sealed
# token; a tampered one gets 403).
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
nv task cancel "$t2" --reason "gộp" >/dev/null
nv export ics --agency SNV > "$T/snv.ics"
unfold() { tr -d '\r' < "$1" | sed ':a;N;$!ba;s/\n //g'; }
unfold "$T/snv.ics" > "$T/snv.txt"
check "a VCALENDAR with one VEVENT per SNV deadline" \
    sh -c "grep -q '^BEGIN:VCALENDAR' '$T/snv.txt' &&
        [ \"\$(grep -c '^BEGIN:VEVENT' '$T/snv.txt')\" -eq 2 ]"
check "lines end in CRLF, as RFC 5545 says" \
    [ "$(grep -c $'\r$' "$T/snv.ics")" -eq "$(wc -l < "$T/snv.ics")" ]
check "the deadline in UTC (17:00 in Hà Nội is 10:00Z)" \
    grep -q '^DTSTART:20270331T100000Z' "$T/snv.txt"
check "summary and escaped description" \
    sh -c "grep -q '^SUMMARY:Hạn: Báo cáo quý I\\\\; có dấu phẩy\\\\, dài' '$T/snv.txt' &&
        grep -q 'Mã xác nhận: ' '$T/snv.txt'"
check "a stable UID per occurrence" \
    grep -qE '^UID:occ-[0-9]+@nhacviec$' "$T/snv.txt"
check "the cancelled one is CANCELLED, the open one has a reminder" \
    sh -c "grep -q '^STATUS:CANCELLED' '$T/snv.txt' &&
        grep -q '^TRIGGER:-P1D' '$T/snv.txt'"
check "another agency's task is not in it" \
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
    [ "$(grep -c '^BEGIN:VEVENT' "$T/feed.ics")" -eq 2 ]
check "a tampered feed token gets 403" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$PUB${url#"$PUB_URL"}x")" = 403 ]
curl -s --unix-socket "$SOCK" http://localhost/v1/agencies/STC/calendar.ics \
    > "$T/stc.ics"
check "the admin API serves it too" grep -q 'Của Sở Tài chính' "$T/stc.ics"
check "graceful stop exits 0" stop_daemon
finish
