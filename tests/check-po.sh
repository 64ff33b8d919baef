#!/bin/sh
# check-po.sh: every text the sources mark for translation is in each
# catalog, and each catalog translates all of them, with nothing fuzzy,
# so a new message cannot reach users untranslated.
#   sh tests/check-po.sh TEMPLATE.pot po/LANG.po...
pot=$1
shift
failed=0
tmp=$(mktemp "${TMPDIR:-/tmp}/check-po.XXXXXX") || exit 1
for po in "$@"; do
	if ! msgcmp --use-untranslated "$po" "$pot" 2>"$tmp"; then
		echo "check-po: $po lacks texts of the sources" \
		    "(run \"make update-po\" and translate them):" >&2
		cat "$tmp" >&2
		failed=1
	fi
	stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1) ||
	    failed=1
	case $stats in
	*untranslated*|*fuzzy*)
		echo "check-po: $po: $stats" >&2
		failed=1
		;;
	esac
	echo "check-po: $po: $stats"
done
rm -f "$tmp"
exit $failed
