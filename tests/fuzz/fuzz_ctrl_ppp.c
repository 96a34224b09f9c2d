/*
 * hpptpd fuzz: one PPP session driven by a sequence of records
 *   op (1 byte), length (2 bytes, big-endian), data
 * op % 6: 0 frame to ppp_input, 1 advance the clock (u16 x 10 ms) and
 * run timers, 2 Ack our last Configure-Request (data[0] % 4: LCP, CCP,
 * IPCP, IPV6CP),
 * 3 CHAP Response to the last Challenge (data after code/id/len),
 * 4 auth verdict (data[0] & 1 ok, rest the message), 5 ppp_close.
 * The first input byte picks the configuration (bit 7: IPv6 on).
 * Checked: finished() once; an opened IPV6CP never names a zero peer
 * identifier or ours.
 */
#include <stdint.h>
#include <string.h>

#include "common/log.h"
#include "ctrl/ppp.h"
#include "tests/unit/test_ctrl_ppp_harness.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
discard(int prio, enum log_fac fac, const char *line)
{
}

static struct harness H;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t cps[4] = { PPP_PROTO_LCP, PPP_PROTO_CCP,
	    PPP_PROTO_IPCP, PPP_PROTO_IPV6CP };
	static const uint8_t zero[8];
	struct ppp_conf c;
	char msg[300];
	uint8_t cfg;
	size_t i = 0;

	log_init("fuzz", 1, 0);
	log_set_sink(discard);
	if (size < 1)
		return 0;
	cfg = data[i++];
	h_conf(&c);
	switch (cfg & 3) {
	case 0:
		break;
	case 1:
		c.auth_allowed = PPP_AUTHF_ALL;
		break;
	case 2:
		c.auth_allowed = PPP_AUTHF(PPP_AUTH_PAP) |
		    PPP_AUTHF(PPP_AUTH_MSCHAP1);
		break;
	case 3:
		c.auth_allowed = PPP_AUTHF(PPP_AUTH_CHAP_MD5);
		break;
	}
	if (cfg & 4) {
		c.mppe_required = false;
		c.mppe_allowed = (cfg & 8) ? 0 : PPP_MPPE_40 | PPP_MPPE_56;
	}
	c.mppe_stateful = (cfg & 16) != 0;
	c.accept_pfc = (cfg & 32) != 0;
	if (cfg & 64)
		c.echo_interval = 0;
	c.ipv6 = (cfg & 128) != 0;
	h_init(&H, &c);
	if (H.p == NULL)
		return 0;
	ppp_start(H.p, H.now);
	if (c.ipv6) {	/* an ipv6 pool: RAs, and RSs parsed (ctrl/ra.c) */
		static const uint8_t pfx[16] = { 0x20, 0x01, 0x0d, 0xb8,
		    0x01, 0x00, 0x00, 0x01 };

		ppp_set_prefix6(H.p, pfx);
	}

	while (size - i >= 3) {
		uint8_t op = data[i];
		size_t len = (size_t)data[i + 1] << 8 | data[i + 2];
		const uint8_t *d = data + i + 3;

		i += 3;
		if (len > size - i)
			len = size - i;
		i += len;
		H.nf = 0;	/* keep only the frames of this step */
		switch (op % 6) {
		case 0:
			(void)ppp_input(H.p, d, len, H.now);
			break;
		case 1:
			h_tick(&H, len >= 2 ? (uint64_t)(d[0] << 8 | d[1]) * 10 :
			    3000);
			break;
		case 2:
			(void)h_ack_ours(&H, cps[(len > 0 ? d[0] : 0) % 4]);
			break;
		case 3:
			if (H.chal.len >= 4 && len < H_FRAME_MAX)
				(void)h_in(&H, PPP_PROTO_CHAP, 2, H.chal.b[1],
				    d, len);
			break;
		case 4:
			memset(msg, 0, sizeof(msg));
			if (len > 1)
				memcpy(msg, d + 1, len - 1 < sizeof(msg) - 1 ?
				    len - 1 : sizeof(msg) - 1);
			(void)ppp_auth_result(H.p, len > 0 && (d[0] & 1),
			    msg, IP4(10, 100, 0, 201));
			break;
		case 5:
			ppp_close(H.p, "fuzz");
			break;
		}
		if (H.nfin > 1)
			__builtin_trap();	/* finished() only once */
		if (H.nip6 > 0 && (memcmp(H.ip6_peer, zero, 8) == 0 ||
		    memcmp(H.ip6_peer, H.ip6_ours, 8) == 0))
			__builtin_trap();
		if (H.nip6 > 0 && !c.ipv6)
			__builtin_trap();
	}
	ppp_destroy(H.p);
	return 0;
}
