# Makefile: builds nhacviecd, nhacviec, the unit tests and the test helpers.
#
# Dependencies come from pkg-config; "make deps" installs the Debian packages.
# Out-of-tree builds: make BUILD=build-asan SANITIZE=address,undefined check

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
SBINDIR    ?= $(PREFIX)/sbin
SYSCONFDIR ?= /etc
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= /lib/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
DOCDIR     ?= $(PREFIX)/share/doc/nhacviec
LOCALEDIR  ?= $(PREFIX)/share/locale
DESTDIR    ?=

VERSION    := 0.1.0
BUILD      ?= build
PKG_CONFIG ?= pkg-config
CC         ?= cc

PKGS      := libcurl libevent sqlite3 inih jansson libcrypto libical libsystemd \
	libseccomp libzip libxml-2.0 libargon2 libmagic
TEST_PKGS := cmocka

# "check" and "demo" first install the dependencies, then run a sub-make
# that needs them; only goals that compile ask pkg-config here.
NODEPS_GOALS := deps help clean check demo uninstall fuzz check-fuzz
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) && echo ok),)
$(error missing build dependencies: $(shell for p in $(PKGS) $(TEST_PKGS); do $(PKG_CONFIG) --exists $$p || printf '%s ' $$p; done)-- run "make deps" (see README.md))
endif
ifeq ($(wildcard /usr/include/unistr.h),)
$(error missing build dependency: libunistring-dev -- run "make deps" (see README.md))
endif
ifeq ($(wildcard /usr/include/http_parser.h),)
$(error missing build dependency: libhttp-parser-dev -- run "make deps" (see README.md))
endif
ifeq ($(wildcard /usr/include/jemalloc/jemalloc.h),)
$(error missing build dependency: libjemalloc-dev -- run "make deps" (see README.md))
endif
endif

WARN := -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wshadow \
	-Wwrite-strings -Wno-unused-parameter
CFLAGS ?= -O2 -g
# CI builds with WERROR=1: the tree must stay free of warnings.
WERROR ?=
ifneq ($(WERROR),)
WARN += -Werror
endif
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -DNHACVIEC_VERSION='"$(VERSION)"' \
	-DNHACVIEC_LOCALEDIR='"$(LOCALEDIR)"' \
	$(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP

# The dependency rule.  Each folder sees only the headers of the layers it
# may use, so an include across the rule fails to build.  A quoted include
# also finds headers beside the file itself: a layer always sees its own.
#   daemon/ (nhacviecd's loop) and daemon/cli/ use everything below them,
#   never each other; web/ (the pages nhacviecd serves under /w/) is below
#   the loop and uses what the CLI may, never the loop itself; import/ uses core/, calendar/, store/, util/; core/
#   uses calendar/, store/, util/ and providers/provider.h; calendar/ and
#   store/ use util/ only; providers use util/ and provider.h.
# import/ reaches providers/ only through core's config.h.
BELOW          := daemon/core daemon/calendar daemon/import daemon/store \
	daemon/util providers
INC.daemon          := daemon daemon/web $(BELOW)
INC.daemon/web      := daemon/web $(BELOW)
INC.daemon/cli      := daemon/cli $(BELOW)
INC.daemon/import   := daemon/import daemon/core daemon/calendar daemon/store \
	daemon/util providers
INC.daemon/core     := daemon/core daemon/calendar daemon/store daemon/util \
	providers
INC.daemon/calendar := daemon/calendar daemon/util
INC.daemon/store    := daemon/store daemon/util
INC.daemon/util     := daemon/util
INC.providers       := providers daemon/util
# Tests see every layer.
INC.tests           := daemon daemon/cli daemon/web $(BELOW)
layer_inc = $(addprefix -iquote ,$(or $(INC.$(patsubst %/,%,$(dir $(1)))),\
	$(INC.tests)))
ALL_LDFLAGS := $(LDFLAGS)
# libunistring and http-parser ship no pkg-config file on Debian 12.
LIBS := $(PKG_LIBS) -lunistring -lcsv -lhttp_parser -lm

# FUZZ=1 (with CC=clang) instruments everything for libFuzzer.
FUZZ ?=
ifneq ($(FUZZ),)
ALL_CFLAGS  += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
ALL_LDFLAGS += -fsanitize=address,undefined
endif
comma := ,
SANITIZE ?=
ifneq ($(SANITIZE),)
ifneq ($(filter-out address undefined,$(subst $(comma), ,$(SANITIZE))),)
$(error SANITIZE takes address, undefined or address,undefined)
endif
ALL_CFLAGS  += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
endif
# The admin tool allocates with jemalloc, on transparent huge pages
# (daemon/cli/nhacviec.c says why).  A sanitizer brings its own
# allocator, so those builds keep glibc's.
CLI_MALLOC := $(if $(SANITIZE)$(FUZZ),,-ljemalloc)

# Everything but the two mains goes into the library that the tests link.
LIB_SRCS := $(filter-out daemon/nhacviecd.c daemon/cli/nhacviec.c,\
	$(wildcard daemon/*.c daemon/*/*.c)) $(wildcard providers/*.c)
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
LIB_A    := $(BUILD)/libnhacviec.a
# The fake clock replaces clock.o only in the test builds of the programs.
FAKE_OBJS := $(filter-out $(BUILD)/daemon/util/clock.o,$(LIB_OBJS)) $(BUILD)/daemon/util/clock-fake.o

UNIT_SRCS  := $(wildcard tests/unit/test-*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
HELPERS    := $(BUILD)/tests/fakehook $(BUILD)/tests/fakesmtp \
	$(BUILD)/tests/notifysock $(BUILD)/tests/attack \
	$(BUILD)/tests/nhacviecd-fakeclock \
	$(BUILD)/tests/nhacviec-fakeclock $(BUILD)/tests/mkzip

FUZZ_SRCS  := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BINS  := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 20

PROGS := $(BUILD)/nhacviecd $(BUILD)/nhacviec

# Translations: one po/LANG.po per language, compiled into the build
# tree's locale/ (the tests point NHACVIEC_LOCALEDIR there) and installed
# under $(LOCALEDIR).  Adding a language is adding its .po file.
PO_LANGS := $(basename $(notdir $(wildcard po/*.po)))
MO_FILES := $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/nhacviec.mo)
# The sources whose texts are marked for translation.
NLS_SRCS := daemon/nhacviecd.c $(wildcard daemon/cli/*.c daemon/core/*.c \
	daemon/import/*.c daemon/calendar/*.c daemon/store/store.c \
	daemon/util/*.c providers/*.c)

.SECONDARY:
.PHONY: all deps check check-unit check-e2e check-faults check-faults-full \
	demo install uninstall clean check-install help fuzz check-fuzz fuzz-bins \
	check-po update-po
all: $(PROGS) $(MO_FILES)

help:
	@echo "make            build nhacviecd and nhacviec into $(BUILD)/"
	@echo "make deps       install the Debian build and test dependencies"
	@echo "make demo       deps + build + a one-minute demo on the console provider"
	@echo "make check      deps + build + unit, end-to-end and fault tests, a short fuzz pass"
	@echo "make check-faults       the fault suite, bounded (2,000 messages, 6 kills)"
	@echo "make check-faults-full  the fault suite at scale (10,000 messages, 20 kills)"
	@echo "make install    install (PREFIX=$(PREFIX) DESTDIR=...)"
	@echo "make check-fuzz run each libFuzzer target FUZZ_SECONDS (20)"
	@echo "make check-po   every marked text is in each catalog, all translated"
	@echo "make update-po  merge new texts of the sources into po/*.po"
	@echo "SANITIZE=address,undefined BUILD=build-asan  sanitizer build"

deps:
	@sh .ci/deps

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(call layer_inc,$<) -c -o $@ $<

$(BUILD)/daemon/util/clock-fake.o: daemon/util/clock.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(call layer_inc,$<) -DNHACVIEC_FAKE_CLOCK -c -o $@ $<

$(BUILD)/locale/%/LC_MESSAGES/nhacviec.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt -c -o $@ $<

$(BUILD)/nhacviec.pot: $(NLS_SRCS)
	@mkdir -p $(dir $@)
	xgettext --from-code=UTF-8 -L C -k_ -kN_ --no-location \
		--add-comments=TRANSLATORS: \
		--package-name=nhacviec --package-version=$(VERSION) \
		--msgid-bugs-address=nhacviec -o $@ $(NLS_SRCS)

# New texts arrive untranslated (check-po then fails until they are
# translated); texts gone from the sources are dropped.
update-po: $(BUILD)/nhacviec.pot
	@for po in po/*.po; do \
		msgmerge -q --no-fuzzy-matching --no-location --backup=none \
			--update $$po $(BUILD)/nhacviec.pot && \
		msgattrib --no-obsolete --no-location -o $$po $$po || exit 1; \
	done

check-po: $(BUILD)/nhacviec.pot
	@sh tests/check-po.sh $(BUILD)/nhacviec.pot po/*.po

$(LIB_A): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/nhacviecd: $(BUILD)/daemon/nhacviecd.o $(LIB_A)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/nhacviec: $(BUILD)/daemon/cli/nhacviec.o $(LIB_A)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(CLI_MALLOC)

$(BUILD)/tests/nhacviecd-fakeclock: $(BUILD)/daemon/nhacviecd.o $(FAKE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/nhacviec-fakeclock: $(BUILD)/daemon/cli/nhacviec.o $(FAKE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(CLI_MALLOC)

$(BUILD)/tests/fakehook: $(BUILD)/tests/fake/fakehook.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/fakesmtp: $(BUILD)/tests/fake/fakesmtp.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/attack: $(BUILD)/tests/fake/attack.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

$(BUILD)/tests/mkzip: $(BUILD)/tests/fake/mkzip.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/notifysock: $(BUILD)/tests/fake/notifysock.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

$(BUILD)/tests/test-%: $(BUILD)/tests/unit/test-%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

$(BUILD)/fuzz/fuzz-%: $(BUILD)/tests/fuzz/fuzz-%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz-bins: $(FUZZ_BINS)

# The fuzz targets need clang; they get a build directory of their own.
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang FUZZ=1 fuzz-bins

check-fuzz: fuzz
	@sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

# A short fuzz pass is part of every check; check-fuzz alone runs longer.
CHECK_FUZZ_SECONDS ?= 10

check: deps
	@$(MAKE) --no-print-directory check-unit check-e2e check-faults
	@$(MAKE) --no-print-directory check-fuzz FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS)

check-unit: $(UNIT_BINS) check-po
	@sh tests/check-layout.sh
	@sh tests/run-unit.sh $(BUILD) $(UNIT_BINS)

check-e2e: $(PROGS) $(MO_FILES) $(HELPERS)
	@sh tests/e2e/run.sh $(BUILD)

check-faults: $(PROGS) $(MO_FILES) $(HELPERS)
	@sh tests/faults/run.sh $(BUILD)

check-faults-full: $(PROGS) $(HELPERS)
	@FAULT_MSGS=10000 FAULT_KILLS=20 FAULT_TIMEOUT=900 \
	    sh tests/faults/run.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh config/demo.sh $(BUILD)

install: $(PROGS) $(MO_FILES)
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(SYSCONFDIR)/nhacviec $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)
	install -m 0755 $(BUILD)/nhacviecd $(DESTDIR)$(SBINDIR)/nhacviecd
	install -m 0755 $(BUILD)/nhacviec $(DESTDIR)$(BINDIR)/nhacviec
	install -m 0644 man/nhacviecd.8 $(DESTDIR)$(MANDIR)/man8/nhacviecd.8
	install -m 0644 man/nhacviec.1 $(DESTDIR)$(MANDIR)/man1/nhacviec.1
	install -m 0644 man/nhacviec.ini.5 $(DESTDIR)$(MANDIR)/man5/nhacviec.ini.5
	install -m 0644 config/nhacviec.ini $(DESTDIR)$(DOCDIR)/nhacviec.ini.example
	install -m 0644 config/holidays-vn.ini $(DESTDIR)$(DOCDIR)/holidays-vn.ini.example
	for l in $(PO_LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 0644 $(BUILD)/locale/$$l/LC_MESSAGES/nhacviec.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/nhacviec.mo || exit 1; \
	done
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(TMPFILESDIR)
	sed -e 's|@sbindir@|$(SBINDIR)|g' -e 's|@sysconfdir@|$(SYSCONFDIR)|g' \
		systemd/nhacviecd.service.in > $(DESTDIR)$(UNITDIR)/nhacviecd.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/nhacviecd.service
	install -m 0644 systemd/nhacviec.sysusers $(DESTDIR)$(SYSUSERSDIR)/nhacviec.conf
	install -m 0644 systemd/nhacviec.tmpfiles $(DESTDIR)$(TMPFILESDIR)/nhacviec.conf
	@# Never overwrite a config the administrator may have edited.
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/nhacviec/nhacviec.ini ]; then \
		echo "keeping existing $(DESTDIR)$(SYSCONFDIR)/nhacviec/nhacviec.ini"; \
	else \
		install -m 0640 config/nhacviec.ini $(DESTDIR)$(SYSCONFDIR)/nhacviec/nhacviec.ini; \
	fi
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/nhacviec/holidays-vn.ini ]; then \
		echo "keeping existing $(DESTDIR)$(SYSCONFDIR)/nhacviec/holidays-vn.ini"; \
	else \
		install -m 0644 config/holidays-vn.ini $(DESTDIR)$(SYSCONFDIR)/nhacviec/holidays-vn.ini; \
	fi
	@# The daemon's group must read the config; only possible on a live system.
	@if [ -z "$(DESTDIR)" ] && getent group nhacviec >/dev/null; then \
		chgrp nhacviec $(SYSCONFDIR)/nhacviec/nhacviec.ini; fi

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/nhacviecd $(DESTDIR)$(BINDIR)/nhacviec \
		$(DESTDIR)$(MANDIR)/man8/nhacviecd.8 $(DESTDIR)$(MANDIR)/man1/nhacviec.1 \
		$(DESTDIR)$(MANDIR)/man5/nhacviec.ini.5 $(DESTDIR)$(DOCDIR)/nhacviec.ini.example \
		$(DESTDIR)$(DOCDIR)/holidays-vn.ini.example \
		$(DESTDIR)$(UNITDIR)/nhacviecd.service $(DESTDIR)$(SYSUSERSDIR)/nhacviec.conf \
		$(DESTDIR)$(TMPFILESDIR)/nhacviec.conf \
		$(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/nhacviec.mo)
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null
	@echo "left $(DESTDIR)$(SYSCONFDIR)/nhacviec/ in place (it may hold local edits)"

check-install: $(PROGS) $(MO_FILES) $(BUILD)/tests/fakehook
	@sh tests/check-install.sh $(BUILD)

clean:
	rm -rf build build-*

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
