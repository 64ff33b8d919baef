# test-windows: send windows that hold.  With quiet_hours 21:00-07:30,
# remind_at 07:00, remind -2h and escalate +14h:parent (the case that put
# a reminder at 06:00 and an escalation at 22:00), the preview moves the
# reminder earlier and the escalation later, out of the quiet hours, and
# "nhacviecd -t" warns that remind_at lies in them.  Office hours
# 13:30-17:00 move an 08:30 escalation to 13:30.  No send in any preview
# of these policies lies in a quiet window.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
HOOK_PORT=9	# never contacted: preview sends nothing
write_conf "-2h" "+14h:parent"
cat >> "$CONF" <<'INI'
quiet_hours = 21:00-07:30
remind_at = 07:00
workdays_only = yes

[policy office]
remind = -1d 0
escalate = +930m:lead
channels = hook
workdays_only = yes
quiet_hours = 21:00-07:00
office_hours = 13:30-17:00
INI
set_clock "2026-05-04 09:00"	# Monday
setup_directory || { fail "directory setup"; finish; }
"$BUILD/tests/nhacviecd-fakeclock" -t -c "$CONF" > "$T/t.out" 2> "$T/t.err"
check "-t still accepts the file" grep -q 'is valid' "$T/t.out"
check "-t warns that remind_at 07:00 lies in quiet_hours" \
    grep -q 'warning: \[policy default\]: remind_at 07:00 lies in quiet_hours' \
    "$T/t.err"
nv task add --plan 285/KH-UBND --title "Hạn sáng sớm" --lead SNV \
    --due "2026-05-06 08:00" >/dev/null || fail "task add"
nv task add --plan 285/KH-UBND --title "Trong giờ hành chính" --lead SNV \
    --due "2026-05-06 17:00" --policy office >/dev/null || fail "task add"
nv --json preview --days 10 > "$T/p.json" || fail "preview"
nv preview --days 10 > "$T/p.txt" || fail "preview"
when() {	# when KIND TASK: the local times of that task's sends
	jq -r ".[] | select(.kind == \"$1\" and .task == $2) | .at" \
	    "$T/p.json" | while read -r t; do
		TZ=Asia/Ho_Chi_Minh date -d "@$t" '+%d/%m %H:%M'
	done
}
check "the 06:00 reminder moved earlier, to the nearest allowed time" \
    [ "$(when reminder 1)" = "05/05 07:30" ]
check "the 22:00 escalation waits for the end of the quiet hours" \
    [ "$(when escalation 1)" = "07/05 07:30" ]
check "office hours: the 08:30 escalation moves to 13:30" \
    [ "$(when escalation 2)" = "07/05 13:30" ]
# -1d at 08:00 has no office hour before it that day: the previous
# working day's, nearest remind_at; "0" at 17:00 takes the last minute.
check "office hours: reminders move earlier into them" \
    [ "$(when reminder 2 | tr '\n' ' ')" = "04/05 13:30 06/05 16:59 " ]
check "no send lies in a quiet window" \
    sh -c "jq -r '.[].at' '$T/p.json' | while read -r t; do
        h=\$(TZ=Asia/Ho_Chi_Minh date -d \"@\$t\" +%H%M)
        [ \"\$h\" -ge 0730 ] && [ \"\$h\" -lt 2100 ] || exit 1
    done"
finish
