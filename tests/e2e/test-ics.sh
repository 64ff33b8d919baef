# test-ics: an agency's deadlines as iCalendar: from the CLI, from the
# admin API, and from the public feed URL a head subscribes to (a sealed
# token; a tampered one gets 403, a revoked one too).  The feed is
# bounded: 90 days back, 400 ahead, text cut between characters; it has
# an ETag, and If-None-Match gets 304.
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
