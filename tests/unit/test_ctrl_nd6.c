/*
 * hpptpd tests: router advertisements (ctrl/nd6.c, ctrl/ra.c): the RA
 * builder's layout and checksum, the Router Solicitation parser's
 * checks (RFC 4861 6.1.1), and a whole session: an RA when IPV6CP
 * opens with a prefix, the initial ones, answers to solicitations at
 * most one per 3 s, nothing without a prefix or before IPV6CP opens.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/nd6.h"
#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"
#include "test_ctrl_v6_harness.h"

/* A Router Solicitation from fe80::peer_id (src_unspec: from ::). */
static size_t
mk_rs(uint8_t *p, bool src_unspec, bool slla)
{
	size_t n = 40 + 8 + (slla ? 8 : 0);
	uint16_t c;

	memset(p, 0, n);
	p[0] = 0x60;
	p[5] = (uint8_t)(n - 40);
	p[6] = 58;
	p[7] = 255;
	if (!src_unspec) {
		p[8] = 0xfe;
		p[9] = 0x80;
		memcpy(p + 16, peer_id, 8);
	}
	p[24] = 0xff;
	p[25] = 0x02;
	p[39] = 0x02;
	p[40] = ND6_RS;
	if (slla) {
		p[48] = ND6_OPT_SLLA;
		p[49] = 1;
	}
	c = nd6_icmp6_csum(p, n);
	p[42] = (uint8_t)(c >> 8);
	p[43] = (uint8_t)c;
	return n;
}

static void
fix_csum(uint8_t *p, size_t n)
{
	uint16_t c;

	p[42] = p[43] = 0;
	c = nd6_icmp6_csum(p, n);
	p[42] = (uint8_t)(c >> 8);
	p[43] = (uint8_t)c;
}

static void
test_build_ra(void **state)
{
	struct nd6_ra_conf c;
	uint8_t out[ND6_RA_MAX], small[60];
	size_t n;

	memset(&c, 0, sizeof(c));
	memcpy(c.prefix, pfx, 16);
	memcpy(c.ours, ours, 8);
	c.mtu = 1400;
	c.router_lifetime = ND6_ROUTER_LIFETIME;
	assert_int_equal(nd6_build_ra(&c, NULL, out, sizeof(out), &n), HP_OK);
	assert_int_equal(n, 40 + 16 + 32 + 8);
	/* IPv6: version 6, payload length, ICMPv6, hop limit 255 */
	assert_int_equal(out[0], 0x60);
	assert_int_equal(out[4] << 8 | out[5], n - 40);
	assert_int_equal(out[6], 58);
	assert_int_equal(out[7], 255);
	/* from fe80::ours to ff02::1 */
	assert_memory_equal(out + 8, "\xfe\x80\0\0\0\0\0\0", 8);
	assert_memory_equal(out + 16, ours, 8);
	assert_memory_equal(out + 24, "\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x01",
	    16);
	/* RA: type, code, checksum right, lifetimes */
	assert_int_equal(out[40], 134);
	assert_int_equal(out[41], 0);
	assert_int_equal(nd6_icmp6_csum(out, n), 0);
	assert_int_equal(out[44], 64);
	assert_int_equal(out[45], 0);			/* M, O clear */
	assert_int_equal(out[46] << 8 | out[47], ND6_ROUTER_LIFETIME);
	/* Prefix Information: /64, L and A, lifetimes, the prefix */
	assert_int_equal(out[56], 3);
	assert_int_equal(out[57], 4);
	assert_int_equal(out[58], 64);
	assert_int_equal(out[59], 0xc0);
	assert_int_equal(g32(out + 60), ND6_VALID_LIFETIME);
	assert_int_equal(g32(out + 64), ND6_PREFERRED_LIFETIME);
	assert_memory_equal(out + 72, pfx, 16);
	/* MTU */
	assert_int_equal(out[88], 5);
	assert_int_equal(out[89], 1);
	assert_int_equal(g32(out + 92), 1400);
	/* without an MTU, and to a unicast destination */
	c.mtu = 0;
	assert_int_equal(nd6_build_ra(&c, out + 8, small, sizeof(small), &n),
	    HP_E_LONG);
	assert_int_equal(n, 0);
	assert_int_equal(nd6_build_ra(&c, out + 8, out, sizeof(out), &n),
	    HP_OK);
	assert_int_equal(n, 40 + 16 + 32);
	assert_memory_equal(out + 24, out + 8, 8);
	assert_int_equal(nd6_icmp6_csum(out, n), 0);
}

/* RDNSS (RFC 8106) and Route Information (RFC 4191) after the MTU. */
static void
test_build_ra_dns_routes(void **state)
{
	struct nd6_ra_conf c;
	uint8_t out[ND6_RA_MAX];
	size_t n, o;
	unsigned i;

	memset(&c, 0, sizeof(c));
	memcpy(c.prefix, pfx, 16);
	memcpy(c.ours, ours, 8);
	c.ndns = 2;
	c.dns[0][0] = 0x20;
	c.dns[0][15] = 0x53;
	c.dns[1][0] = 0xfd;
	c.dns[1][15] = 0x54;
	c.nroutes = 3;
	c.routes[0].plen = 0;				/* ::/0 */
	c.routes[1].prefix[0] = 0x20;
	c.routes[1].prefix[5] = 0x02;
	c.routes[1].plen = 48;
	c.routes[2].prefix[0] = 0xfd;
	c.routes[2].prefix[15] = 0x09;
	c.routes[2].plen = 128;
	assert_int_equal(nd6_build_ra(&c, NULL, out, sizeof(out), &n), HP_OK);
	assert_int_equal(nd6_icmp6_csum(out, n), 0);
	assert_int_equal(out[46] << 8 | out[47], 0);	/* lifetime as set */
	o = 40 + 16 + 32;				/* no MTU option */
	assert_int_equal(out[o], 25);
	assert_int_equal(out[o + 1], 5);		/* 1 + 2 x 2 */
	assert_int_equal(g32(out + o + 4), ND6_DNS_LIFETIME);
	assert_memory_equal(out + o + 8, c.dns[0], 16);
	assert_memory_equal(out + o + 24, c.dns[1], 16);
	o += 40;
	/* ::/0: length 1, no prefix bytes */
	assert_int_equal(out[o], 24);
	assert_int_equal(out[o + 1], 1);
	assert_int_equal(out[o + 2], 0);
	assert_int_equal(out[o + 3], 0);		/* Prf medium */
	assert_int_equal(g32(out + o + 4), ND6_ROUTE_LIFETIME);
	o += 8;
	/* /48: length 2, 8 prefix bytes */
	assert_int_equal(out[o + 1], 2);
	assert_int_equal(out[o + 2], 48);
	assert_memory_equal(out + o + 8, c.routes[1].prefix, 8);
	o += 16;
	/* /128: length 3, 16 bytes */
	assert_int_equal(out[o + 1], 3);
	assert_int_equal(out[o + 2], 128);
	assert_memory_equal(out + o + 8, c.routes[2].prefix, 16);
	o += 24;
	assert_int_equal(o, n);
	/* the most it ever holds fits ND6_RA_MAX */
	c.mtu = 1400;
	c.ndns = ND6_DNS_MAX;
	c.nroutes = ND6_ROUTES_MAX;
	for (i = 0; i < ND6_ROUTES_MAX; i++)
		c.routes[i].plen = 128;
	assert_int_equal(nd6_build_ra(&c, NULL, out, sizeof(out), &n), HP_OK);
	assert_int_equal(n, ND6_RA_MAX);
	c.nroutes = ND6_ROUTES_MAX + 1;
	assert_int_equal(nd6_build_ra(&c, NULL, out, sizeof(out), &n),
	    HP_E_RANGE);
}

static void
test_parse_rs(void **state)
{
	struct nd6_rs rs;
	uint8_t p[128];
	size_t n;

	n = mk_rs(p, false, false);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_OK);
	assert_memory_equal(rs.src + 8, peer_id, 8);
	n = mk_rs(p, false, true);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_OK);
	/* PPP padding after the payload length is ignored */
	assert_int_equal(nd6_parse_rs(p, n + 8, &rs), HP_OK);
	n = mk_rs(p, true, false);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_OK);
	/* from :: with a link-layer address option: invalid (6.1.1) */
	n = mk_rs(p, true, true);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
	/* forwarded (hop limit < 255) */
	n = mk_rs(p, false, false);
	p[7] = 64;
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
	/* bad checksum, bad code */
	n = mk_rs(p, false, false);
	p[43] ^= 1;
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
	n = mk_rs(p, false, false);
	p[41] = 1;
	fix_csum(p, n);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
	/* a global source is no solicitation of ours */
	n = mk_rs(p, false, false);
	p[8] = 0x20;
	fix_csum(p, n);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
	/* an RA, an echo: not solicitations */
	n = mk_rs(p, false, false);
	p[40] = ND6_RA;
	fix_csum(p, n);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_UNSUPP);
	n = mk_rs(p, false, false);
	p[6] = 17;
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_UNSUPP);
	/* options: zero length, past the end */
	n = mk_rs(p, false, true);
	p[49] = 0;
	fix_csum(p, n);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
	n = mk_rs(p, false, true);
	p[49] = 2;
	fix_csum(p, n);
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_BADLEN);
	/* truncated: payload length past the packet, short ICMPv6 */
	n = mk_rs(p, false, false);
	assert_int_equal(nd6_parse_rs(p, n - 1, &rs), HP_E_BADLEN);
	assert_int_equal(nd6_parse_rs(p, 39, &rs), HP_E_SHORT);
	p[5] = 4;
	assert_int_equal(nd6_parse_rs(p, 44, &rs), HP_E_SHORT);
	/* not IPv6 */
	n = mk_rs(p, false, false);
	p[0] = 0x45;
	assert_int_equal(nd6_parse_rs(p, n, &rs), HP_E_FORMAT);
}

/* Session with IPv6 on, authenticated, CCP up; IPV6CP opened if asked. */
static void
v6_session(struct harness *h, bool prefix, bool open)
{
	struct ppp_conf c;

	h_conf(&c);
	h6_session(h, &c, prefix, open);
}

static int
count_ra(struct harness *h)
{
	int i, n = 0;

	for (i = 0; i < h->nf; i++)
		if (h->f[i].proto == 0x0057 && h->f[i].len > 40 &&
		    h->f[i].b[40] == ND6_RA)
			n++;
	return n;
}

static void
test_session_ra(void **state)
{
	struct harness h;
	struct h_frame *f = NULL;
	uint8_t rs[64];
	size_t n;
	int i;

	v6_session(&h, true, true);
	/* one RA the moment IPV6CP opened, from fe80::ours, our prefix */
	assert_int_equal(count_ra(&h), 1);
	for (i = 0; i < h.nf; i++)
		if (h.f[i].proto == 0x0057)
			f = &h.f[i];
	assert_non_null(f);
	assert_memory_equal(f->b + 16, h.ip6_ours, 8);
	assert_memory_equal(f->b + 72, pfx, 16);
	assert_int_equal(nd6_icmp6_csum(f->b, f->len), 0);
	/* two more initial ones, 4 s apart, then none for a long while */
	h_clear(&h);
	h_tick(&h, 4000);
	h_tick(&h, 4000);
	assert_int_equal(count_ra(&h), 2);
	h_clear(&h);
	h_tick(&h, 60000);
	assert_int_equal(count_ra(&h), 0);
	/* a solicitation is answered at once... */
	n = mk_rs(rs, false, true);
	assert_int_equal(h_in_raw(&h, 0x0057, rs, n), HP_OK);
	assert_int_equal(count_ra(&h), 1);
	/* ...a flood of them gets one per 3 s */
	h_clear(&h);
	for (i = 0; i < 50; i++) {
		h.now += 10;
		assert_int_equal(h_in_raw(&h, 0x0057, rs, n), HP_OK);
	}
	assert_int_equal(count_ra(&h), 0);
	assert_true(ppp_next_deadline(h.p) <= h.now + 3000);
	h_tick(&h, 3000);
	assert_int_equal(count_ra(&h), 1);
	/* a bad one is dropped, not answered */
	h_clear(&h);
	h_tick(&h, 5000);
	rs[7] = 1;
	assert_true(h_in_raw(&h, 0x0057, rs, n) < 0);
	assert_int_equal(count_ra(&h), 0);
	/* the unsolicited ones go on */
	h_tick(&h, 200000);
	assert_int_equal(count_ra(&h), 1);
	ppp_destroy(h.p);
}

/* push-route6 makes a split tunnel: no default router; dns6 sent. */
static void
test_session_split(void **state)
{
	struct harness h;
	struct ppp_conf c;
	struct h_frame *f = NULL;
	uint8_t o[10] = { 1, 10 };
	int i;

	h_conf(&c);
	c.ipv6 = true;
	c.ndns6 = 1;
	c.dns6[0][0] = 0x20;
	c.nroutes6 = 1;
	c.routes6[0].prefix[0] = 0x20;
	c.routes6[0].plen = 16;
	h_init(&h, &c);
	ppp_set_prefix6(h.p, pfx);
	h_auth_ok(&h);
	h_ccp_up(&h);
	memcpy(o + 2, peer_id, 8);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 3, o, sizeof(o));
	h_ack_ours(&h, PPP_PROTO_IPV6CP);
	for (i = 0; i < h.nf; i++)
		if (h.f[i].proto == 0x0057)
			f = &h.f[i];
	assert_non_null(f);
	assert_int_equal(f->b[46] << 8 | f->b[47], 0);
	/* prefix, MTU, RDNSS (24), RIO /16 (16) */
	assert_int_equal(f->len, 40 + 16 + 32 + 8 + 24 + 16);
	assert_int_equal(f->b[96], 25);
	assert_int_equal(f->b[120], 24);
	assert_int_equal(f->b[122], 16);
	ppp_destroy(h.p);
}

static void
test_no_prefix_no_ra(void **state)
{
	struct harness h;
	uint8_t rs[64];
	size_t n = mk_rs(rs, false, false);

	/* IPv6 on, link-local only (no ipv6 pool): no RA, RS dropped */
	v6_session(&h, false, true);
	assert_int_equal(count_ra(&h), 0);
	assert_true(h_in_raw(&h, 0x0057, rs, n) < 0);
	h_tick(&h, 300000);
	assert_int_equal(count_ra(&h), 0);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
	/* a prefix, but IPV6CP not open yet: nothing either */
	v6_session(&h, true, false);
	assert_true(h_in_raw(&h, 0x0057, rs, n) < 0);
	assert_int_equal(count_ra(&h), 0);
	ppp_destroy(h.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_ra),
		cmocka_unit_test(test_build_ra_dns_routes),
		cmocka_unit_test(test_session_split),
		cmocka_unit_test(test_parse_rs),
		cmocka_unit_test(test_session_ra),
		cmocka_unit_test(test_no_prefix_no_ra),
	};

	log_init("test", 0, 0);
	h_unused();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
