# make load: the load benchmark (issue 18 item 9); prints a table, see
# BENCHMARKS.md.  tests/load/loadc.c reuses the project's pure codecs as
# tests/tools/pptpc.c does.
LOAD_BINS	:= $(B)/load/loadc

$(B)/load/loadc: $(B)/obj/tests/load/loadc.o $(B)/obj/tests/load/traffic.o \
	    $(call lib,ctrl) \
	    $(call lib,gre) $(call lib,auth) $(call lib,common)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lnettle -lcrypto -lsodium

load: deps
	@$(MAKE) --no-print-directory all $(LOAD_BINS)
	@$(HP_ENV) sh tests/load/run-load.sh
