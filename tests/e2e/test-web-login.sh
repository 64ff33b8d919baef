# test-web-login: signing in to the web pages, in headless Chromium, on
# the real daemon.  An office account made with "nhacviec user add" signs
# in through the form; the cookie is HttpOnly, SameSite=Strict and, with
# an https public_url, Secure; every page carries the strict CSP; a
# wrong password is refused and five lock the account; a viewer cannot
# post; an agency's personal link opens nothing by GET, opens its page by
# its button, and stops working once "nhacviec user revoke" ran.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/webdriver.sh"

head -c 48 /dev/urandom | base64 > "$T/ack.key"
chmod 600 "$T/ack.key"
PUB_URL=https://nhacviec.example.gov.vn
start_hook 200 || finish
write_conf "0" "+1d:lead"
sed -i "s|^shutdown_grace.*|&\npublic_listen = 127.0.0.1:0\npublic_url = $PUB_URL\nack_key_file = $T/ack.key|" \
    "$CONF"
setup_directory || { fail "directory setup"; finish; }
printf '%s\n' 'mật khẩu văn phòng 2026' > "$T/pw"
check "user add makes an office account from a password file" \
    sh -c "'$BUILD/nhacviec' -c '$CONF' user add lan --role office \
        --password-file '$T/pw' | grep -q 'user lan added, role office'"
printf '%s\n' 'chỉ xem thôi nhé' > "$T/pw2"
nv user add xem --role viewer --password-file "$T/pw2" >/dev/null
check "a short password is refused, and no account is made" \
    sh -c "echo ngan | '$BUILD/nhacviec' -c '$CONF' user add ngan \
        --role office; [ \$? -eq 65 ]" &&
    [ "$(sql "SELECT count(*) FROM web_user")" -eq 2 ]
check "an argon2id hash is kept, in the 0600 token file, not the database" \
    [ "$(sqlite3 "$T/nhacviec.db.tokens" "SELECT substr(p.pwhash, 1, 10)
        FROM web_password p WHERE p.user_id = 1")" = '$argon2id$' ] &&
    [ "$(stat -c %a "$T/nhacviec.db.tokens")" = 600 ] &&
    ! sqlite3 "$T/nhacviec.db" .dump | grep -q argon2
start_daemon "$BUILD/nhacviecd" || finish
PUB=http://127.0.0.1:$(sed -n \
    's/.*public_listen: listening on 127.0.0.1 port \([0-9]*\).*/\1/p' \
    "$T/daemon.err" | tail -1)

post() {	# post PATH BODY [COOKIEJAR]: prints the status
	curl -s -o "$T/page" -D "$T/headers" -w '%{http_code}' \
	    -H "Origin: $PUB" ${3:+-b "$3" -c "$3"} --data "$2" "$PUB$1"
}
check "a wrong password gets 401 and no cookie" \
    [ "$(post /w/login 'name=lan&password=sai')" = 401 ] &&
    ! grep -qi '^Set-Cookie' "$T/headers"
check "the right one signs in: a 303 to /w/ with the session cookie" \
    [ "$(post /w/login 'name=lan&password=m%E1%BA%ADt+kh%E1%BA%A9u+v%C4%83n+ph%C3%B2ng+2026' "$T/jar")" = 303 ]
check "the cookie is HttpOnly, SameSite=Strict, Secure, for /w/" \
    grep -qi '^Set-Cookie: nv_session=[0-9a-f]\{64\}; Path=/w/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure' \
    "$T/headers"
check "the sign-in is in the audit log with its address" \
    [ "$(sql "SELECT actor || ' ' || detail FROM event WHERE
        kind = 'web-login'")" = "web:lan from 127.0.0.1" ]
curl -s -D "$T/h2" -o /dev/null "$PUB/w/login"
check "pages carry the strict CSP and keep out of caches and frames" \
    sh -c "grep -qi \"^Content-Security-Policy: default-src 'none'; style-src 'self'\" '$T/h2' &&
        grep -qi '^Cache-Control: no-store' '$T/h2' &&
        grep -qi '^X-Frame-Options: DENY' '$T/h2'"
check "a sign-in posted by another site is refused" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Site: cross-site' \
        --data 'name=lan&password=x' "$PUB/w/login")" = 403 ]

sleep 1; codes=""
for i in 1 2 3 4 5; do codes="$codes $(post /w/login 'name=xem&password=sai+sai')"; sleep 0.3; done
check "five wrong passwords are refused ($codes)" [ "$codes" = " 401 401 401 401 401" ]
check "five wrong passwords lock the account: the right one is refused" \
    [ "$(post /w/login 'name=xem&password=ch%E1%BB%89+xem+th%C3%B4i+nh%C3%A9')" = 401 ] &&
    [ "$(sql "SELECT locked_until > 0 FROM web_user WHERE name = 'xem'")" = 1 ]
nv user passwd xem --password-file "$T/pw2" >/dev/null
check "a new password (user passwd) lifts the lock" \
    [ "$(post /w/login 'name=xem&password=ch%E1%BB%89+xem+th%C3%B4i+nh%C3%A9' "$T/vjar")" = 303 ]
csrf=$(curl -s -b "$T/vjar" "$PUB/w/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
check "a viewer's form without its CSRF token is refused" \
    [ "$(post /w/logout 'csrf=0000' "$T/vjar")" = 403 ]
check "with it, signing out works and the session is gone" \
    [ "$(post /w/logout "csrf=$csrf" "$T/vjar")" = 303 ] &&
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/vjar" "$PUB/w/")" = 303 ]

# The office in a browser, on a phone-sized and a desktop-sized window.
wd_start || { fail "chromium via chromedriver"; finish; }
wd_size 390 844
wd_open "$PUB/w/"
at_login() { case "$(wd_url)" in */w/login) return 0 ;; esac; return 1; }
check "a browser not signed in is sent to the sign-in form" at_login
wd_shot "${SHOT_DIR:-$T}/login-phone.png"
wd_type '#name' lan
wd_type '#password' 'mật khẩu văn phòng 2026'
wd_click '#login'
check "signing in through the form shows the office's pages" \
    wd_wait '.who' && [ "$(wd_text '.who')" = lan ]
wd_size 1280 900
wd_shot "${SHOT_DIR:-$T}/home-desktop.png"
wd_stop

# An agency's personal link.
link=$(nv user link 1 --days 3)
check "user link prints a personal link under public_url" \
    sh -c "echo '$link' | grep -q '^$PUB_URL/w/l/[A-Za-z0-9_-]*\$'"
url="$PUB${link#"$PUB_URL"}"
check "opening it (GET, as a link preview would) opens no session" \
    [ "$(curl -s -D "$T/h3" -o "$T/page" -w '%{http_code}' "$url")" = 200 ] &&
    ! grep -qi '^Set-Cookie' "$T/h3" && grep -q 'Giám đốc Sở Nội vụ' "$T/page"
check "its button opens the agency's page" \
    [ "$(post "${url#"$PUB"}" 'csrf=' "$T/ajar")" = 303 ] &&
    curl -s -b "$T/ajar" "$PUB/w/" | grep -q 'Nhiệm vụ của đơn vị'
nv user revoke 1 >/dev/null
check "after user revoke the session is over" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/ajar" "$PUB/w/")" = 303 ]
check "and the link is refused, saying so" \
    [ "$(post "${url#"$PUB"}" 'csrf=')" = 403 ] && grep -q 'thu hồi' "$T/page"
check "graceful stop exits 0" stop_daemon
finish
