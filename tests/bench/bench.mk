# make bench: data-path benchmark; prints a table (see BENCHMARKS.md).
BENCH_SRCS := $(wildcard tests/bench/bench_*.c)
BENCH_BINS := $(patsubst tests/bench/%.c,$(B)/bench/%,$(BENCH_SRCS))
bmod	= $(word 2,$(subst _, ,$(notdir $(1))))
# bench_gre_crypto sets both libraries side by side, whatever gre uses
LIBS_bench_gre_crypto := -lnettle -lcrypto

# helpers the benchmarks share (tests/bench/benchlib.h), linked into each
BENCH_LIB := $(B)/obj/tests/bench/benchlib.o

define benchbin
$(B)/bench/$(1): $(B)/obj/tests/bench/$(1).o $(BENCH_LIB) $(call lib,$(call bmod,$(1))) $(call lib,policy) $(call lib,common)
	@mkdir -p $$(dir $$@)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(LIBS_$(call bmod,$(1))) $(LIBS_$(1)) $(LIBS_policy) $(LIBS_common)
endef
$(foreach t,$(BENCH_SRCS:tests/bench/%.c=%),$(eval $(call benchbin,$(t))))

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@$(HP_ENV) sh tests/bench/run-bench.sh
