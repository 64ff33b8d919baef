#!/bin/sh
# check-install.sh: installs into a scratch DESTDIR the way a packager
# would, checks what lands where, that a second install keeps an edited
# config, and that uninstall leaves nothing but that config.
BUILD=${1:-build}
D=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-install.XXXXXX")
pass=0
failed=0
t() {	# t "what" command...
	what=$1
	shift
	if "$@"; then pass=$((pass + 1)); echo "  ok: $what"
	else failed=$((failed + 1)); echo "  FAIL: $what"; fi
}
inst() {
	make --no-print-directory -s BUILD="$BUILD" PREFIX=/usr \
	    DESTDIR="$D" "$@" >/dev/null
}
inst install
t "nhacviecd in sbin" test -x "$D/usr/sbin/nhacviecd"
t "nhacviec in bin" test -x "$D/usr/bin/nhacviec"
t "example config in /etc/nhacviec" test -f "$D/etc/nhacviec/nhacviec.ini"
t "config not world-readable" \
    test "$(stat -c %a "$D/etc/nhacviec/nhacviec.ini")" = 640
t "man pages" test -f "$D/usr/share/man/man8/nhacviecd.8"
t "systemd unit" test -f "$D/lib/systemd/system/nhacviecd.service"
t "sysusers and tmpfiles entries" \
    test -f "$D/usr/lib/sysusers.d/nhacviec.conf" -a \
    -f "$D/usr/lib/tmpfiles.d/nhacviec.conf"
t "unit points at the installed daemon" \
    grep -q "ExecStart=/usr/sbin/nhacviecd" "$D/lib/systemd/system/nhacviecd.service"
# The installed config names /etc paths; check it against the DESTDIR copy.
sed "s|/etc/nhacviec/|$D/etc/nhacviec/|" "$D/etc/nhacviec/nhacviec.ini" \
    > "$D/check.ini"
chmod 640 "$D/check.ini"
t "installed config is valid" "$D/usr/sbin/nhacviecd" -t -c "$D/check.ini"
rm -f "$D/check.ini"
t "holiday notices installed" test -f "$D/etc/nhacviec/holidays-vn.ini"
t "the Vietnamese catalog" \
    test -f "$D/usr/share/locale/vi/LC_MESSAGES/nhacviec.mo"
# The installed layout is the one gettext reads: LANG/LC_MESSAGES/DOMAIN.mo.
t "the installed catalog speaks Vietnamese" sh -c "
    LANG=C.UTF-8 LANGUAGE=vi NHACVIEC_LOCALEDIR='$D/usr/share/locale' \
    '$D/usr/bin/nhacviec' --help | grep -q '^cách dùng: nhacviec'"
# What lets the group nhacviec use the CLI: the database 0640 (the unit's
# UMask) in a state directory 0750, the socket's directory 0750, all of
# the group nhacviec; then an operator of that group, neither root nor
# the service user, uses the installed binaries against the daemon.
t "the unit gives the group nhacviec the database and the socket" sh -c "
    grep -qx 'UMask=0027' '$D/lib/systemd/system/nhacviecd.service' &&
    grep -qx 'Group=nhacviec' '$D/lib/systemd/system/nhacviecd.service' &&
    grep -qx 'StateDirectoryMode=0750' '$D/lib/systemd/system/nhacviecd.service' &&
    grep -q '^d /run/nhacviec 0750 nhacviec nhacviec' '$D/usr/lib/tmpfiles.d/nhacviec.conf'"
# The service user and the operator must cross the scratch directory.
mkdir -p "$D/tmp"
chmod 755 "$D" "$D/tmp"
t "an operator in the group nhacviec reads, marks done and extends through the socket, and cannot read the tokens" \
    env GROUP_NVD="$D/usr/sbin/nhacviecd" GROUP_NV="$D/usr/bin/nhacviec" \
    BUILD="$(cd "$BUILD" && pwd)" TMPDIR="$D/tmp" LC_MESSAGES=C \
    NHACVIEC_LOCALEDIR="$D/usr/share/locale" \
    sh -c 'bash tests/e2e/test-group.sh > "$TMPDIR/group.out" 2>&1 ||
        { cat "$TMPDIR/group.out"; exit 1; }'
rm -rf "$D/tmp"
echo "# local edit" >> "$D/etc/nhacviec/nhacviec.ini"
inst install
t "a second install keeps the edited config" \
    grep -q "# local edit" "$D/etc/nhacviec/nhacviec.ini"
inst uninstall
left=$(find "$D" -type f | grep -vE '/etc/nhacviec/(nhacviec|holidays-vn).ini$')
t "uninstall leaves only the config files" test -z "$left"
[ -n "$left" ] && echo "$left"
rm -rf "$D"
echo "install: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
