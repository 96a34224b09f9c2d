/*
 * hpptpd fuzz: the DHCPINFORM decoder and the DHCPACK it produces.
 */
#include <stdint.h>
#include <string.h>

#include "common/log.h"
#include "ctrl/dhcp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
discard(int prio, enum log_fac fac, const char *line)
{
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dhcp_conf c;
	struct dhcp_inform in;
	uint8_t out[DHCP_MAX_REPLY];
	static uint8_t fixed[4096];
	size_t outlen = 0, i;

	log_init("fuzz", 1, 0);
	log_set_sink(discard);
	memset(&c, 0, sizeof(c));
	c.server_ip = 0x0a640101;
	c.netmask = 0xffffffff;
	c.dns[0] = 0xca636044;
	c.dns[1] = 0x08080808;
	memcpy(c.domain, "example.com", 11);
	/* As many routes as allowed, of every width: options split. */
	c.nroutes = DHCP_MAX_ROUTES;
	for (i = 0; i < DHCP_MAX_ROUTES; i++) {
		c.routes[i].prefix = 0xc0a80000u + (uint32_t)i * 0x01010101u;
		c.routes[i].len = (uint8_t)i;
	}
	(void)dhcp_inform_reply(&c, data, size, 0x0a6400c9, out, sizeof(out),
	    &outlen);
	/*
	 * Again with the IP header checksum made right (the fuzzer cannot
	 * compute it) and the UDP checksum cleared (0: not computed).
	 */
	if (size >= 28 && size <= sizeof(fixed)) {
		uint32_t sum = 0;

		memcpy(fixed, data, size);
		fixed[10] = fixed[11] = 0;
		fixed[26] = fixed[27] = 0;
		for (i = 0; i + 1 < 20; i += 2)
			sum += (uint32_t)(fixed[i] << 8 | fixed[i + 1]);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		fixed[10] = (uint8_t)(~sum >> 8);
		fixed[11] = (uint8_t)~sum;
		data = fixed;
	}
	/* Accept whatever source it claims, to reach the encoder. */
	if (dhcp_parse_inform(data, size, &in) == 0) {
		if (dhcp_build_ack(&c, &in, in.src_ip, out, sizeof(out),
		    &outlen) != 0)
			__builtin_trap();	/* our own answer must fit */
		if (dhcp_parse_inform(out, outlen, &in) == 0)
			__builtin_trap();	/* an ACK is no INFORM */
	}
	return 0;
}
