/*
 * hpptpd fuzz: the Router Solicitation decoder (ctrl/nd6.c), on the
 * bytes as they come and again with the ICMPv6 checksum made right
 * (the fuzzer cannot compute it); an RA is built for each valid one,
 * and must itself check out.
 */
#include <stdint.h>
#include <string.h>

#include "common/err.h"
#include "ctrl/nd6.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t fixed[4096];
	struct nd6_ra_conf c;
	struct nd6_rs rs;
	uint8_t out[ND6_RA_MAX];
	size_t n;
	uint16_t sum;

	memset(&c, 0, sizeof(c));
	c.prefix[0] = 0x20;
	c.prefix[1] = 0x01;
	c.ours[7] = 1;
	c.mtu = 1400;
	c.router_lifetime = ND6_ROUTER_LIFETIME;
	if (nd6_parse_rs(data, size, &rs) == HP_OK &&
	    (nd6_build_ra(&c, rs.src, out, sizeof(out), &n) != HP_OK ||
	    nd6_icmp6_csum(out, n) != 0))
		__builtin_trap();
	if (size < 44 || size > sizeof(fixed))
		return 0;
	memcpy(fixed, data, size);
	fixed[42] = fixed[43] = 0;
	sum = nd6_icmp6_csum(fixed, size);
	fixed[42] = (uint8_t)(sum >> 8);
	fixed[43] = (uint8_t)sum;
	if (nd6_parse_rs(fixed, size, &rs) == HP_OK &&
	    (rs.src[0] != 0 && !(rs.src[0] == 0xfe && (rs.src[1] & 0xc0) ==
	    0x80)))
		__builtin_trap();	/* only link-local or :: get through */
	return 0;
}
