#!/bin/sh
# check-layout.sh: the dependency rule, checked include by include.  The
# Makefile gives each folder only the -iquote paths of the layers it may
# use, so a wrong include does not build; but a quoted include falls back
# to the system's folders, and "sched.h" is also glibc's.  So every
# quoted include must name a bare file found in the folder itself or in
# a layer the folder may use, as the Makefile's INC.* lists them.
cd "$(dirname "$0")/.." || exit 1
below="daemon/core daemon/calendar daemon/import daemon/store daemon/util providers"
allowed() {
	case $1 in
	daemon) echo "daemon daemon/web $below" ;;
	daemon/web) echo "daemon/web $below" ;;
	daemon/cli) echo "daemon/cli $below" ;;
	daemon/import) echo "daemon/import daemon/core daemon/calendar daemon/store daemon/util providers" ;;
	daemon/core) echo "daemon/core daemon/calendar daemon/store daemon/util providers" ;;
	daemon/calendar) echo "daemon/calendar daemon/util" ;;
	daemon/store) echo "daemon/store daemon/util" ;;
	daemon/util) echo "daemon/util" ;;
	providers) echo "providers daemon/util" ;;
	esac
}
bad=0
n=0
for f in daemon/*.[ch] daemon/*/*.[ch] providers/*.[ch]; do
	dir=$(dirname "$f")
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		n=$((n + 1))
		ok=0
		case $inc in
		*/*) ;;
		*)	for d in $(allowed "$dir"); do
				[ -e "$d/$inc" ] && ok=1
			done ;;
		esac
		if [ $ok -eq 0 ]; then
			echo "layout: $f includes \"$inc\", which is not in a layer $dir may use"
			bad=$((bad + 1))
		fi
	done
done
if [ $bad -gt 0 ]; then
	echo "layout: $bad include(s) break the dependency rule"
	exit 1
fi
echo "layout: $n includes, each within the dependency rule"
