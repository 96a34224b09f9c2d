/*
 * hpptpd tests: DHCPINFORM decoding and the DHCPACK (ctrl/dhcp.c),
 * RFC 3442 route encoding examples, malformed packets.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/dhcp.h"

#define CLIENT	0x0a6400c9u	/* 10.100.0.201 */

static uint16_t
cks(const uint8_t *p, size_t n, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static size_t
inform(uint8_t *b, uint32_t src, bool udpsum)
{
	size_t n;
	uint16_t s;

	memset(b, 0, 600);
	b[0] = 0x45;
	b[8] = 128;
	b[9] = 17;
	b[12] = (uint8_t)(src >> 24); b[13] = (uint8_t)(src >> 16);
	b[14] = (uint8_t)(src >> 8); b[15] = (uint8_t)src;
	memset(b + 16, 0xff, 4);
	b[21] = 68; b[23] = 67;
	b[28] = 1; b[29] = 1; b[30] = 6;
	memcpy(b + 32, "\x11\x22\x33\x44", 4);
	memcpy(b + 40, b + 12, 4);			/* ciaddr */
	memcpy(b + 56, "\x00\x53\x45\x00\x00\x01", 6);
	memcpy(b + 264, "\x63\x82\x53\x63", 4);
	n = 268;
	memcpy(b + n, "\x00\x35\x01\x08\x3d\x07\x01\x00\x53\x45\x00\x00\x01"
	    "\xff", 14);
	n += 14;
	b[2] = (uint8_t)(n >> 8); b[3] = (uint8_t)n;
	s = cks(b, 20, 0);
	b[10] = (uint8_t)(s >> 8); b[11] = (uint8_t)s;
	b[24] = (uint8_t)((n - 20) >> 8); b[25] = (uint8_t)(n - 20);
	if (udpsum) {
		uint32_t ps = (src >> 16) + (src & 0xffff) + 0xffff + 0xffff +
		    17 + (uint32_t)(n - 20);

		s = cks(b + 20, n - 20, ps);
		b[26] = (uint8_t)(s >> 8); b[27] = (uint8_t)s;
	}
	return n;
}

static void
conf(struct dhcp_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->server_ip = 0x0a640101;
	c->netmask = 0xffffff00;
	c->dns[0] = 0xca636044;
	memcpy(c->domain, "corp", 4);
	c->nroutes = 1;
	c->routes[0].prefix = 0xc0a80000;
	c->routes[0].len = 16;
}

static void
test_rfc3442_examples(void **state)
{
	static const struct dhcp_route rt[] = {
		{ 0x00000000, 0 }, { 0x0a000000, 8 }, { 0x0a110000, 16 },
		{ 0x0a1b8100, 24 }, { 0x0ae50080, 25 }, { 0x0ac67a2f, 32 },
		{ 0x0affffff, 8 },	/* host bits are masked off */
	};
	static const uint8_t exp[] =
	    "\x00" "\x0a\x64\x01\x01"
	    "\x08\x0a" "\x0a\x64\x01\x01"
	    "\x10\x0a\x11" "\x0a\x64\x01\x01"
	    "\x18\x0a\x1b\x81" "\x0a\x64\x01\x01"
	    "\x19\x0a\xe5\x00\x80" "\x0a\x64\x01\x01"
	    "\x20\x0a\xc6\x7a\x2f" "\x0a\x64\x01\x01"
	    "\x08\x0a" "\x0a\x64\x01\x01";
	uint8_t out[128];
	struct dhcp_route bad = { 0, 33 };

	assert_int_equal(dhcp_encode_routes(rt, 7, 0x0a640101, out,
	    sizeof(out)), sizeof(exp) - 1);
	assert_memory_equal(out, exp, sizeof(exp) - 1);
	assert_int_equal(dhcp_encode_routes(&bad, 1, 0, out, sizeof(out)),
	    HP_E_RANGE);
	assert_true(dhcp_encode_routes(rt, 7, 0, out, 10) < 0);
}

static void
test_inform_ack(void **state)
{
	struct dhcp_conf c;
	uint8_t pkt[600], out[DHCP_MAX_REPLY];
	size_t n, outlen = 0;
	int udp;

	conf(&c);
	for (udp = 0; udp < 2; udp++) {
		n = inform(pkt, CLIENT, udp);
		assert_int_equal(dhcp_inform_reply(&c, pkt, n, CLIENT, out,
		    sizeof(out), &outlen), HP_OK);
		/* Valid IP and UDP checksums, 67 -> 68, to the client. */
		assert_int_equal(cks(out, 20, 0), 0);
		assert_memory_equal(out + 12, "\x0a\x64\x01\x01\x0a\x64\x00\xc9",
		    8);
		assert_memory_equal(out + 20, "\x00\x43\x00\x44", 4);
		assert_int_equal(out[28], 2);
		assert_memory_equal(out + 32, "\x11\x22\x33\x44", 4);
		assert_memory_equal(out + 264, "\x63\x82\x53\x63", 4);
		assert_memory_equal(out + 268, "\x35\x01\x05\x36\x04\x0a\x64\x01"
		    "\x01\x01\x04\xff\xff\xff\x00"
		    "\x79\x07\x10\xc0\xa8\x0a\x64\x01\x01"
		    "\xf9\x07\x10\xc0\xa8\x0a\x64\x01\x01"
		    "\x06\x04\xca\x63\x60\x44" "\x0f\x04" "corp\xff", 46);
		assert_int_equal(outlen, 268 + 46);
		/* The reply parses as IP/UDP with a valid checksum. */
		{
			uint32_t ps = 0x0a64 + 0x0101 + 0x0a64 + 0x00c9 + 17 +
			    (uint32_t)(outlen - 20);

			assert_int_equal(cks(out + 20, outlen - 20, ps), 0);
		}
	}
}

static void
test_many_routes_split(void **state)
{
	struct dhcp_conf c;
	uint8_t pkt[600], out[DHCP_MAX_REPLY];
	size_t n, outlen = 0, i;

	conf(&c);
	c.nroutes = DHCP_MAX_ROUTES;
	for (i = 0; i < DHCP_MAX_ROUTES; i++) {
		c.routes[i].prefix = 0xac100000u + (uint32_t)(i << 8);
		c.routes[i].len = 32;
	}
	n = inform(pkt, CLIENT, true);
	assert_int_equal(dhcp_inform_reply(&c, pkt, n, CLIENT, out,
	    sizeof(out), &outlen), HP_OK);
	/* 32 x 9 = 288 bytes: option 121 split as 255 + 33 (RFC 3396). */
	assert_int_equal(out[268 + 15], 121);
	assert_int_equal(out[268 + 16], 255);
	assert_int_equal(out[268 + 17 + 255], 121);
	assert_int_equal(out[268 + 18 + 255], 33);
}

static void
test_malformed(void **state)
{
	struct dhcp_conf c;
	struct dhcp_inform in;
	uint8_t pkt[600], out[DHCP_MAX_REPLY];
	size_t n, outlen = 1, i;

	conf(&c);
	n = inform(pkt, CLIENT, true);
	/* Every truncation fails, and leaves no reply. */
	for (i = 0; i < n - 1; i++) {
		assert_int_not_equal(dhcp_inform_reply(&c, pkt, i, CLIENT,
		    out, sizeof(out), &outlen), HP_OK);
		assert_int_equal(outlen, 0);
	}
	/* Without the end option it still parses. */
	assert_int_equal(dhcp_parse_inform(pkt, n - 1, &in) == HP_OK, false);
	/* Wrong source, spoofed ciaddr. */
	assert_int_equal(dhcp_inform_reply(&c, pkt, n, CLIENT + 1, out,
	    sizeof(out), &outlen), HP_E_FIELD);
	/* Bad IP checksum, bad UDP checksum. */
	pkt[11] ^= 1;
	assert_int_not_equal(dhcp_parse_inform(pkt, n, &in), HP_OK);
	pkt[11] ^= 1;
	pkt[27] ^= 1;
	assert_int_not_equal(dhcp_parse_inform(pkt, n, &in), HP_OK);
	/* A DHCPDISCOVER, an option running past the end. */
	n = inform(pkt, CLIENT, false);
	pkt[271] = 1;
	assert_int_equal(dhcp_parse_inform(pkt, n, &in), HP_E_UNSUPP);
	pkt[271] = 8;
	pkt[273] = 0x7f;
	assert_int_equal(dhcp_parse_inform(pkt, n, &in), HP_E_BADLEN);
	/* UDP length larger than the packet. */
	n = inform(pkt, CLIENT, false);
	pkt[25] += 1;
	assert_int_equal(dhcp_parse_inform(pkt, n, &in), HP_E_BADLEN);
	/* A fragment. */
	n = inform(pkt, CLIENT, false);
	pkt[6] = 0x20;
	pkt[10] = 0;
	pkt[11] = 0;
	{
		uint16_t s = cks(pkt, 20, 0);

		pkt[10] = (uint8_t)(s >> 8);
		pkt[11] = (uint8_t)s;
	}
	assert_int_equal(dhcp_parse_inform(pkt, n, &in), HP_E_UNSUPP);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3442_examples),
		cmocka_unit_test(test_inform_ack),
		cmocka_unit_test(test_many_routes_split),
		cmocka_unit_test(test_malformed),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
