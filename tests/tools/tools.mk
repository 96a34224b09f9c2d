# tests/tools: native test programs used by tests/security (not installed).
#
#   make build/tools/pptpc    a minimal PPTP client (tests/tools/pptpc.c)
#   make build/tools/radtest_hp  a RADIUS client over auth's codec
#                             (tests/tools/radtest_hp.c, t_radius_codec.sh)
#
# The client reuses the project's pure code: PPTP messages (ctrl), GRE,
# PPP framing and MPPE (gre), MS-CHAPv2 and the MPPE start keys (auth).
# Both gre and auth need nettle; common needs sodium, so they come last.
TOOLS_BINS	:= $(B)/tools/pptpc $(B)/tools/radtest_hp

$(B)/tools/pptpc: $(B)/obj/tests/tools/pptpc.o $(call lib,ctrl) \
	    $(call lib,gre) $(call lib,auth) $(call lib,common)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lnettle -lcrypto -lsodium

# built by make like the daemon, so SAN=1 gives a sanitized one too
$(B)/tools/radtest_hp: $(B)/obj/tests/tools/radtest_hp.o $(call lib,auth) \
	    $(call lib,common)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lnettle -lsodium

.PHONY: tools
tools: $(TOOLS_BINS)
