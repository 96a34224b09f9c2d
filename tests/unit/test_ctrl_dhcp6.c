/*
 * hpptpd tests: stateless DHCPv6 (ctrl/dhcp6.c, ctrl/info6.c): the
 * Information-request parser's checks (every truncation included), the
 * Reply's layout and checksum, the domain's wire form, and a whole
 * session: the RA's O flag with dns6, a request answered with the
 * servers, at most one Reply a second, Solicit and other servers'
 * requests dropped, nothing before IPV6CP opens with a prefix.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/err.h"
#include "common/log.h"
#include "ctrl/dhcp6.h"
#include "ctrl/nd6.h"
#include "ctrl/ppp.h"
#include "test_ctrl_ppp_harness.h"
#include "test_ctrl_v6_harness.h"

/* DUID-LL: type 3, hardware type 1, a MAC */
static const uint8_t cduid[10] = { 0, 3, 0, 1, 2, 0x50, 0x50, 0x54, 0x50,
    1 };
static const uint8_t uuid[16] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0x47,
    0xa8, 0x89, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0 };
static const uint8_t dns1[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x53 };
static const uint8_t dns2[16] = { 0xfd, 0x00, [15] = 0x54 };

static uint16_t
g16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void
fix_csum(uint8_t *p, size_t n)
{
	uint16_t c;

	p[46] = p[47] = 0;
	c = nd6_ulp_csum(p, n, 17);
	p[46] = (uint8_t)(c >> 8);
	p[47] = (uint8_t)c;
	if (c == 0)
		p[46] = p[47] = 0xff;
}

/* Append option code/len/value at p + *n. */
static void
put_opt(uint8_t *p, size_t *n, uint16_t code, const void *v, uint16_t len)
{
	p[*n] = (uint8_t)(code >> 8);
	p[*n + 1] = (uint8_t)code;
	p[*n + 2] = (uint8_t)(len >> 8);
	p[*n + 3] = (uint8_t)len;
	memcpy(p + *n + 4, v, len);
	*n += 4 + (size_t)len;
}

/* Fix the IPv6 payload length, the UDP length and the checksum. */
static size_t
finish(uint8_t *p, size_t n)
{
	p[4] = (uint8_t)((n - 40) >> 8);
	p[5] = (uint8_t)(n - 40);
	p[44] = p[4];
	p[45] = p[5];
	fix_csum(p, n);
	return n;
}

/*
 * An Information-request from fe80::peer_id to ff02::1:2, xid 0xabcdef,
 * with a Client Identifier, an ORO (23, 24) and an Elapsed Time.
 */
static size_t
mk_ir(uint8_t *p, uint8_t type)
{
	static const uint8_t oro[4] = { 0, 23, 0, 24 }, el[2];
	size_t n = 48;

	memset(p, 0, 256);
	p[0] = 0x60;
	p[6] = 17;
	p[7] = 1;
	p[8] = 0xfe;
	p[9] = 0x80;
	memcpy(p + 16, peer_id, 8);
	p[24] = 0xff;
	p[25] = 0x02;
	p[37] = 0x01;
	p[39] = 0x02;
	p[40] = 546 >> 8;
	p[41] = 546 & 0xff;
	p[42] = 547 >> 8;
	p[43] = 547 & 0xff;
	p[n++] = type;
	p[n++] = 0xab;
	p[n++] = 0xcd;
	p[n++] = 0xef;
	put_opt(p, &n, DHCP6_OPT_CLIENTID, cduid, sizeof(cduid));
	put_opt(p, &n, DHCP6_OPT_ORO, oro, sizeof(oro));
	put_opt(p, &n, 8, el, sizeof(el));
	return finish(p, n);
}

static void
test_parse_ir(void **state)
{
	struct dhcp6_req req;
	uint8_t p[256], sid[18] = { 0, 4 };
	size_t n, i;

	n = mk_ir(p, DHCP6_INFO_REQUEST);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_OK);
	assert_int_equal(req.type, DHCP6_INFO_REQUEST);
	assert_int_equal(req.xid, 0xabcdef);
	assert_int_equal(req.clientid_len, sizeof(cduid));
	assert_memory_equal(req.clientid, cduid, sizeof(cduid));
	assert_int_equal(req.serverid_len, 0);
	assert_memory_equal(req.src + 8, peer_id, 8);
	/* PPP padding after the payload length is ignored */
	assert_int_equal(dhcp6_parse_ir(p, n + 8, &req), HP_OK);
	/* every truncation fails, and none reads past n */
	for (i = 0; i < n; i++)
		assert_true(dhcp6_parse_ir(p, i, &req) < 0);
	/* a server identifier is taken (dhcp6_build_reply checks it) */
	put_opt(p, &n, DHCP6_OPT_SERVERID, sid, sizeof(sid));
	n = finish(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_OK);
	assert_int_equal(req.serverid_len, 18);
	/* twice: refused */
	put_opt(p, &n, DHCP6_OPT_SERVERID, sid, sizeof(sid));
	n = finish(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_DUP);
	/* a DUID too short, too long */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	put_opt(p, &n, DHCP6_OPT_SERVERID, sid, 2);
	n = finish(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_RANGE);
	{
		uint8_t big[131] = { 0, 2 };

		n = mk_ir(p, DHCP6_INFO_REQUEST);
		n -= 4 + 2;		/* drop the elapsed time */
		put_opt(p, &n, DHCP6_OPT_SERVERID, big, sizeof(big));
		n = finish(p, n);
		assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_RANGE);
	}
	/* an IA in an Information-request: refused (RFC 8415 16.12) */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	put_opt(p, &n, DHCP6_OPT_IA_NA, sid, 12);
	n = finish(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_FORMAT);
	/* an option running past the message */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[n - 3] = 3;				/* elapsed time: len 3 */
	n = finish(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_BADLEN);
	/* half an option header */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[n++] = 0;
	p[n++] = 8;
	n = finish(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_SHORT);
	/* Solicit and Request: valid, not ours to answer */
	n = mk_ir(p, DHCP6_SOLICIT);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_UNSUPP);
	assert_int_equal(req.type, DHCP6_SOLICIT);
	assert_string_equal(dhcp6_type_name(req.type), "Solicit");
	assert_string_equal(dhcp6_type_name(200), "unknown");
	/* bad checksum; zero checksum */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[47] ^= 1;
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_FORMAT);
	p[46] = p[47] = 0;
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_FORMAT);
	/* UDP length other than the payload's */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[45]--;
	fix_csum(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_BADLEN);
	/* wrong ports */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[41]++;
	fix_csum(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_UNSUPP);
	/* a global source; a unicast destination */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[8] = 0x20;
	fix_csum(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_FORMAT);
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[39] = 0x03;
	fix_csum(p, n);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_FORMAT);
	/* not UDP; not IPv6; payload length past the packet */
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[6] = 58;
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_UNSUPP);
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	p[0] = 0x45;
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_E_FORMAT);
	n = mk_ir(p, DHCP6_INFO_REQUEST);
	assert_int_equal(dhcp6_parse_ir(p, n - 1, &req), HP_E_BADLEN);
}

static void
conf(struct dhcp6_conf *c, const char *domain)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->ours, ours, 8);
	memcpy(c->uuid, uuid, 16);
	c->ndns = 2;
	memcpy(c->dns[0], dns1, 16);
	memcpy(c->dns[1], dns2, 16);
	snprintf(c->domain, sizeof(c->domain), "%s", domain);
}

static void
test_build_reply(void **state)
{
	struct dhcp6_conf c;
	struct dhcp6_req req;
	uint8_t p[256], out[DHCP6_REPLY_MAX], small[100];
	size_t n, o;

	n = mk_ir(p, DHCP6_INFO_REQUEST);
	assert_int_equal(dhcp6_parse_ir(p, n, &req), HP_OK);
	conf(&c, "corp.example.com");
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &n),
	    HP_OK);
	/* IPv6 from fe80::ours to the client, UDP 547 -> 546 */
	assert_int_equal(out[0], 0x60);
	assert_int_equal(g16(out + 4), n - 40);
	assert_int_equal(out[6], 17);
	assert_memory_equal(out + 8, "\xfe\x80\0\0\0\0\0\0", 8);
	assert_memory_equal(out + 16, ours, 8);
	assert_memory_equal(out + 24, req.src, 16);
	assert_int_equal(g16(out + 40), 547);
	assert_int_equal(g16(out + 42), 546);
	assert_int_equal(g16(out + 44), n - 40);
	assert_int_equal(nd6_ulp_csum(out, n, 17), 0);
	/* Reply, the transaction id */
	assert_int_equal(out[48], DHCP6_REPLY);
	assert_memory_equal(out + 49, "\xab\xcd\xef", 3);
	o = 52;
	/* Server Identifier: DUID-UUID */
	assert_int_equal(g16(out + o), DHCP6_OPT_SERVERID);
	assert_int_equal(g16(out + o + 2), 18);
	assert_int_equal(g16(out + o + 4), 4);
	assert_memory_equal(out + o + 6, uuid, 16);
	o += 22;
	/* the client's DUID, echoed */
	assert_int_equal(g16(out + o), DHCP6_OPT_CLIENTID);
	assert_int_equal(g16(out + o + 2), sizeof(cduid));
	assert_memory_equal(out + o + 4, cduid, sizeof(cduid));
	o += 4 + sizeof(cduid);
	/* DNS servers (RFC 3646) */
	assert_int_equal(g16(out + o), DHCP6_OPT_DNS);
	assert_int_equal(g16(out + o + 2), 32);
	assert_memory_equal(out + o + 4, dns1, 16);
	assert_memory_equal(out + o + 20, dns2, 16);
	o += 36;
	/* domain list, wire format */
	assert_int_equal(g16(out + o), DHCP6_OPT_DOMAIN_LIST);
	assert_int_equal(g16(out + o + 2), 18);
	assert_memory_equal(out + o + 4, "\4corp\7example\3com\0", 18);
	o += 22;
	/* Information Refresh Time */
	assert_int_equal(g16(out + o), DHCP6_OPT_REFRESH);
	assert_int_equal(g16(out + o + 2), 4);
	assert_int_equal(g32(out + o + 4), DHCP6_REFRESH);
	o += 8;
	assert_int_equal(o, n);
	/* a trailing dot is the same name; a bad one is left out */
	conf(&c, "corp.example.com.");
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &o),
	    HP_OK);
	assert_int_equal(o, n);
	conf(&c, "corp..example");
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &o),
	    HP_OK);
	assert_int_equal(o, n - 22);
	/* no DNS, no domain, no client id: server id and refresh only */
	conf(&c, "");
	c.ndns = 0;
	req.clientid_len = 0;
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &n),
	    HP_OK);
	assert_int_equal(n, 52 + 22 + 8);
	assert_int_equal(nd6_ulp_csum(out, n, 17), 0);
	/* too small a buffer */
	conf(&c, "corp.example.com");
	assert_int_equal(dhcp6_build_reply(&c, &req, small, sizeof(small),
	    &n), HP_E_LONG);
	assert_int_equal(n, 0);
	/* our own DUID named: answered; another's: not ours */
	req.serverid_len = 18;
	req.serverid[0] = 0;
	req.serverid[1] = 4;
	memcpy(req.serverid + 2, uuid, 16);
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &n),
	    HP_OK);
	req.serverid[17] ^= 1;
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &n),
	    HP_E_NOTFOUND);
	/* the largest Reply fits DHCP6_REPLY_MAX */
	memset(&req, 0, sizeof(req));
	req.clientid_len = DHCP6_DUID_MAX;
	c.ndns = DHCP6_DNS_MAX;
	memset(c.domain, 'a', DHCP6_DOMAIN_MAX);
	c.domain[DHCP6_DOMAIN_MAX] = '\0';
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &n),
	    HP_OK);
	assert_int_equal(n, DHCP6_REPLY_MAX);
	c.ndns = DHCP6_DNS_MAX + 1;
	assert_int_equal(dhcp6_build_reply(&c, &req, out, sizeof(out), &n),
	    HP_E_RANGE);
}

/* A session with dns6 and a domain, IPV6CP open with a prefix. */
static void
v6_session(struct harness *h, bool prefix, bool open, uint8_t ndns)
{
	struct ppp_conf c;

	h_conf(&c);
	c.ndns6 = ndns;
	memcpy(c.dns6[0], dns1, 16);
	memcpy(c.duid_uuid, uuid, 16);
	snprintf(c.domain, sizeof(c.domain), "corp.example.com");
	h6_session(h, &c, prefix, open);
}

/* Replies sent since the last h_clear; *last: the latest. */
static int
count_reply(struct harness *h, struct h_frame **last)
{
	int i, n = 0;

	for (i = 0; i < h->nf; i++)
		if (h->f[i].proto == 0x0057 && h->f[i].len > 48 &&
		    h->f[i].b[6] == 17 && h->f[i].b[48] == DHCP6_REPLY) {
			n++;
			if (last != NULL)
				*last = &h->f[i];
		}
	return n;
}

/* The RA's flags byte (M 0x80, O 0x40); -1 without an RA. */
static int
ra_flags(struct harness *h)
{
	int i;

	for (i = 0; i < h->nf; i++)
		if (h->f[i].proto == 0x0057 && h->f[i].len > 45 &&
		    h->f[i].b[40] == ND6_RA)
			return h->f[i].b[45];
	return -1;
}

static void
test_session(void **state)
{
	struct harness h;
	struct h_frame *f = NULL;
	uint8_t ir[256];
	size_t n;
	int i;

	v6_session(&h, true, true, 1);
	/* dns6: the RA says "ask DHCPv6" (O), never M */
	assert_int_equal(ra_flags(&h), 0x40);
	h_clear(&h);
	n = mk_ir(ir, DHCP6_INFO_REQUEST);
	assert_int_equal(h_in_raw(&h, 0x0057, ir, n), HP_OK);
	assert_int_equal(count_reply(&h, &f), 1);
	assert_memory_equal(f->b + 16, h.ip6_ours, 8);
	assert_memory_equal(f->b + 24 + 8, peer_id, 8);
	assert_memory_equal(f->b + 49, "\xab\xcd\xef", 3);
	assert_memory_equal(f->b + 52 + 6, uuid, 16);
	assert_int_equal(nd6_ulp_csum(f->b, f->len, 17), 0);
	/* a flood: one Reply a second */
	h_clear(&h);
	for (i = 0; i < 50; i++) {
		h.now += 10;
		(void)h_in_raw(&h, 0x0057, ir, n);
	}
	assert_int_equal(count_reply(&h, NULL), 0);
	h.now += 1000;
	assert_int_equal(h_in_raw(&h, 0x0057, ir, n), HP_OK);
	assert_int_equal(count_reply(&h, NULL), 1);
	/* Solicit, a bad checksum: dropped, nothing sent, session lives */
	h_clear(&h);
	h.now += 5000;
	n = mk_ir(ir, DHCP6_SOLICIT);
	assert_int_equal(h_in_raw(&h, 0x0057, ir, n), HP_E_UNSUPP);
	n = mk_ir(ir, DHCP6_INFO_REQUEST);
	ir[47] ^= 1;
	assert_int_equal(h_in_raw(&h, 0x0057, ir, n), HP_E_FORMAT);
	assert_int_equal(h.nf, 0);
	assert_int_equal(h.nfin, 0);
	ppp_destroy(h.p);
	/* without dns6 no O flag (a request is still answered) */
	v6_session(&h, true, true, 0);
	assert_int_equal(ra_flags(&h), 0);
	ppp_destroy(h.p);
}

static void
test_no_prefix_no_reply(void **state)
{
	struct harness h;
	uint8_t ir[256];
	size_t n = mk_ir(ir, DHCP6_INFO_REQUEST);

	/* link-local only (no ipv6 pool): dropped */
	v6_session(&h, false, true, 1);
	assert_true(h_in_raw(&h, 0x0057, ir, n) < 0);
	assert_int_equal(count_reply(&h, NULL), 0);
	ppp_destroy(h.p);
	/* a prefix, but IPV6CP not open yet */
	v6_session(&h, true, false, 1);
	assert_true(h_in_raw(&h, 0x0057, ir, n) < 0);
	assert_int_equal(count_reply(&h, NULL), 0);
	ppp_destroy(h.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ir),
		cmocka_unit_test(test_build_reply),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_no_prefix_no_reply),
	};

	log_init("test", 0, 0);
	h_unused();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
