# hpptpd: hardened PPTP VPN server.  See README.md.
#
#   make            build the five binaries into build/
#   make deps       install Debian packages, create _hpptpd and /var/empty
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
LIBS_master	:= -lmnl -lutil
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

.PHONY: all deps check run fuzz fuzz-build bench clean install unit \
	security interop demo man-lint valgrind load
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
	$(CC) $(LDFLAGS) -o $$@ $$^ -lcmocka $(LIBS_$(call umod,$(1))) $(LIBS_policy) $(LIBS_common)
endef
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

run: all
	@$(HP_ENV) sh tools/run.sh

# valgrind memcheck of every unit test, one line each (logs in
# $(B)/valgrind/).  Not with SAN=1: valgrind cannot run ASan binaries.
# Skipped: tests whose children enter the seccomp sandbox (valgrind does
# not emulate seccomp(2) and its own writes meet RLIMIT_FSIZE 0).
VG_SKIP	:= test_policy_sandbox
VG	:= valgrind -q --error-exitcode=99 --leak-check=full \
	   --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	   --track-origins=yes
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

demo: all
	@$(HP_ENV) sh tools/demo.sh

PREFIX	?= /usr/local
# The workers must sit beside hpptpd: master execs them from its own directory.
install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/man/man5 \
	    $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 0755 $(BINS) $(DESTDIR)$(PREFIX)/sbin/
	install -m 0644 man/hpptpd.conf.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 0644 man/hpptpd.8 man/hpptpctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/

man-lint:
	mandoc -T lint -W warning man/hpptpd.8 man/hpptpd.conf.5 man/hpptpctl.8

clean:
	rm -rf build build-san build-test build-san-test

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Test tools (a native PPTP client for tests/security), if present.
-include tests/tools/tools.mk
