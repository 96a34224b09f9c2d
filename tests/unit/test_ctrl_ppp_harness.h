/*
 * hpptpd tests: a fake caller for one PPP session (ctrl/ppp.h) that
 * records what the session sends and tells, plus frame builders.
 * Included by the test_ctrl_* unit tests and the ctrl fuzz targets.
 */
#ifndef HP_TEST_CTRL_PPP_HARNESS_H
#define HP_TEST_CTRL_PPP_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ctrl/ppp.h"

#define H_MAX_FRAMES	128
#define H_FRAME_MAX	1600

struct h_frame {
	uint16_t	proto;
	size_t		len;		/* info length */
	uint8_t		b[H_FRAME_MAX];	/* info: code, id, len, data */
};

#define H_SID	0x1234

struct harness {
	struct ppp_conf	 conf;
	struct ppp	*p;
	uint64_t	 now;
	int		 nf;
	struct h_frame	 f[H_MAX_FRAMES];
	int		 nauth;
	struct ppp_auth_req req;
	int		 nrx, ntx, nip, nfin;
	uint32_t	 rx, tx, ip;
	int		 rx_at;		/* frames sent when rx was told */
	int		 tx_at;		/* frames sent when tx was told */
	char		 reason[128];
	int		 nip6;
	uint8_t		 ip6_peer[8], ip6_ours[8];
	int		 nka;		/* keepalive callbacks */
	uint32_t	 ka_magic;
	struct h_frame	 req_lcp, req_ccp, req_ipcp;	/* survive h_clear */
	struct h_frame	 req_ipv6cp;
	struct h_frame	 chal;
};

static struct h_frame *
h_lastreq(struct harness *h, uint16_t proto)
{
	switch (proto) {
	case PPP_PROTO_LCP:	return &h->req_lcp;
	case PPP_PROTO_CCP:	return &h->req_ccp;
	case PPP_PROTO_IPCP:	return &h->req_ipcp;
	case PPP_PROTO_IPV6CP:	return &h->req_ipv6cp;
	default:		return NULL;
	}
}

static void
h_send(void *arg, uint16_t proto, const uint8_t *info, size_t len)
{
	struct harness *h = arg;
	struct h_frame *f;

	if (h->nf >= H_MAX_FRAMES)
		return;
	f = &h->f[h->nf++];
	f->proto = proto;
	f->len = len < H_FRAME_MAX ? len : H_FRAME_MAX;
	memcpy(f->b, info, f->len);
	if (f->len >= 4 && f->b[0] == 1 && h_lastreq(h, proto) != NULL)
		*h_lastreq(h, proto) = *f;
	if (proto == PPP_PROTO_CHAP && f->len >= 4 && f->b[0] == 1)
		h->chal = *f;
}

static void
h_auth(void *arg, const struct ppp_auth_req *r)
{
	struct harness *h = arg;

	h->nauth++;
	h->req = *r;
}

static void
h_rx(void *arg, uint32_t bits)
{
	struct harness *h = arg;

	h->nrx++;
	h->rx = bits;
	h->rx_at = h->nf;
}

static void
h_tx(void *arg, uint32_t bits)
{
	struct harness *h = arg;

	h->ntx++;
	h->tx = bits;
	h->tx_at = h->nf;
}

static void
h_ipup(void *arg, uint32_t ip)
{
	struct harness *h = arg;

	h->nip++;
	h->ip = ip;
}

static void
h_ip6up(void *arg, const uint8_t *peer, const uint8_t *ours)
{
	struct harness *h = arg;

	h->nip6++;
	memcpy(h->ip6_peer, peer, 8);
	memcpy(h->ip6_ours, ours, 8);
}

static void
h_keepalive(void *arg, uint32_t magic)
{
	struct harness *h = arg;

	h->nka++;
	h->ka_magic = magic;
}

static void
h_fin(void *arg, const char *reason)
{
	struct harness *h = arg;

	h->nfin++;
	snprintf(h->reason, sizeof(h->reason), "%s", reason);
}

static const struct ppp_cb h_cb = {
	.send_frame = h_send,
	.auth_request = h_auth,
	.ccp_rx_mode = h_rx,
	.ccp_tx_mode = h_tx,
	.ip_up = h_ipup,
	.ip6_up = h_ip6up,
	.keepalive = h_keepalive,
	.finished = h_fin,
};

#define IP4(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
	(uint32_t)(c) << 8 | (uint32_t)(d))

/* The Poptop reference setup, plus routes and a domain for DHCP. */
static void
h_conf(struct ppp_conf *c)
{
	ppp_conf_defaults(c);
	c->local_ip = IP4(10, 100, 1, 1);
	c->dns[0] = IP4(202, 99, 96, 68);
	c->wins[0] = IP4(202, 99, 96, 68);
	c->netmask = IP4(255, 255, 255, 255);
	c->nroutes = 2;
	c->routes[0].prefix = IP4(192, 168, 0, 0);
	c->routes[0].len = 16;
	c->routes[1].prefix = IP4(10, 0, 0, 0);
	c->routes[1].len = 8;
	snprintf(c->domain, sizeof(c->domain), "example.com");
}

static void
h_init(struct harness *h, const struct ppp_conf *c)
{
	memset(h, 0, sizeof(*h));
	h->now = 1000;
	/* ppp keeps a pointer: the harness holds the configuration */
	h->conf = *c;
	h->p = ppp_create(&h->conf, H_SID, &h_cb, h, h->now);
}

static void
h_clear(struct harness *h)
{
	h->nf = 0;
}

/* Feed proto + code/id/len + data. */
static int
h_in(struct harness *h, uint16_t proto, uint8_t code, uint8_t id,
    const void *data, size_t dlen)
{
	uint8_t b[H_FRAME_MAX + 8];
	size_t n = 0;

	b[n++] = (uint8_t)(proto >> 8);
	b[n++] = (uint8_t)proto;
	b[n++] = code;
	b[n++] = id;
	b[n++] = (uint8_t)((dlen + 4) >> 8);
	b[n++] = (uint8_t)(dlen + 4);
	if (dlen > 0)
		memcpy(b + n, data, dlen);
	return ppp_input(h->p, b, n + dlen, h->now);
}

static int
h_in_raw(struct harness *h, uint16_t proto, const void *info, size_t len)
{
	uint8_t b[H_FRAME_MAX + 8];

	b[0] = (uint8_t)(proto >> 8);
	b[1] = (uint8_t)proto;
	memcpy(b + 2, info, len);
	return ppp_input(h->p, b, len + 2, h->now);
}

static void
h_tick(struct harness *h, uint64_t ms)
{
	h->now += ms;
	ppp_timeout(h->p, h->now);
}

/* Last frame of proto with code (0: any code), NULL if none. */
static struct h_frame *
h_find(struct harness *h, uint16_t proto, uint8_t code)
{
	int i;

	for (i = h->nf - 1; i >= 0; i--)
		if (h->f[i].proto == proto &&
		    (code == 0 || h->f[i].b[0] == code))
			return &h->f[i];
	return NULL;
}

static int
h_count(struct harness *h, uint16_t proto, uint8_t code)
{
	int i, n = 0;

	for (i = 0; i < h->nf; i++)
		if (h->f[i].proto == proto && h->f[i].b[0] == code)
			n++;
	return n;
}

static int
h_index(struct harness *h, const struct h_frame *f)
{
	return (int)(f - h->f);
}

/* Ack the last Configure-Request we sent for proto. */
static int
h_ack_ours(struct harness *h, uint16_t proto)
{
	struct h_frame *f = h_lastreq(h, proto);

	if (f == NULL || f->len < 4)
		return -1;
	return h_in(h, proto, 2, f->b[1], f->b + 4, f->len - 4);
}

/* Does frame f's option data (after 4 header bytes) equal exp? */
static bool
h_opts_eq(const struct h_frame *f, const void *exp, size_t n)
{
	return f != NULL && f->len == n + 4 && memcmp(f->b + 4, exp, n) == 0;
}

static const uint8_t h_win_lcp[] = {
	0x01, 0x04, 0x05, 0x78,			/* MRU 1400 */
	0x05, 0x06, 0x3f, 0x2a, 0x71, 0x05,	/* Magic */
	0x07, 0x02,				/* PFC */
	0x08, 0x02,				/* ACFC */
	0x0d, 0x03, 0x06,			/* Callback, CBCP */
};
static const uint8_t h_win_lcp2[] = {
	0x01, 0x04, 0x05, 0x78,
	0x05, 0x06, 0x3f, 0x2a, 0x71, 0x05,
	0x08, 0x02,
};

/* Bring LCP up like Windows does; leaves a CHAP Challenge sent. */
static void
h_lcp_up(struct harness *h)
{
	ppp_start(h->p, h->now);
	(void)h_in(h, PPP_PROTO_LCP, 1, 1, h_win_lcp, sizeof(h_win_lcp));
	(void)h_in(h, PPP_PROTO_LCP, 1, 2, h_win_lcp2, sizeof(h_win_lcp2));
	(void)h_ack_ours(h, PPP_PROTO_LCP);
}

/* Send an MS-CHAPv2 Response to the last Challenge. */
static int
h_mschapv2_response(struct harness *h, const char *name)
{
	struct h_frame *c = &h->chal;
	uint8_t b[1 + 49 + 300];
	size_t n = 0, nl = strlen(name);

	if (c->len < 4 || nl > 300)
		return -1;
	b[n++] = 49;
	memset(b + n, 0x5a, 49);
	memset(b + n + 16, 0, 8);
	b[n + 48] = 0;
	n += 49;
	memcpy(b + n, name, nl);
	n += nl;
	return h_in(h, PPP_PROTO_CHAP, 2, c->b[1], b, n);
}

/* LCP up, MS-CHAPv2, verdict ok with peer 10.100.0.201. */
static void
h_auth_ok(struct harness *h)
{
	h_lcp_up(h);
	(void)h_mschapv2_response(h, "User");
	(void)ppp_auth_result(h->p, true,
	    "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=welcome",
	    IP4(10, 100, 0, 201));
}

/* Then CCP: Windows proposes everything, takes our Nak. */
static void
h_ccp_up(struct harness *h)
{
	static const uint8_t all[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0xe1 };
	static const uint8_t s128[] = { 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };

	(void)h_in(h, PPP_PROTO_CCP, 1, 5, all, sizeof(all));
	(void)h_in(h, PPP_PROTO_CCP, 1, 6, s128, sizeof(s128));
	(void)h_ack_ours(h, PPP_PROTO_CCP);
}

static void
h_ipcp_up(struct harness *h)
{
	static const uint8_t req[] = {
		0x03, 0x06, 10, 100, 0, 201,
		0x81, 0x06, 202, 99, 96, 68,
		0x82, 0x06, 202, 99, 96, 68,
	};

	(void)h_in(h, PPP_PROTO_IPCP, 1, 9, req, sizeof(req));
	(void)h_ack_ours(h, PPP_PROTO_IPCP);
}

static inline void
h_unused(void)
{
	(void)h_clear;
	(void)h_find;
	(void)h_in_raw;
	(void)h_tick;
	(void)h_count;
	(void)h_index;
	(void)h_opts_eq;
	(void)h_auth_ok;
	(void)h_ccp_up;
	(void)h_ipcp_up;
}

#endif /* HP_TEST_CTRL_PPP_HARNESS_H */
