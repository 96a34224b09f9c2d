/*
 * hpptpd tests: IPV6CP (RFC 5072) in a whole PPP session: off by
 * default (Protocol-Reject), and when on, Interface-Identifier
 * negotiation both ways, Naks for a zero or colliding identifier,
 * compression rejected, IPv4 untouched by IPv6's failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/log.h"
#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"

static const uint8_t peer_id[8] = { 0x02, 0x11, 0x22, 0x33,
    0x44, 0x55, 0x66, 0x77 };

/* Session with IPv6 on, authenticated, CCP up: IPCP and IPV6CP sent. */
static void
v6_session(struct harness *h, struct ppp_conf *c)
{
	h_init(h, c);
	assert_non_null(h->p);
	h_auth_ok(h);
	h_ccp_up(h);
}

static void
v6_conf(struct ppp_conf *c)
{
	h_conf(c);
	c->ipv6 = true;
}

/* An Interface-Identifier option with value id. */
static void
ifid_opt(uint8_t b[10], const uint8_t id[8])
{
	b[0] = 1;
	b[1] = 10;
	memcpy(b + 2, id, 8);
}

/* The identifier in our last IPV6CP Configure-Request. */
static const uint8_t *
our_req_id(struct harness *h)
{
	struct h_frame *f = &h->req_ipv6cp;

	assert_int_equal(f->len, 14);
	assert_int_equal(f->b[4], 1);
	assert_int_equal(f->b[5], 10);
	return f->b + 6;
}

static void
test_off_rejected(void **state)
{
	struct harness h;
	struct ppp_conf c;
	uint8_t o[10];

	h_conf(&c);
	h_init(&h, &c);
	h_auth_ok(&h);
	h_ccp_up(&h);
	/* nothing of ours for IPV6CP */
	assert_null(h_find(&h, PPP_PROTO_IPV6CP, 0));
	h_clear(&h);
	ifid_opt(o, peer_id);
	assert_int_equal(h_in(&h, PPP_PROTO_IPV6CP, 1, 1, o, sizeof(o)), 0);
	assert_int_equal(h_count(&h, PPP_PROTO_LCP, 8), 1);
	assert_int_equal(h.f[0].b[4], 0x80);
	assert_int_equal(h.f[0].b[5], 0x57);
	assert_null(h_find(&h, PPP_PROTO_IPV6CP, 0));
	/* and IPv6 itself is rejected too */
	h_clear(&h);
	assert_int_equal(h_in_raw(&h, 0x0057, "\x60\0\0\0", 4), 0);
	assert_int_equal(h_count(&h, PPP_PROTO_LCP, 8), 1);
	assert_int_equal(h.f[0].b[4], 0x00);
	assert_int_equal(h.f[0].b[5], 0x57);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

/* With IPv6 on, an IPv6 packet is dropped, never Protocol-Rejected. */
static void
test_ipv6_packets_not_rejected(void **state)
{
	struct harness h;
	struct ppp_conf c;

	v6_conf(&c);
	v6_session(&h, &c);
	h_clear(&h);
	assert_true(h_in_raw(&h, 0x0057, "\x60\0\0\0", 4) < 0);
	assert_int_equal(h.nf, 0);
	ppp_destroy(h.p);
}

static void
test_open_both_ways(void **state)
{
	struct harness h;
	struct ppp_conf c;
	const uint8_t *ours;
	struct h_frame *f;
	uint8_t o[10];

	v6_conf(&c);
	v6_session(&h, &c);
	/* IPCP and IPV6CP requests both went out once CCP opened */
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 1));
	assert_non_null(h_find(&h, PPP_PROTO_IPV6CP, 1));
	ours = our_req_id(&h);
	assert_false(ours[0] == 0 && ours[1] == 0 && ours[7] == 0 &&
	    ours[3] == 0);
	assert_int_equal(ours[0] & 0x02, 0);	/* local, not EUI-64 */

	h_clear(&h);
	ifid_opt(o, peer_id);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 3, o, sizeof(o));
	f = h_find(&h, PPP_PROTO_IPV6CP, 2);
	assert_true(h_opts_eq(f, o, sizeof(o)));
	assert_int_equal(h.nip6, 0);
	h_ack_ours(&h, PPP_PROTO_IPV6CP);
	assert_int_equal(h.nip6, 1);
	assert_memory_equal(h.ip6_peer, peer_id, 8);
	assert_memory_equal(h.ip6_ours, our_req_id(&h), 8);
	/* IPv4 still opens beside it */
	h_ipcp_up(&h);
	assert_int_equal(h.nip, 1);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

static void
test_zero_and_collision_nakd(void **state)
{
	static const uint8_t zero[8];
	struct harness h;
	struct ppp_conf c;
	uint8_t o[10], ours[8];
	struct h_frame *f;

	v6_conf(&c);
	v6_session(&h, &c);
	memcpy(ours, our_req_id(&h), 8);

	h_clear(&h);
	ifid_opt(o, zero);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 3, o, sizeof(o));
	f = h_find(&h, PPP_PROTO_IPV6CP, 3);
	assert_non_null(f);
	assert_int_equal(f->len, 14);
	assert_int_equal(f->b[4], 1);
	assert_memory_not_equal(f->b + 6, zero, 8);
	assert_memory_not_equal(f->b + 6, ours, 8);

	h_clear(&h);
	ifid_opt(o, ours);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 4, o, sizeof(o));
	f = h_find(&h, PPP_PROTO_IPV6CP, 3);
	assert_non_null(f);
	assert_memory_not_equal(f->b + 6, ours, 8);
	assert_memory_not_equal(f->b + 6, zero, 8);
	/* the peer takes the suggestion: Ack */
	memcpy(o + 2, f->b + 6, 8);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 5, o, sizeof(o));
	assert_non_null(h_find(&h, PPP_PROTO_IPV6CP, 2));
	h_ack_ours(&h, PPP_PROTO_IPV6CP);
	assert_int_equal(h.nip6, 1);
	assert_memory_equal(h.ip6_peer, o + 2, 8);
	assert_memory_equal(h.ip6_ours, ours, 8);
	ppp_destroy(h.p);
}

static void
test_compression_and_bad_length_rejected(void **state)
{
	static const uint8_t req[] = {
		0x01, 0x0a, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
		0x02, 0x04, 0x00, 0x4f,		/* IPHC compression */
	};
	static const uint8_t rej[] = { 0x02, 0x04, 0x00, 0x4f };
	static const uint8_t shortid[] = { 0x01, 0x06, 1, 2, 3, 4 };
	static const uint8_t bad[] = { 0x01, 0x0a, 1, 2 };	/* cut short */
	struct harness h;
	struct ppp_conf c;
	struct h_frame *f;

	v6_conf(&c);
	v6_session(&h, &c);
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 3, req, sizeof(req));
	f = h_find(&h, PPP_PROTO_IPV6CP, 4);
	assert_true(h_opts_eq(f, rej, sizeof(rej)));

	h_clear(&h);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 4, shortid, sizeof(shortid));
	f = h_find(&h, PPP_PROTO_IPV6CP, 4);
	assert_true(h_opts_eq(f, shortid, sizeof(shortid)));

	/* a malformed option list is dropped, not answered */
	h_clear(&h);
	assert_true(h_in(&h, PPP_PROTO_IPV6CP, 1, 5, bad, sizeof(bad)) < 0);
	assert_int_equal(h.nf, 0);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

static void
test_missing_id_suggested(void **state)
{
	static const uint8_t remote[8] = { 0, 0, 0, 0, 0, 0, 0, 2 };
	struct harness h;
	struct ppp_conf c;
	struct h_frame *f;
	int i;

	v6_conf(&c);
	memcpy(c.ipv6_remote_ifid, remote, 8);
	c.ipv6_local_ifid[7] = 1;
	v6_session(&h, &c);
	/* ipv6 ::1,::2 as pppd's option: ours is ::1 */
	assert_memory_equal(our_req_id(&h), "\0\0\0\0\0\0\0\1", 8);
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 3, NULL, 0);
	f = h_find(&h, PPP_PROTO_IPV6CP, 3);
	assert_non_null(f);
	assert_int_equal(f->len, 14);
	assert_memory_equal(f->b + 6, remote, 8);
	/* a peer that never names one is never acked; no session end */
	for (i = 0; i < 8; i++)
		h_in(&h, PPP_PROTO_IPV6CP, 1, (uint8_t)(4 + i), NULL, 0);
	assert_null(h_find(&h, PPP_PROTO_IPV6CP, 2));
	assert_int_equal(h.nip6, 0);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

static void
test_nak_of_ours(void **state)
{
	static const uint8_t sugg[8] = { 0x0a, 1, 2, 3, 4, 5, 6, 7 };
	struct harness h;
	struct ppp_conf c;
	struct h_frame *f;
	uint8_t o[10], first[8];

	v6_conf(&c);
	v6_session(&h, &c);
	memcpy(first, our_req_id(&h), 8);
	f = &h.req_ipv6cp;
	/* the peer suggests another one: taken */
	ifid_opt(o, sugg);
	h_in(&h, PPP_PROTO_IPV6CP, 3, f->b[1], o, sizeof(o));
	assert_memory_equal(our_req_id(&h), sugg, 8);
	/* then suggests a zero one: we draw a fresh one instead */
	memset(o + 2, 0, 8);
	h_in(&h, PPP_PROTO_IPV6CP, 3, h.req_ipv6cp.b[1], o, sizeof(o));
	assert_memory_not_equal(our_req_id(&h), o + 2, 8);
	assert_memory_not_equal(our_req_id(&h), sugg, 8);
	/* a Reject of the identifier: requests without it */
	memcpy(o + 2, our_req_id(&h), 8);
	h_in(&h, PPP_PROTO_IPV6CP, 4, h.req_ipv6cp.b[1], o, sizeof(o));
	assert_int_equal(h.req_ipv6cp.len, 4);
	ppp_destroy(h.p);
}

static void
test_stable_across_renegotiation(void **state)
{
	struct harness h;
	struct ppp_conf c;
	uint8_t o[10], ours[8];

	v6_conf(&c);
	v6_session(&h, &c);
	memcpy(ours, our_req_id(&h), 8);
	ifid_opt(o, peer_id);
	h_in(&h, PPP_PROTO_IPV6CP, 1, 3, o, sizeof(o));
	h_ack_ours(&h, PPP_PROTO_IPV6CP);
	assert_int_equal(h.nip6, 1);
	/* the peer renegotiates from Opened: we send our request again */
	h_clear(&h);
	o[9] ^= 1;
	h_in(&h, PPP_PROTO_IPV6CP, 1, 4, o, sizeof(o));
	assert_memory_equal(our_req_id(&h), ours, 8);
	h_ack_ours(&h, PPP_PROTO_IPV6CP);
	assert_int_equal(h.nip6, 2);
	assert_memory_equal(h.ip6_peer, o + 2, 8);
	ppp_destroy(h.p);
}

static void
test_ipv6_failure_keeps_ipv4(void **state)
{
	static const uint8_t protrej[] = { 0x80, 0x57, 0x01, 0x01 };
	struct harness h;
	struct ppp_conf c;
	int i;

	/* the peer Protocol-Rejects IPV6CP: IPv4 goes on */
	v6_conf(&c);
	v6_session(&h, &c);
	h_in(&h, PPP_PROTO_LCP, 8, 40, protrej, sizeof(protrej));
	h_ipcp_up(&h);
	assert_int_equal(h.nip, 1);
	h_clear(&h);
	h_tick(&h, 4000);
	assert_null(h_find(&h, PPP_PROTO_IPV6CP, 1));
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);

	/* the peer never answers: max-configure, still no session end */
	v6_session(&h, &c);
	h_ipcp_up(&h);
	for (i = 0; i < 12; i++)
		h_tick(&h, 3100);
	assert_int_equal(h.nip, 1);
	assert_int_equal(h.nip6, 0);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

static void
test_network_phase_only(void **state)
{
	struct harness h;
	struct ppp_conf c;
	uint8_t o[10];

	v6_conf(&c);
	h_init(&h, &c);
	h_lcp_up(&h);
	/* authenticate phase: discarded silently (RFC 1661 3.5) */
	h_clear(&h);
	ifid_opt(o, peer_id);
	assert_true(h_in(&h, PPP_PROTO_IPV6CP, 1, 1, o, sizeof(o)) < 0);
	assert_int_equal(h.nf, 0);
	ppp_destroy(h.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_off_rejected),
		cmocka_unit_test(test_open_both_ways),
		cmocka_unit_test(test_zero_and_collision_nakd),
		cmocka_unit_test(test_compression_and_bad_length_rejected),
		cmocka_unit_test(test_missing_id_suggested),
		cmocka_unit_test(test_nak_of_ours),
		cmocka_unit_test(test_stable_across_renegotiation),
		cmocka_unit_test(test_ipv6_failure_keeps_ipv4),
		cmocka_unit_test(test_network_phase_only),
		cmocka_unit_test(test_ipv6_packets_not_rejected),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
