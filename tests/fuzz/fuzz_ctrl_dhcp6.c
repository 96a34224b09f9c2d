/*
 * hpptpd fuzz: the DHCPv6 Information-request decoder (ctrl/dhcp6.c),
 * on the bytes as they come and again with the UDP checksum made right
 * (the fuzzer cannot compute it).  A Reply is built for each valid one
 * and must itself check out: its checksum right, and the transaction
 * id and the client's DUID the request's.
 */
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "ctrl/dhcp6.h"
#include "ctrl/nd6.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
answer(const struct dhcp6_req *req)
{
	struct dhcp6_conf c;
	uint8_t out[DHCP6_REPLY_MAX];
	size_t n;
	int rv;

	memset(&c, 0, sizeof(c));
	c.ours[7] = 1;
	c.uuid[0] = 0x42;
	c.ndns = 2;
	c.dns[0][0] = 0x20;
	c.dns[1][0] = 0xfd;
	memcpy(c.domain, "corp.example.com", 17);
	rv = dhcp6_build_reply(&c, req, out, sizeof(out), &n);
	if (rv == HP_E_NOTFOUND && req->serverid_len != 0)
		return;
	if (rv != HP_OK || nd6_ulp_csum(out, n, 17) != 0 ||
	    out[48] != DHCP6_REPLY || out[49] != (uint8_t)(req->xid >> 16) ||
	    out[51] != (uint8_t)req->xid)
		__builtin_trap();
	if (req->clientid_len != 0 &&
	    memcmp(out + 78, req->clientid, req->clientid_len) != 0)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t fixed[4096];
	struct dhcp6_req req;
	uint16_t sum;

	if (dhcp6_parse_ir(data, size, &req) == HP_OK)
		answer(&req);
	if (size < 48 || size > sizeof(fixed))
		return 0;
	memcpy(fixed, data, size);
	fixed[46] = fixed[47] = 0;
	sum = nd6_ulp_csum(fixed, size, 17);
	fixed[46] = (uint8_t)(sum >> 8);
	fixed[47] = (uint8_t)sum;
	if (sum == 0)
		fixed[46] = fixed[47] = 0xff;
	if (dhcp6_parse_ir(fixed, size, &req) == HP_OK) {
		/* only link-local sources, only to ff02::1:2 */
		if (req.src[0] != 0xfe || (req.src[1] & 0xc0) != 0x80 ||
		    fixed[24] != 0xff || fixed[39] != 2)
			__builtin_trap();
		answer(&req);
	}
	return 0;
}
