# test-nag: nagging until done.  After its last escalation the policy
# tells the lead again every 3 working days and the parent every 6, up
# to max_repeats times each, the parent's turns stopping with the lead's;
# closing the task cancels every repeat still ahead.  The default policy
# gives the lead a working day before the parent hears.
. "$(dirname "$0")/lib.sh"

NVBIN="$BUILD/tests/nhacviec-fakeclock"
export NHACVIEC_FAKE_CLOCK="$T/clock"
HOOK_PORT=9	# never contacted: preview sends nothing
write_conf "none" "+1wd:lead +3wd:parent"
cat >> "$CONF" <<'INI'
workdays_only = yes
remind_at = 08:00
repeat = 3wd
repeat_parent = 6wd
max_repeats = 3
INI
set_clock "2026-05-11 09:00"	# Monday
setup_directory || { fail "directory setup"; finish; }
nv task add --plan 285/KH-UBND --title "Báo cáo chậm" --lead SNV \
    --due "2026-05-15 17:00" >/dev/null || fail "task add"	# Friday
jobs() {
	sql "SELECT target || ' ' || strftime('%d/%m', fire_at, 'unixepoch',
	    '+7 hours') FROM job WHERE kind = 'escalation' AND state =
	    'pending' ORDER BY fire_at, target" | tr '\n' ','
}
check "escalations, then the lead every 3 working days and the parent every 6" \
    [ "$(jobs)" = "lead 18/05,parent 20/05,lead 25/05,lead 28/05,parent 28/05,lead 02/06," ]
nv preview --days 30 > "$T/p.txt" || fail "preview"
check "the preview shows the repeats as escalations" \
    [ "$(grep -c '^[0-9/]* 08:00  escalation #' "$T/p.txt")" -eq 6 ]
nv done 1 >/dev/null || fail "done"
check "closing the task cancels every repeat still ahead" \
    [ "$(jobs)" = "" ]

# The default policy: a Friday deadline reaches the lead on Monday and
# the parent only on Wednesday, never the same morning.
cat > "$T/default.ini" <<INI
[daemon]
database = $T/default.db
control_socket = $SOCK
INI
NHACVIEC_CONFIG="$T/default.ini" "$NVBIN" agency add UBND --name "UBND" \
    >/dev/null
NHACVIEC_CONFIG="$T/default.ini" "$NVBIN" agency add SNV --name "SNV" \
    --parent UBND >/dev/null
NHACVIEC_CONFIG="$T/default.ini" "$NVBIN" plan add P --title P >/dev/null
NHACVIEC_CONFIG="$T/default.ini" "$NVBIN" task add --plan P --title T \
    --lead SNV --due "2026-05-29 17:00" >/dev/null
check "default: reminders -5wd -1wd 0, the lead on +1wd, the parent on +3wd" \
    [ "$(sqlite3 "$T/default.db" "SELECT kind || ':' || target || ' ' ||
        strftime('%d/%m %H:%M', fire_at, 'unixepoch', '+7 hours') FROM job
        ORDER BY fire_at" | tr '\n' ',')" = \
        "reminder:lead 22/05 08:00,reminder:lead 28/05 08:00,reminder:lead 29/05 17:00,escalation:lead 01/06 08:00,escalation:parent 03/06 08:00," ]
finish
