#!/bin/sh
# run.sh: runs a suite of scripts against the real binaries and prints a
# closing "SUITE: N passed, N failed" line: the end-to-end tests
# (test-*.sh, the default) or, with "faults", the fault scenarios in
# tests/faults (fault-*.sh, bounded by FAULT_TIMEOUT).  Each script gets
# its own private directory and ports.
BUILD=$(cd "${1:-build}" && pwd)
export BUILD
# The tests read the English texts; test-i18n asks for Vietnamese itself.
# The catalogs come from the build tree, never from an installed copy.
unset LANGUAGE LC_ALL
export LC_MESSAGES=C NHACVIEC_LOCALEDIR="$BUILD/locale"
suite=${2:-e2e}
if [ "$suite" = faults ]; then
	set -- "$(dirname "$0")/../faults"/fault-*.sh
	limit=${FAULT_TIMEOUT:-300}
else
	set -- "$(dirname "$0")"/test-*.sh
	limit=180
fi
pass=0
failed=0
names=""
for t in "$@"; do
	name=$(basename "$t" .sh)
	echo "== $name"
	if timeout -k 5 "$limit" bash "$t"; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		names="$names $name"
	fi
done
[ -n "$names" ] && echo "failed:$names"
echo "$suite: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
