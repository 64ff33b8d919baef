#!/bin/sh
# check-layout.sh: the part of the dependency rule that -iquote cannot
# see.  The Makefile gives each folder only the include paths of the
# layers it may use, but a quoted include with a path ("../sched.h",
# "core/config.h") would reach past them; none may have one.
cd "$(dirname "$0")/.." || exit 1
bad=$(grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' \
    daemon/*.[ch] daemon/*/*.[ch] providers/*.[ch])
if [ -n "$bad" ]; then
	echo "layout: an include names a path, past the dependency rule:"
	echo "$bad"
	exit 1
fi
echo "layout: every include is a bare name; the Makefile's paths hold"
