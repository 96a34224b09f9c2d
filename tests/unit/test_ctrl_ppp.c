/*
 * hpptpd tests: one PPP session through Windows' whole sequence (LCP
 * with Callback and Identification, MS-CHAPv2, CCP with every MPPE bit,
 * IPXCP/NBFCP Protocol-Rejects, IPCP with DNS and NBNS, DHCPINFORM),
 * plus session-level failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/log.h"
#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"

/* A DHCPINFORM as Windows sends it from 10.100.0.201. */
static size_t
build_inform(uint8_t *b, uint32_t src)
{
	size_t n = 0, i, ulen;
	uint32_t sum;

	memset(b, 0, 400);
	b[0] = 0x45;
	b[8] = 128;
	b[9] = 17;
	b[12] = (uint8_t)(src >> 24); b[13] = (uint8_t)(src >> 16);
	b[14] = (uint8_t)(src >> 8); b[15] = (uint8_t)src;
	memset(b + 16, 0xff, 4);
	n = 20;
	b[n + 1] = 68; b[n + 3] = 67;
	n += 8;
	b[n] = 1; b[n + 1] = 8; b[n + 2] = 6;	/* op, htype?, hlen */
	b[n + 1] = 1;
	b[n + 4] = 0xde; b[n + 5] = 0xad; b[n + 6] = 0xbe; b[n + 7] = 0xef;
	b[n + 12] = (uint8_t)(src >> 24); b[n + 13] = (uint8_t)(src >> 16);
	b[n + 14] = (uint8_t)(src >> 8); b[n + 15] = (uint8_t)src;
	memcpy(b + n + 28, "\x00\x53\x45\x00\x00\x01", 6);
	n += 236;
	memcpy(b + n, "\x63\x82\x53\x63", 4);
	n += 4;
	memcpy(b + n, "\x35\x01\x08", 3);		/* INFORM */
	n += 3;
	memcpy(b + n, "\x37\x05\x01\x0f\x06\x79\xf9", 7); /* params */
	n += 7;
	b[n++] = 0xff;
	b[2] = (uint8_t)(n >> 8);
	b[3] = (uint8_t)n;
	/* IP header checksum */
	sum = 0;
	for (i = 0; i < 20; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	b[10] = (uint8_t)(~sum >> 8);
	b[11] = (uint8_t)~sum;
	ulen = n - 20;
	b[24] = (uint8_t)(ulen >> 8);
	b[25] = (uint8_t)ulen;
	/* UDP checksum 0: not computed, allowed */
	return n;
}

/* Find DHCP option code in a reply IP packet; NULL if absent. */
static const uint8_t *
dhcp_opt(const uint8_t *ip, size_t len, uint8_t code, uint8_t *olen)
{
	size_t i = 20 + 8 + 240;

	while (i < len) {
		if (ip[i] == 0) {
			i++;
			continue;
		}
		if (ip[i] == 255 || i + 1 >= len)
			break;
		if (ip[i] == code) {
			*olen = ip[i + 1];
			return ip + i + 2;
		}
		i += 2 + ip[i + 1];
	}
	return NULL;
}

static void
test_windows_sequence(void **state)
{
	static const uint8_t ident[] = { 0x3f, 0x2a, 0x71, 0x05,
	    'M', 'S', 'R', 'A', 'S', 'V', '5', '.', '2', '0', 0x01 };
	static const uint8_t ipxcp[] = { 0x01, 0x01, 0x00, 0x0e, 0x01, 0x06,
	    0, 0, 0, 0, 0x02, 0x08, 0, 0, 0, 0, 0, 0 };
	static const uint8_t nbfcp[] = { 0x01, 0x01, 0x00, 0x0a, 0x01, 0x06,
	    0, 0, 0, 0 };
	static const uint8_t ipcp1[] = {
		0x03, 0x06, 0, 0, 0, 0,
		0x81, 0x06, 0, 0, 0, 0,
		0x82, 0x06, 0, 0, 0, 0,
		0x83, 0x06, 0, 0, 0, 0,
		0x84, 0x06, 0, 0, 0, 0,
	};
	static const uint8_t ipcp1_rej[] = {
		0x83, 0x06, 0, 0, 0, 0,
		0x84, 0x06, 0, 0, 0, 0,
	};
	static const uint8_t ipcp2[] = {
		0x03, 0x06, 0, 0, 0, 0,
		0x81, 0x06, 0, 0, 0, 0,
		0x82, 0x06, 0, 0, 0, 0,
	};
	static const uint8_t ipcp2_nak[] = {
		0x03, 0x06, 10, 100, 0, 201,
		0x81, 0x06, 202, 99, 96, 68,
		0x82, 0x06, 202, 99, 96, 68,
	};
	static const uint8_t lcp_rej[] = { 0x07, 0x02, 0x0d, 0x03, 0x06 };
	static const uint8_t ccp_nak[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
	struct ppp_conf c;
	struct harness h;
	struct h_frame *f;
	uint8_t pkt[400], olen = 0;
	const uint8_t *o;
	size_t n;

	h_conf(&c);
	h_init(&h, &c);
	assert_non_null(h.p);

	/* LCP: our request first: MRU 1400, MS-CHAPv2, Magic. */
	ppp_start(h.p, h.now);
	f = h_find(&h, PPP_PROTO_LCP, 1);
	assert_non_null(f);
	assert_int_equal(f->len, 4 + 4 + 5 + 6);
	assert_memory_equal(f->b + 4, "\x01\x04\x05\x78\x03\x05\xc2\x23\x81",
	    9);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_ESTABLISH);

	/* Windows asks for PFC and Callback: both rejected. */
	h_in(&h, PPP_PROTO_LCP, 1, 1, h_win_lcp, sizeof(h_win_lcp));
	f = h_find(&h, PPP_PROTO_LCP, 4);
	assert_true(h_opts_eq(f, lcp_rej, sizeof(lcp_rej)));
	assert_int_equal(f->b[1], 1);
	h_in(&h, PPP_PROTO_LCP, 1, 2, h_win_lcp2, sizeof(h_win_lcp2));
	f = h_find(&h, PPP_PROTO_LCP, 2);
	assert_true(h_opts_eq(f, h_win_lcp2, sizeof(h_win_lcp2)));
	h_ack_ours(&h, PPP_PROTO_LCP);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_AUTHENTICATE);
	assert_int_equal(ppp_auth_method(h.p), PPP_AUTH_MSCHAP2);
	assert_int_equal(ppp_peer_mru(h.p), 1400);

	/* CHAP Challenge: 16 random bytes and our name. */
	f = h_find(&h, PPP_PROTO_CHAP, 1);
	assert_non_null(f);
	assert_int_equal(f->len, 4 + 1 + 16 + 5);
	assert_int_equal(f->b[4], 16);
	assert_memory_equal(f->b + 21, "pptpd", 5);

	/* Identification: logged, no answer. */
	n = (size_t)h.nf;
	assert_int_equal(h_in(&h, PPP_PROTO_LCP, 12, 3, ident, sizeof(ident)),
	    0);
	assert_int_equal(h.nf, n);

	/* The Response goes to the caller with our challenge. */
	assert_int_equal(h_mschapv2_response(&h, "User"), 0);
	assert_int_equal(h.nauth, 1);
	assert_int_equal(h.req.method, PPP_AUTH_MSCHAP2);
	assert_int_equal(h.req.name_len, 4);
	assert_string_equal(h.req.name, "User");
	assert_int_equal(h.req.value_len, 49);
	assert_int_equal(h.req.challenge_len, 16);
	f = h_find(&h, PPP_PROTO_CHAP, 1);
	assert_memory_equal(h.req.challenge, f->b + 5, 16);
	h_clear(&h);

	/*
	 * Before the network phase (the verdict is still out) IPXCP and
	 * CCP are silently discarded, not rejected (RFC 1661 3.5): the
	 * client sends them again once the link is up.
	 */
	h_in_raw(&h, PPP_PROTO_IPXCP, ipxcp, sizeof(ipxcp));
	h_in(&h, PPP_PROTO_CCP, 1, 4, "\x12\x06\x01\x00\x00\xe1", 6);
	assert_int_equal(h.nf, 0);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_AUTHENTICATE);

	/* The verdict: Success, and the network phase begins. */
	assert_int_equal(ppp_auth_result(h.p, true,
	    "S=407A5589115FD0D6209F510FE9C04566932CDA56",
	    IP4(10, 100, 0, 201)), 0);
	f = h_find(&h, PPP_PROTO_CHAP, 3);
	assert_non_null(f);
	assert_int_equal(f->len, 4 + 42);
	assert_memory_equal(f->b + 4, "S=407A", 6);
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_NETWORK);
	/* CCP: we offer 128-bit stateless; IPCP waits. */
	f = h_find(&h, PPP_PROTO_CCP, 1);
	assert_true(h_opts_eq(f, ccp_nak, sizeof(ccp_nak)));
	assert_null(h_find(&h, PPP_PROTO_IPCP, 1));

	/* Windows proposes H, M, S, L and C: Nak with S + H. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 5, "\x12\x06\x01\x00\x00\xe1", 6);
	f = h_find(&h, PPP_PROTO_CCP, 3);
	assert_true(h_opts_eq(f, ccp_nak, sizeof(ccp_nak)));
	assert_int_equal(h.ntx, 0);
	h_in(&h, PPP_PROTO_CCP, 1, 6, ccp_nak, sizeof(ccp_nak));
	f = h_find(&h, PPP_PROTO_CCP, 2);
	assert_non_null(f);
	/* the peer's request is how we send: told before the Ack left */
	assert_int_equal(h.ntx, 1);
	assert_int_equal(h.tx, MPPE_BIT_H | MPPE_BIT_S);
	assert_true(h.tx_at <= h_index(&h, f));
	assert_int_equal(h.nrx, 0);
	/* ours, acked, is how the peer sends to us */
	h_ack_ours(&h, PPP_PROTO_CCP);
	assert_int_equal(h.nrx, 1);
	assert_int_equal(h.rx, MPPE_BIT_H | MPPE_BIT_S);
	/* Now IPCP starts with our address. */
	f = h_find(&h, PPP_PROTO_IPCP, 1);
	assert_true(h_opts_eq(f, "\x03\x06\x0a\x64\x01\x01", 6));

	/* IPXCP and NBFCP: LCP Protocol-Reject naming them. */
	h_clear(&h);
	h_in_raw(&h, PPP_PROTO_IPXCP, ipxcp, sizeof(ipxcp));
	h_in_raw(&h, PPP_PROTO_NBFCP, nbfcp, sizeof(nbfcp));
	h_in_raw(&h, PPP_PROTO_IPV6CP, nbfcp, sizeof(nbfcp));
	assert_int_equal(h_count(&h, PPP_PROTO_LCP, 8), 3);
	assert_int_equal(h.f[0].b[4], 0x80);
	assert_int_equal(h.f[0].b[5], 0x2b);
	assert_memory_equal(h.f[0].b + 6, ipxcp, sizeof(ipxcp));
	assert_int_equal(h.f[1].b[5], 0x3f);
	assert_int_equal(h.f[2].b[5], 0x57);

	/* IPCP: DNS2/NBNS2 unconfigured: Reject; then Nak; then Ack. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPCP, 1, 7, ipcp1, sizeof(ipcp1));
	f = h_find(&h, PPP_PROTO_IPCP, 4);
	assert_true(h_opts_eq(f, ipcp1_rej, sizeof(ipcp1_rej)));
	h_in(&h, PPP_PROTO_IPCP, 1, 8, ipcp2, sizeof(ipcp2));
	f = h_find(&h, PPP_PROTO_IPCP, 3);
	assert_true(h_opts_eq(f, ipcp2_nak, sizeof(ipcp2_nak)));
	h_in(&h, PPP_PROTO_IPCP, 1, 9, ipcp2_nak, sizeof(ipcp2_nak));
	f = h_find(&h, PPP_PROTO_IPCP, 2);
	assert_true(h_opts_eq(f, ipcp2_nak, sizeof(ipcp2_nak)));
	assert_int_equal(h.nip, 0);
	h_ack_ours(&h, PPP_PROTO_IPCP);
	assert_int_equal(h.nip, 1);
	assert_int_equal(h.ip, IP4(10, 100, 0, 201));

	/*
	 * The client's Configure-Request again (a retransmission that
	 * crossed our Ack): IPCP renegotiates and opens again, and master
	 * is not told a second time (a second session-up is a violation).
	 */
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPCP, 1, 10, ipcp2_nak, sizeof(ipcp2_nak));
	f = h_find(&h, PPP_PROTO_IPCP, 2);
	assert_non_null(f);
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 1));
	h_ack_ours(&h, PPP_PROTO_IPCP);
	assert_int_equal(h.nip, 1);

	/* DHCPINFORM: DHCPACK with 121 and 249. */
	h_clear(&h);
	n = build_inform(pkt, IP4(10, 100, 0, 201));
	assert_int_equal(h_in_raw(&h, PPP_PROTO_IP, pkt, n), 0);
	f = h_find(&h, PPP_PROTO_IP, 0);
	assert_non_null(f);
	assert_memory_equal(f->b + 12, "\x0a\x64\x01\x01\x0a\x64\x00\xc9", 8);
	o = dhcp_opt(f->b, f->len, 53, &olen);
	assert_non_null(o);
	assert_int_equal(o[0], 5);
	o = dhcp_opt(f->b, f->len, 121, &olen);
	assert_non_null(o);
	assert_int_equal(olen, 7 + 6);
	assert_memory_equal(o, "\x10\xc0\xa8\x0a\x64\x01\x01"
	    "\x08\x0a\x0a\x64\x01\x01", 13);
	o = dhcp_opt(f->b, f->len, 249, &olen);
	assert_non_null(o);
	assert_int_equal(olen, 13);
	o = dhcp_opt(f->b, f->len, 15, &olen);
	assert_non_null(o);
	assert_int_equal(olen, 11);

	/* A spoofed source gets nothing. */
	h_clear(&h);
	n = build_inform(pkt, IP4(10, 100, 0, 202));
	h_in_raw(&h, PPP_PROTO_IP, pkt, n);
	assert_int_equal(h.nf, 0);

	/* Close: Terminate-Request, Ack, finished once. */
	ppp_close(h.p, "admin kick");
	assert_non_null(h_find(&h, PPP_PROTO_LCP, 5));
	assert_int_equal(h.nfin, 0);
	f = h_find(&h, PPP_PROTO_LCP, 5);
	h_in(&h, PPP_PROTO_LCP, 6, f->b[1], NULL, 0);
	assert_int_equal(h.nfin, 1);
	assert_string_equal(h.reason, "admin kick");
	assert_true(ppp_is_finished(h.p));
	assert_int_equal(ppp_next_deadline(h.p), 0);
	ppp_destroy(h.p);
}

static void
test_auth_failure_terminates(void **state)
{
	struct ppp_conf c;
	struct harness h;
	struct h_frame *f;
	int i;

	h_conf(&c);
	h_init(&h, &c);
	h_lcp_up(&h);
	h_mschapv2_response(&h, "User");
	h_clear(&h);
	assert_int_equal(ppp_auth_result(h.p, false,
	    "E=691 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=bad", 0), 0);
	f = h_find(&h, PPP_PROTO_CHAP, 4);
	assert_non_null(f);
	assert_memory_equal(f->b + 4, "E=691 R=0", 9);
	assert_non_null(h_find(&h, PPP_PROTO_LCP, 5));
	assert_int_equal(ppp_phase(h.p), PPP_PHASE_TERMINATE);
	/* No Terminate-Ack: two Terminate-Requests, then finished. */
	for (i = 0; i < 5 && h.nfin == 0; i++)
		h_tick(&h, 3000);
	assert_int_equal(h.nfin, 1);
	assert_string_equal(h.reason, "authentication failed");
	assert_int_equal(h_count(&h, PPP_PROTO_LCP, 5), 2);
	/* Late verdicts are refused. */
	assert_int_not_equal(ppp_auth_result(h.p, true, "S=", 1), 0);
	ppp_destroy(h.p);
}

static void
test_peer_terminate(void **state)
{
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	h_auth_ok(&h);
	h_ccp_up(&h);
	h_ipcp_up(&h);
	assert_int_equal(h.nip, 1);
	h_clear(&h);
	h_in(&h, PPP_PROTO_LCP, 5, 77, "bye", 3);
	assert_non_null(h_find(&h, PPP_PROTO_LCP, 6));
	assert_int_equal(h.rx, 0);	/* CCP down: modes reset */
	assert_int_equal(h.tx, 0);
	assert_int_equal(h.nfin, 0);
	h_tick(&h, 3000);
	assert_int_equal(h.nfin, 1);
	assert_string_equal(h.reason, "peer terminated");
	ppp_destroy(h.p);
}

static void
test_lcp_no_answer(void **state)
{
	struct ppp_conf c;
	struct harness h;
	int i;

	h_conf(&c);
	h_init(&h, &c);
	ppp_start(h.p, h.now);
	assert_int_equal(ppp_next_deadline(h.p), h.now + 3000);
	for (i = 0; i < 20 && h.nfin == 0; i++)
		h_tick(&h, 3000);
	assert_int_equal(h_count(&h, PPP_PROTO_LCP, 1), 10);
	assert_int_equal(h.nfin, 1);
	ppp_destroy(h.p);
}

static void
test_frames_before_lcp_dropped(void **state)
{
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	ppp_start(h.p, h.now);
	h_clear(&h);
	assert_int_not_equal(h_in(&h, PPP_PROTO_IPCP, 1, 1, "\x03\x06\0\0\0\0",
	    6), 0);
	assert_int_not_equal(h_in(&h, PPP_PROTO_IPXCP, 1, 1, NULL, 0), 0);
	assert_int_equal(h.nf, 0);
	/* Empty and one-byte frames. */
	assert_int_not_equal(ppp_input(h.p, (const uint8_t *)"", 0, h.now), 0);
	assert_int_not_equal(ppp_input(h.p, (const uint8_t *)"\xc0", 1,
	    h.now), 0);
	ppp_destroy(h.p);
}

static void
test_mppe_optional_ipcp_parallel(void **state)
{
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	c.mppe_required = false;
	c.mppe_allowed = PPP_MPPE_40 | PPP_MPPE_128;
	h_init(&h, &c);
	h_auth_ok(&h);
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 1));
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 1));
	/* The peer Protocol-Rejects CCP: fine when optional. */
	h_in(&h, PPP_PROTO_LCP, 8, 40, "\x80\xfd\x01\x01\x00\x04", 6);
	assert_int_equal(h.nfin, 0);
	h_ipcp_up(&h);
	assert_int_equal(h.nip, 1);
	ppp_destroy(h.p);
}

/*
 * A client that keeps asking for another address: Naks until Max-Failure,
 * then its address is rejected; when it then asks with none at all, the
 * link ends instead of opening IPCP with a client that has no address.
 */
static void
test_ipcp_address_refused(void **state)
{
	struct ppp_conf c;
	struct harness h;
	uint8_t id;

	h_conf(&c);
	c.mppe_required = false;
	c.mppe_allowed = 0;
	h_init(&h, &c);
	h_auth_ok(&h);
	for (id = 1; id <= 5; id++) {
		h_clear(&h);
		h_in(&h, PPP_PROTO_IPCP, 1, id, "\x03\x06\x0a\x00\x00\x07", 6);
		assert_non_null(h_find(&h, PPP_PROTO_IPCP, 3));
	}
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPCP, 1, 6, "\x03\x06\x0a\x00\x00\x07", 6);
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 4));
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPCP, 1, 7, "", 0);
	assert_null(h_find(&h, PPP_PROTO_IPCP, 2));
	assert_int_equal(h.nip, 0);
	/* LCP Terminate-Request: the link ends */
	assert_non_null(h_find(&h, PPP_PROTO_LCP, 5));
	ppp_destroy(h.p);
}

/*
 * netem loss in interop s08: the peer's Configure-Ack of our CCP request
 * is lost; the peer (Opened) goes on with IPCP.  We must not retransmit
 * the CCP request (pppd would renegotiate and end the link with "MPPE
 * disabled") but take the Ack as lost and answer IPCP.
 */
static void
test_ccp_ack_lost(void **state)
{
	static const uint8_t ccp_req[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
	struct ppp_conf c;
	struct harness h;

	h_conf(&c);
	h_init(&h, &c);
	h_auth_ok(&h);
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 1));
	/* The peer's request, acked: we are in Ack-Sent. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_CCP, 1, 1, ccp_req, sizeof(ccp_req));
	assert_non_null(h_find(&h, PPP_PROTO_CCP, 2));
	assert_int_equal(h.nrx, 0);
	/* An IPCP Terminate-Request proves nothing: still waiting. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPCP, 5, 1, NULL, 0);
	assert_int_equal(h.nrx, 0);
	assert_null(h_find(&h, PPP_PROTO_IPCP, 1));
	/* Its IPCP Configure-Request does: CCP opens, IPCP answers it. */
	h_clear(&h);
	h_in(&h, PPP_PROTO_IPCP, 1, 2, "\x03\x06\0\0\0\0", 6);
	assert_int_equal(h.nrx, 1);
	assert_int_equal(h.rx, MPPE_BIT_H | MPPE_BIT_S);
	assert_null(h_find(&h, PPP_PROTO_CCP, 1));	/* no retransmission */
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 1));	/* ours */
	assert_non_null(h_find(&h, PPP_PROTO_IPCP, 3));	/* Nak: 0.0.0.0 */
	/* The timer no longer resends CCP. */
	h_clear(&h);
	h.now += 10000;
	ppp_timeout(h.p, h.now);
	assert_null(h_find(&h, PPP_PROTO_CCP, 1));
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
}

static void
test_conf_check(void **state)
{
	struct ppp_conf c;

	ppp_conf_defaults(&c);
	assert_int_equal(ppp_conf_check(&c), 0);
	c.auth_allowed = 0;
	assert_int_not_equal(ppp_conf_check(&c), 0);
	ppp_conf_defaults(&c);
	c.mru = 2000;
	assert_int_not_equal(ppp_conf_check(&c), 0);
	ppp_conf_defaults(&c);
	c.mppe_allowed = 0;
	assert_int_not_equal(ppp_conf_check(&c), 0);
	assert_null(ppp_create(&c, H_SID, &h_cb, NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows_sequence),
		cmocka_unit_test(test_ccp_ack_lost),
		cmocka_unit_test(test_auth_failure_terminates),
		cmocka_unit_test(test_peer_terminate),
		cmocka_unit_test(test_lcp_no_answer),
		cmocka_unit_test(test_frames_before_lcp_dropped),
		cmocka_unit_test(test_mppe_optional_ipcp_parallel),
		cmocka_unit_test(test_ipcp_address_refused),
		cmocka_unit_test(test_conf_check),
	};

	log_init("test", 1, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
