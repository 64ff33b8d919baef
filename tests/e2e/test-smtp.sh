# test-smtp: e-mail through libcurl's SMTP to a fake relay on 127.0.0.1.
# AUTH comes from a password file; the subject is an RFC 2047 word and the
# body base64 UTF-8, so the Vietnamese arrives intact; a greylisting 451
# is retried; a mailbox that does not exist (550) moves the message to
# the next channel; a world-readable password file is refused.
. "$(dirname "$0")/lib.sh"

SMTP="$BUILD/tests/fakesmtp"
mkdir -p "$T/mail"
"$SMTP" --port 0 --port-file "$T/smtp.port" --log "$T/smtp.log" \
    --dir "$T/mail" --user nhacviec@yenbai.gov.vn --pass 'mật-khẩu 42' \
    --script 451x1,250 &
SMTP_PID=$!
trap 'kill $SMTP_PID 2>/dev/null; cleanup' EXIT
wait_for 10 "fakesmtp to listen" test -s "$T/smtp.port" || finish
SMTP_PORT=$(cat "$T/smtp.port")

printf '%s\n' 'mật-khẩu 42' > "$T/smtp.pass"
chmod 600 "$T/smtp.pass"
start_hook 200 || finish
write_conf "0" "none"
sed -i 's/^channels = hook$/channels = mail hook/' "$CONF"
cat >> "$CONF" <<INI

[provider mail]
type = smtp
url = smtp://127.0.0.1:$SMTP_PORT
starttls = no
username = nhacviec@yenbai.gov.vn
password_file = $T/smtp.pass
from = Nhắc việc Yên Bái <nhacviec@yenbai.gov.vn>
subject = [{{plan}}] {{task}}: hạn {{due}}
retry_base = 1s
retry_max = 1s
INI
nv agency add SNV --name "Sở Nội vụ" >/dev/null &&
nv contact add --agency SNV --name "Giám đốc" --phone 0912000001 \
    --email giamdoc@snv.yenbai.gov.vn >/dev/null &&
nv contact add --agency SNV --name "Phó Giám đốc" --role focal \
    --phone 0912000002 --email nobody@snv.yenbai.gov.vn >/dev/null &&
nv plan add 285/KH-UBND --title "Kế hoạch CCHC 2023" >/dev/null ||
    { fail "directory setup"; finish; }
start_daemon || finish

nv task add --plan 285/KH-UBND --title "Báo cáo cải cách hành chính quý IV" \
    --lead SNV --due +1s >/dev/null
wait_for 15 "the e-mail and the fallback" sh -c "[ \"\$(sqlite3 '$DB' \"SELECT
    count(*) FROM message WHERE state = 'sent'\")\" -eq 2 ]"
check "the greylisting 451 was retried" \
    [ "$(awk -F'\t' '$4 == "<giamdoc@snv.yenbai.gov.vn>" { printf "%s ", $2 }' \
        "$T/smtp.log")" = "451 250 " ]
check "the mail went via the relay for the head" \
    [ "$(sql "SELECT provider FROM message WHERE state = 'sent' AND
        address = 'giamdoc@snv.yenbai.gov.vn'")" = mail ]
check "the unknown mailbox (550) moved to the next channel" \
    [ "$(sql "SELECT provider || ':' || address FROM message WHERE
        state = 'sent' AND prev_id IS NOT NULL")" = "hook:+84912000002" ]
eml="$T/mail/1.eml"
# decode_words: the text of a header's RFC 2047 words, folded or not.
decode_words() {
	tr -d '\r' | sed -n "/^$1: /,/^[^ ]/p" | grep -o '=?UTF-8?B?[^?]*?=' |
	    sed 's/^=?UTF-8?B?//; s/?=$//' | while read -r w; do
		printf '%s' "$w" | base64 -d
	done
}
subj=$(decode_words Subject < "$eml")
fromname=$(decode_words From < "$eml")
check "the subject is an RFC 2047 word, decoding to the Vietnamese" \
    [ "$subj" = "[285/KH-UBND] Báo cáo cải cách hành chính quý IV: hạn $(sql \
        "SELECT strftime('%d/%m/%Y %H:%M', due_at, 'unixepoch', '+7 hours')
        FROM occurrence")" ]
tr -d '\r' < "$eml" | sed '1,/^$/d' | base64 -d > "$T/body.txt"
check "the body is base64 UTF-8 with the reminder text" \
    grep -q 'nhiệm vụ "Báo cáo cải cách hành chính quý IV"' "$T/body.txt"
check "the sender's name is encoded too" [ "$fromname" = "Nhắc việc Yên Bái" ]
check "the headers say so" \
    sh -c "grep -q '^Content-Type: text/plain; charset=UTF-8' '$eml' &&
        grep -q '^Content-Transfer-Encoding: base64' '$eml' &&
        grep -q '^From: =?UTF-8?B?.* <nhacviec@yenbai.gov.vn>' '$eml' &&
        grep -qE '^Message-ID: <nv\\.1\\.1\\.[0-9a-f]{8}\\.[0-9a-f]{16}@yenbai\\.gov\\.vn>' '$eml'"
check "the password never reaches the log" \
    sh -c "! grep -q 'mật-khẩu' '$T/daemon.err'"
check "graceful stop exits 0" stop_daemon

chmod 644 "$T/smtp.pass"
"$NVD" -t -c "$CONF" > "$T/t.out" 2>&1
check "a password file others can read is refused, naming line and key" \
    grep -q "nhacviec.ini:[0-9]*: password_file: .*smtp.pass: others can read" \
    "$T/t.out"
chmod 600 "$T/smtp.pass"
sed -i 's/^starttls = no$/starttls = no\nurl = smtp:\/\/mail.example.gov.vn:587/' \
    "$CONF"
"$NVD" -t -c "$CONF" > "$T/t.out" 2>&1
check "no TLS is refused for a relay on another host" \
    grep -q "starttls: only a relay on this host" "$T/t.out"
kill "$SMTP_PID"
finish
