/*
 * hpptpd tests: what the unit tests of ctrl's IPv6 answers
 * (test_ctrl_nd6.c, test_ctrl_dhcp6.c) share: the session's prefix,
 * our and the peer's interface identifiers, a big-endian reader, and a
 * session brought up to IPV6CP.  Included after cmocka.h (it asserts)
 * and test_ctrl_ppp_harness.h.
 */
#ifndef HP_TEST_CTRL_V6_HARNESS_H
#define HP_TEST_CTRL_V6_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"

static const uint8_t pfx[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00, 0x00,
    0x07 };
static const uint8_t ours[8] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde,
    0xf0 };
static const uint8_t peer_id[8] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
    0x66, 0x77 };

static uint32_t
g32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * A session on c with IPv6 on, authenticated, CCP up, what it sent so
 * far cleared; pfx its prefix if prefix; IPV6CP opened, the peer's
 * interface identifier peer_id, if open.
 */
static void
h6_session(struct harness *h, struct ppp_conf *c, bool prefix, bool open)
{
	uint8_t o[10] = { 1, 10 };

	c->ipv6 = true;
	h_init(h, c);
	assert_non_null(h->p);
	if (prefix)
		ppp_set_prefix6(h->p, pfx);
	h_auth_ok(h);
	h_ccp_up(h);
	h_clear(h);
	if (!open)
		return;
	memcpy(o + 2, peer_id, 8);
	h_in(h, PPP_PROTO_IPV6CP, 1, 3, o, sizeof(o));
	h_ack_ours(h, PPP_PROTO_IPV6CP);
	assert_int_equal(h->nip6, 1);
}

#endif
