# tests/tools: native test programs used by tests/security (not installed).
#
#   make build/tools/pptpc    a minimal PPTP client (tests/tools/pptpc.c)
#
# The client reuses the project's pure code: PPTP messages (ctrl), GRE,
# PPP framing and MPPE (gre), MS-CHAPv2 and the MPPE start keys (auth).
# Both gre and auth need nettle; common needs sodium, so they come last.
TOOLS_BINS	:= $(B)/tools/pptpc

$(B)/tools/pptpc: $(B)/obj/tests/tools/pptpc.o $(call lib,ctrl) \
	    $(call lib,gre) $(call lib,auth) $(call lib,common)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lnettle -lcrypto -lsodium

.PHONY: tools
tools: $(TOOLS_BINS)
