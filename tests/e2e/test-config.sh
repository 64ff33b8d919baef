# test-config: bad configs are refused with "file:line: key: reason" and
# exit 78 (EX_CONFIG); a bad config sent by SIGHUP keeps the old one in
# force, and a good one takes effect.
. "$(dirname "$0")/lib.sh"

bad() {	# bad "what" "expected message" <<ini
	cat > "$T/bad.ini"
	out=$("$NVD" -t -c "$T/bad.ini" 2>&1)
	rc=$?
	if [ "$rc" -eq 78 ] && printf '%s' "$out" | grep -qF -- "$2"; then
		ok "$1"
	else
		fail "$1: rc=$rc, got: $out (wanted: $2)"
	fi
}

bad "unknown key" "$T/bad.ini:3: colour: unknown key in [daemon]" <<'INI'
[daemon]
database = /tmp/x.db
colour = blue
INI
bad "bad duration" "$T/bad.ini:2: max_lateness: expected a duration" <<'INI'
[policy default]
max_lateness = soon
INI
bad "bad escalation target" "$T/bad.ini:3: escalate: bad target \"boss\"" <<'INI'
[policy default]
remind = -1d 0
escalate = +1d:boss
INI
bad "reminder after the deadline" "$T/bad.ini:2: remind: reminder \"+2h\" is after the deadline" <<'INI'
[policy default]
remind = +2h
INI
bad "unknown placeholder" "$T/bad.ini:2: reminder: unknown placeholder {{deadline}}" <<'INI'
[template default]
reminder = Hạn {{deadline}}
INI
bad "channel without provider" "$T/bad.ini:2: channels: no [provider zalo]" <<'INI'
[policy default]
channels = zalo
INI
bad "unknown provider type" "$T/bad.ini:2: type: unknown provider type \"pigeon\"" <<'INI'
[provider p]
type = pigeon
INI
bad "webhook without url" "url: [provider h] of type webhook needs a url" <<'INI'
[provider h]
type = webhook
INI
bad "out of range" "$T/bad.ini:3: max_inflight: 0 is out of range 1..1000" <<'INI'
[provider h]
type = console
max_inflight = 0
INI
bad "unknown section" "$T/bad.ini:2: [smtp]: unknown section" <<'INI'
[smtp]
host = x
INI
bad "syntax error" "$T/bad.ini:2: syntax error" <<'INI'
[daemon]
this line is not ini
INI
printf '[provider h]\ntype = webhook\nurl = http://127.0.0.1:1/\nheader = Authorization: Bearer s3cret\n' > "$T/secret.ini"
chmod 644 "$T/secret.ini"
out=$("$NVD" -t -c "$T/secret.ini" 2>&1)
check "a world-readable file with secrets is refused" \
    sh -c "printf '%s' \"$out\" | grep -q 'holds secrets but others can read it'"
check "the secret itself is not printed" \
    sh -c "! printf '%s' \"$out\" | grep -q s3cret"
chmod 640 "$T/secret.ini"
check "the same file with mode 640 is accepted" \
    "$NVD" -t -c "$T/secret.ini"
out=$("$NVD" -c "$T/missing.ini" 2>&1)
check "a missing file names the file" \
    sh -c "printf '%s' \"$out\" | grep -q 'missing.ini: No such file'"

# SIGHUP: bad config kept out, good config taken.
start_hook 200 || finish
write_conf "0" "none"
setup_directory || { fail "directory setup"; finish; }
start_daemon || finish
cp "$CONF" "$T/good.ini"
printf '[policy default]\nescalate = +1d:nobody\n' >> "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 5 "the reload error" grep -q "reload failed, keeping the running config" "$T/daemon.err"
check "the reload error names file, line and key" \
    grep -q "nhacviec.ini:[0-9]*: escalate: bad target" "$T/daemon.err"
# The CLI refuses the bad file too; it works from the good copy.
"$NV" -c "$T/good.ini" task add --plan 285/KH-UBND --title "Sau khi nạp lỗi" \
    --lead SNV --due +1s >/dev/null || fail "task add"
wait_for 10 "delivery under the old config" hook_has_at_least 1
check "the daemon is still running" kill -0 "$DAEMON_PID"
cp "$T/good.ini" "$CONF"
printf '\n[template default]\nreminder = MẪU MỚI: {{task}} ({{ack_code}})\n' >> "$CONF"
kill -HUP "$DAEMON_PID"
wait_for 5 "the reload" grep -q "configuration reloaded" "$T/daemon.err"
nv task add --plan 285/KH-UBND --title "Sau khi nạp đúng" --lead SNV \
    --due +1s >/dev/null || fail "task add"
wait_for 10 "delivery under the new config" hook_has_at_least 2
check "the new template is in use" grep -q "MẪU MỚI: Sau khi nạp đúng" "$HOOKLOG"
check "graceful stop exits 0" stop_daemon
finish
