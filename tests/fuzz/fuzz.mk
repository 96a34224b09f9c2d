# libFuzzer targets.  tests/fuzz/fuzz_<mod>_<name>.c is linked with the
# real code of <mod> (and policy/ and common/, as the binaries are: a
# worker's handler table is walked by policy/worker.c), compiled again
# by clang with the fuzzer instrumentation and ASan + UBSan.  Corpus: tests/fuzz/corpus/<mod>_<name>/.

FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRCS))
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined -D_GNU_SOURCE -DHP_FUZZ -I. -I$(B)/gen \
	-Wall -Wno-unused-parameter
FUZZ_SECONDS ?= 60
fmod	= $(word 2,$(subst _, ,$(notdir $(1))))
fobjs	= $(patsubst %.c,$(B)/fuzzobj/%.o,$(call srcs,$(1))) \
	  $(patsubst %.y,$(B)/fuzzobj/gen/%.o,$(wildcard $(1)/*.y))

$(B)/fuzzobj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) -I$(dir $*) -c -o $@ $<

$(B)/fuzzobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

define fuzzbin
$(B)/fuzz/$(1): $(B)/fuzzobj/tests/fuzz/$(1).o $(call fobjs,$(call fmod,$(1))) $(call fobjs,policy) $(call fobjs,common)
	@mkdir -p $$(dir $$@)
	$(CLANG) -fsanitize=fuzzer,address,undefined -o $$@ $$^ $(LIBS_$(call fmod,$(1))) $(LIBS_policy) $(LIBS_common)
endef
$(foreach t,$(FUZZ_SRCS:tests/fuzz/%.c=%),$(eval $(call fuzzbin,$(t))))

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@$(HP_ENV) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run-fuzz.sh
