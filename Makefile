# hpptpd: hardened PPTP VPN server.  See README.md.
#
#   make            build the five binaries into build/
#   make deps       install Debian packages, create _hpptpd and /var/empty
#                   (run, install: only the build set; check, demo, bench:
#                   everything)
#   make check      deps + build + every test suite, ends with "N passed, N failed"
#   make run        run the server in the foreground on the built-in defaults
#   make fuzz       run every libFuzzer target for FUZZ_SECONDS each
#   make bench      data-path benchmark (prints a table)
#   make load       load benchmark: sessions set up, held, cycled (root)
#   make valgrind   valgrind memcheck of every unit test
#   make SAN=1 ...  the same with ASan + UBSan (objects in build-san/)

CC	?= gcc
CLANG	?= clang
YACC	:= byacc

ifeq ($(SAN),1)
B	:= build-san
OPT	:= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
SANLD	:= -fsanitize=address,undefined
# tests/run-all.sh: sanitizer options per suite, and the daemon check
export HP_SAN := 1
else
B	:= build
OPT	:= -O2 -g -D_FORTIFY_SOURCE=2
SANLD	:=
endif
ifeq ($(SECCOMP_TRAP),1)
# Development only: seccomp traps and names the syscall instead of killing.
OPT	+= -DHP_SECCOMP_TRAP
endif
ifeq ($(TEST_HOOKS),1)
# Test-only hooks (tests/security): on a real-time signal master makes a
# worker misbehave (forbidden syscall, malformed message).  Built into
# their own directory; release builds never contain them.
B	:= $(B)-test
OPT	+= -DHP_TEST_HOOKS
endif

WARN	:= -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wimplicit-fallthrough \
	   -Wmissing-prototypes -Wstrict-prototypes -Wno-unused-parameter
CFLAGS	:= -std=gnu11 $(OPT) $(WARN) -fstack-protector-strong -fPIE \
	   -D_GNU_SOURCE -I. -I$(B)/gen $(EXTRA_CFLAGS)
LDFLAGS	:= -pie -Wl,-z,relro,-z,now $(SANLD)

LIBS_common	:= -lsodium
LIBS_policy	:= -lseccomp -lcap-ng
LIBS_master	:= -lmnl -lutil -lcap-ng
LIBS_ctrl	:=
LIBS_gre	:= -lnettle -lcrypto
LIBS_auth	:= -lnettle
LIBS_hpptpctl	:=

MODS	:= common policy master ctrl gre auth hpptpctl
BINS	:= $(B)/hpptpd $(B)/hpptpd-ctrl $(B)/hpptpd-gre $(B)/hpptpd-auth \
	   $(B)/hpptpctl

# Every directory is a static library of its .c files except main.c;
# master also gets the C files generated from its .y grammars.
srcs	= $(filter-out $(1)/main.c,$(wildcard $(1)/*.c))
objs	= $(patsubst %.c,$(B)/obj/%.o,$(call srcs,$(1))) \
	  $(patsubst %.y,$(B)/gen/%.o,$(wildcard $(1)/*.y))
lib	= $(B)/lib$(1).a

.PHONY: all deps deps-build check run fuzz fuzz-build bench clean install \
	uninstall unit security interop demo man-lint valgrind deb fresh-check \
	install-check load FORCE
.SECONDARY:

all: $(BINS)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/gen/%.c: %.y
	@mkdir -p $(dir $@)
	$(YACC) -o $@ $<

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(CFLAGS) -Wno-missing-prototypes -I$(dir $*) -MMD -MP -c -o $@ $<

define modlib
$(call lib,$(1)): $(call objs,$(1))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && ar rcs $$@ $$^
endef
$(foreach m,$(MODS),$(eval $(call modlib,$(m))))

# A binary: its main.o + its own library + common + policy.
define bin
$(B)/$(1): $(B)/obj/$(2)/main.o $(call lib,$(2)) $(call lib,policy) $(call lib,common)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(LIBS_$(2)) $(LIBS_policy) $(LIBS_common)
endef
$(eval $(call bin,hpptpd,master))
$(eval $(call bin,hpptpd-ctrl,ctrl))
$(eval $(call bin,hpptpd-gre,gre))
$(eval $(call bin,hpptpd-auth,auth))
$(eval $(call bin,hpptpctl,hpptpctl))

# Unit tests: tests/unit/test_<mod>_<name>.c links lib<mod>.a.
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))
umod	= $(word 2,$(subst _, ,$(notdir $(1))))

define unitbin
$(B)/tests/$(1): $(B)/obj/tests/unit/$(1).o $(call lib,$(call umod,$(1))) $(call lib,policy) $(call lib,common)
	@mkdir -p $$(dir $$@)
	$(CC) $(LDFLAGS) $$(LDFLAGS_$(1)) -o $$@ $$^ -lcmocka $(LIBS_$(call umod,$(1))) $(LIBS_policy) $(LIBS_common)
endef
# test_master_session drives master's session machine alone: what it
# would send to workers, kill, or install in the kernel is recorded.
wrap	= $(foreach f,$(1),-Wl,--wrap=$(f))
LDFLAGS_test_master_session := $(call wrap,proc_send proc_kill net_admit \
	net_release net_user_admit net_route_up net_session_up net_session_down)
# test_master_netlink makes the kernel refuse TUNSETOFFLOAD (its fallback)
LDFLAGS_test_master_netlink := $(call wrap,ioctl)
$(foreach t,$(UNIT_SRCS:tests/unit/%.c=%),$(eval $(call unitbin,$(t))))

unit-build: $(UNIT_BINS)
unit-%: $(B)/tests/test_%
	@true

# Fuzz targets: tests/fuzz/fuzz_<mod>_<name>.c, built with clang's libFuzzer.
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk
include tests/load/load.mk

HP_ENV	= HP_BUILD=$(CURDIR)/$(B) HP_TOP=$(CURDIR)

deps:
	@sh tools/deps.sh
deps-build:
	@sh tools/deps.sh build

check: deps
	@$(MAKE) --no-print-directory all unit-build fuzz-build
	@$(MAKE) --no-print-directory TEST_HOOKS=1 all
	@$(HP_ENV) HP_TEST_BUILD=$(CURDIR)/$(B)-test sh tests/run-all.sh

unit: all unit-build
	@$(HP_ENV) sh tests/run-all.sh unit

security: all
	@$(MAKE) --no-print-directory TEST_HOOKS=1 all
	@$(HP_ENV) HP_TEST_BUILD=$(CURDIR)/$(B)-test sh tests/run-all.sh security

interop: all
	@$(HP_ENV) sh tests/run-all.sh interop

run: deps-build
	@$(MAKE) --no-print-directory all
	@$(HP_ENV) sh tools/run.sh

# valgrind memcheck of every unit test, one line each (logs in
# $(B)/valgrind/).  Not with SAN=1: valgrind cannot run ASan binaries.
# Skipped: tests whose children enter the seccomp sandbox (valgrind does
# not emulate seccomp(2) and its own writes meet RLIMIT_FSIZE 0).
VG_SKIP	:= test_policy_sandbox
VG	:= valgrind -q --error-exitcode=99 --leak-check=full \
	   --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	   --track-origins=yes --suppressions=tests/valgrind.supp
valgrind: unit-build
	@[ "$(SAN)" != 1 ] || { echo "make valgrind: not with SAN=1"; exit 1; }
	@mkdir -p $(B)/valgrind; fail=0; \
	for t in $(UNIT_BINS); do \
		n=$$(basename $$t); \
		case " $(VG_SKIP) " in *" $$n "*) \
			echo "ok - valgrind $$n # SKIP enters the sandbox"; \
			continue ;; \
		esac; \
		if $(VG) --log-file=$(B)/valgrind/$$n.log $$t \
		    >$(B)/valgrind/$$n.out 2>&1 && \
		    [ ! -s $(B)/valgrind/$$n.log ]; then \
			echo "ok - valgrind $$n"; \
		else \
			echo "not ok - valgrind $$n (see $(B)/valgrind/$$n.log)"; \
			fail=$$((fail + 1)); \
		fi; \
	done; \
	echo "valgrind: $$fail failed"; [ $$fail -eq 0 ]

demo: deps
	@$(MAKE) --no-print-directory all
	@$(HP_ENV) sh tools/demo.sh

# Where master execs its workers from: an absolute path compiled in.
# The build tree's hpptpd (build/hpptpd, what tests and make run start)
# execs the workers beside it in build/; make install installs a second
# link of master, build/inst/hpptpd, compiled with $(LIBEXECDIR).
PREFIX	?= /usr/local
SBINDIR	?= $(PREFIX)/sbin
LIBEXECDIR ?= $(PREFIX)/libexec/hpptpd
MANDIR	?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR	?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)
WORKERS	:= hpptpd-ctrl hpptpd-gre hpptpd-auth

# hp_libexec.h holds the path; rewritten only when it changes, so a new
# PREFIX rebuilds main.o and nothing else.
hdr_libexec = @mkdir -p $(dir $@); \
	printf '\#define HP_LIBEXEC "%s"\n' '$(1)' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
$(B)/gen/libexec/build/hp_libexec.h: FORCE
	$(call hdr_libexec,$(CURDIR)/$(B))
$(B)/gen/libexec/inst/hp_libexec.h: FORCE
	$(call hdr_libexec,$(LIBEXECDIR))
FORCE:
$(B)/obj/master/main.o: CFLAGS += -I$(B)/gen/libexec/build
$(B)/obj/master/main.o: $(B)/gen/libexec/build/hp_libexec.h
$(B)/inst/master/main.o: master/main.c $(B)/gen/libexec/inst/hp_libexec.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I$(B)/gen/libexec/inst -MMD -MP -c -o $@ $<
$(B)/inst/hpptpd: $(B)/inst/master/main.o $(call lib,master) $(call lib,policy) $(call lib,common)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_master) $(LIBS_policy) $(LIBS_common)

# make install: binaries (workers root-owned 0755 in LIBEXECDIR: master
# refuses any other), pages, the unit and /etc/default/hpptpd, the
# configuration only when absent, the _hpptpd user and /var/empty.
# DESTDIR (packaging): files only; the user is the package's postinst's.
install: $(if $(DESTDIR),,deps-build)
	@$(MAKE) --no-print-directory all $(B)/inst/hpptpd
	@HP_BUILD=$(CURDIR)/$(B) DESTDIR='$(DESTDIR)' SBINDIR='$(SBINDIR)' \
	    LIBEXECDIR='$(LIBEXECDIR)' MANDIR='$(MANDIR)' \
	    SYSCONFDIR='$(SYSCONFDIR)' UNITDIR='$(UNITDIR)' \
	    sh tools/install.sh install

# make uninstall: removes what install put there; keeps the
# configuration, /etc/default/hpptpd, secrets and the user.
uninstall:
	@DESTDIR='$(DESTDIR)' SBINDIR='$(SBINDIR)' LIBEXECDIR='$(LIBEXECDIR)' \
	    MANDIR='$(MANDIR)' SYSCONFDIR='$(SYSCONFDIR)' UNITDIR='$(UNITDIR)' \
	    sh tools/install.sh uninstall

# make deb: the Debian package from debian/ (dh, compat 13), built in a
# copy of the tracked files (dh_auto_clean would remove build/), then
# lintian; the .deb lands in build/deb/.
VERSION	= $(shell dpkg-parsechangelog -l debian/changelog -S Version 2>/dev/null)
deb: deps
	@rm -rf $(B)/deb && mkdir -p $(B)/deb/hpptpd-$(VERSION)
	@git ls-files -z | xargs -0 tar -cf - | tar -C $(B)/deb/hpptpd-$(VERSION) -xf -
	cd $(B)/deb/hpptpd-$(VERSION) && dpkg-buildpackage -us -uc -b >../build.log 2>&1 || \
	    { tail -n 30 ../build.log; exit 1; }
	@ls $(B)/deb/*.deb
	lintian --tag-display-limit 0 $(B)/deb/hpptpd_$(VERSION)_*.deb

# make install/uninstall and the unit (tests/install/t_*.sh; not in
# make check: CI runs it, .ci/run).
install-check: all
	@$(MAKE) --no-print-directory $(B)/inst/hpptpd
	@fail=0; for t in tests/install/t_*.sh; do \
		$(HP_ENV) sh $$t || fail=1; done; [ $$fail = 0 ]

# The README's commands on a bare Debian 12 root (debootstrap, cached in
# build/fresh/), then the .deb installed there: tests/install/fresh.sh.
fresh-check: deps
	@HP_TOP=$(CURDIR) sh tests/install/fresh.sh

man-lint:
	mandoc -T lint -W warning man/hpptpd.8 man/hpptpd.conf.5 man/hpptpctl.8

clean:
	rm -rf build build-san build-test build-san-test

# (build/fresh is make fresh-check's Debian root: not ours to scan)
-include $(shell find $(B) -path $(B)/fresh -prune -o -type f -name '*.d' -print 2>/dev/null)

# Test tools (a native PPTP client for tests/security), if present.
-include tests/tools/tools.mk
